import type { WorkingCalendar } from '../calendar/calendar.ts';
import { dayOf, isoFromDay } from '../calendar/day.ts';
import type { AppealKind } from './appeal-case.table.ts';

/**
 * The agency's own duties when it is challenged (regulations.md, "When the agency itself is
 * challenged"), in CALENDAR days from the day it received the copy of the reconsideration
 * application or of the complaint:
 * - reconsideration: a written reply with its evidence and basis within 10 days (行政复议法 2023
 *   Art. 48);
 * - litigation: the evidence, the basis and a statement of defence within 15 days (行政诉讼法
 *   Art. 67).
 * The period starts the day after the copy was received. When its last day is a statutory
 * holiday (法定休假日) it ends on the first working day after it. The stored calendar classes
 * each day as a working day or not: a weekend or a holiday it names is a day off, a make-up
 * workday (调休上班) is a working day. Days off of both kinds roll the end over, as the courts
 * count weekends among 法定休假日 (民事诉讼法 Art. 85, applied to administrative cases).
 */
export const APPEAL_DUTY_DAYS: Record<AppealKind, number> = {
  reconsideration: 10,
  litigationDirect: 15,
  litigationAfterReview: 15,
};

export interface AppealDuty {
  /** The last day of the period, after any roll-over. */
  readonly due: string;
  /** copy received + N calendar days, before the roll-over. */
  readonly nominal: string;
  readonly days: number;
  /** True when the nominal last day fell on a day off and the period was extended. */
  readonly rolled: boolean;
  /** The calendar does not cover the year: weekends only are known. */
  readonly provisional: boolean;
  readonly explanation: string;
}

/** The due date of the reply or defence, from the day the copy was received. Pure. */
export const appealDuty = (
  kind: AppealKind,
  copyReceivedOn: string,
  calendar: WorkingCalendar,
): AppealDuty => {
  const days = APPEAL_DUTY_DAYS[kind];
  const nominalDay = dayOf(copyReceivedOn) + days;
  let due = nominalDay;
  while (!calendar.isWorkdayDay(due)) due++;
  const nominal = isoFromDay(nominalDay);
  const dueIso = isoFromDay(due);
  const what = kind === 'reconsideration' ? '提出书面答复' : '提交答辩状及证据、依据';
  const rolled = due !== nominalDay;
  return {
    due: dueIso,
    nominal,
    days,
    rolled,
    provisional: !calendar.coversDay(nominalDay) || !calendar.coversDay(due),
    explanation:
      `${copyReceivedOn}收到副本，自次日起${days}日内${what}，至${nominal}` +
      (rolled ? `；该日为法定休假日，顺延至休假日后的第一个工作日${dueIso}` : ''),
  };
};

export type DutyState =
  | { readonly state: 'noCopy' }
  | { readonly state: 'done'; readonly late: boolean }
  | { readonly state: 'due'; readonly daysLeft: number }
  | { readonly state: 'overdue'; readonly daysOver: number };

/** Where the duty stands on `today`: not yet running, done (on time or late), due in N days, overdue. */
export const dutyState = (due: string | null, respondedOn: string | null, today: string): DutyState => {
  if (respondedOn !== null) return { state: 'done', late: due !== null && respondedOn > due };
  if (due === null) return { state: 'noCopy' };
  const left = dayOf(due) - dayOf(today);
  return left >= 0 ? { state: 'due', daysLeft: left } : { state: 'overdue', daysOver: -left };
};

export const dutyStateText = (s: DutyState): string => {
  switch (s.state) {
    case 'noCopy':
      return '尚未收到副本';
    case 'done':
      return s.late ? '已提交（逾期）' : '已提交';
    case 'due':
      return s.daysLeft === 0 ? '今日到期' : `${s.daysLeft}日后到期`;
    case 'overdue':
      return `已逾期${s.daysOver}日`;
  }
};
