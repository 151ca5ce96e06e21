import type { DeadlineEvent, DeadlineEventType } from '../../src/deadlines/deadline-event.ts';

/** 'extended 2024-10-25 10' → { type, date, workingDays }; 'delayed 2024-10-20 2024-12-31' → { …, until }. */
export const ev = (line: string): DeadlineEvent => {
  const [type = '', date = '', extra] = line.split(' ');
  const event: DeadlineEvent = { type: type as DeadlineEventType, date };
  if (extra === undefined) return event;
  return /^\d+$/.test(extra) ? { ...event, workingDays: Number(extra) } : { ...event, until: extra };
};

export const evs = (...lines: string[]): DeadlineEvent[] => lines.map(ev);
