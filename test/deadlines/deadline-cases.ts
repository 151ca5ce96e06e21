import { expect, it } from 'vitest';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { computeDeadline } from '../../src/deadlines/compute-deadline.ts';
import { evs } from './events.ts';

/**
 * A hand-computed deadline (regulations.md, "The clock"), worked out from the schedule
 * table: the base day is not counted; a pause's start day counts, the working days after it up
 * to and including its end do not. `warn` lists fragments the warnings must contain (none when
 * absent); `waiting` is 'what by'.
 */
export interface Case {
  readonly why: string;
  readonly events: readonly string[];
  readonly due: string | null;
  readonly waiting?: string;
  readonly warn?: readonly string[];
  readonly provisional?: boolean;
}

const calendar = snapshotCalendar();

export const checkCases = (cases: readonly Case[]): void => {
  it.each(cases.map((c) => [`${c.events.join(', ')} → ${c.due ?? c.waiting} (${c.why})`, c] as const))(
    '%s',
    (_name, c) => {
      const result = computeDeadline(evs(...c.events), calendar);
      expect(result.due).toBe(c.due);
      expect(result.waitingFor ? `${result.waitingFor.what} ${result.waitingFor.by}` : undefined).toBe(
        c.waiting,
      );
      expect(result.provisional).toBe(c.provisional ?? false);
      if (c.warn === undefined) expect(result.warnings).toEqual([]);
      else for (const w of c.warn) expect(result.warnings.join('\n')).toContain(w);
    },
  );
};
