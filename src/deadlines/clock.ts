import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { DayNumber } from '../calendar/day.ts';
import type { WaitingFor } from './deadline-result.ts';
import { CONSULTATION_WORKING_DAYS, FEE_PAYMENT_WORKING_DAYS, REPLY_WORKING_DAYS } from './periods.ts';

/**
 * The reply clock's state as events are applied, and the due date it implies, by the counting
 * conventions of regulations.md ("The clock"):
 * - it counts working days after its base day (receipt, or the corrected application's
 *   receipt) and needs 20 of them plus the days of an approved extension;
 * - a pause (consultation, fee notice) from day S to day E: S still counts, the working days
 *   after S up to and including E do not; overlapping pauses pause once, so pauses are kept
 *   as their union, (from, to] intervals in date order;
 * - an open pause or an awaited correction leaves no due date, only what it waits for.
 */
export interface Pause {
  readonly from: DayNumber;
  readonly to: DayNumber;
}

export interface ClockState {
  received: DayNumber | null;
  base: DayNumber | null;
  days: number;
  extensions: number;
  pauses: Pause[];
  /** Start of the union pause now open (any consultation or fee notice not yet ended). */
  openSince: DayNumber | null;
  openConsultations: DayNumber[];
  openFees: DayNumber[];
  correction: { readonly asked: DayNumber; readonly by: DayNumber } | null;
  corrections: number;
  delayedUntil: DayNumber | null;
}

export const newClock = (): ClockState => ({
  received: null,
  base: null,
  days: REPLY_WORKING_DAYS,
  extensions: 0,
  pauses: [],
  openSince: null,
  openConsultations: [],
  openFees: [],
  correction: null,
  corrections: 0,
  delayedUntil: null,
});

/** The due date from the base day and the closed pauses, ignoring anything still open. */
export const dueOfClosed = (clock: ClockState, calendar: WorkingCalendar): DayNumber | null => {
  if (clock.base === null) return null;
  let cursor = clock.base;
  let remaining = clock.days;
  for (const p of clock.pauses) {
    if (p.to <= cursor) continue;
    if (p.from >= cursor) {
      const counted = calendar.workingDaysBetweenDays(cursor, p.from);
      if (counted >= remaining) break;
      remaining -= counted;
    }
    cursor = p.to;
  }
  return calendar.addWorkingDaysDay(cursor, remaining);
};

export interface ClockReading {
  readonly due: DayNumber | null;
  readonly waitingFor?: { readonly what: WaitingFor; readonly by: DayNumber };
}

const earliestOpenPause = (
  clock: ClockState,
  calendar: WorkingCalendar,
): { what: WaitingFor; by: DayNumber } => {
  const c = clock.openConsultations[0];
  const f = clock.openFees[0];
  const consultation = c === undefined ? null : calendar.addWorkingDaysDay(c, CONSULTATION_WORKING_DAYS);
  const fee = f === undefined ? null : calendar.addWorkingDaysDay(f, FEE_PAYMENT_WORKING_DAYS);
  if (fee !== null && (consultation === null || fee < consultation)) return { what: 'feePayment', by: fee };
  return { what: 'consultation', by: consultation ?? fee ?? 0 };
};

/**
 * The due date now, or what the clock waits for. An open pause that began on or after the
 * due day it would interrupt does not stop the clock (the start day still counts). Among
 * several open pauses the one that ends first by law is named. An Art. 35 date replaces the
 * computed one.
 */
export const readClock = (clock: ClockState, calendar: WorkingCalendar): ClockReading => {
  if (clock.base === null) return { due: null };
  if (clock.correction !== null)
    return { due: null, waitingFor: { what: 'correction', by: clock.correction.by } };
  const due = dueOfClosed(clock, calendar);
  if (due !== null && clock.openSince !== null && clock.openSince < due)
    return { due: null, waitingFor: earliestOpenPause(clock, calendar) };
  return { due: clock.delayedUntil ?? due };
};
