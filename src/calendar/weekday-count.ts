import type { DayNumber } from './day.ts';

/**
 * Closed forms for the weekends-only rule, used outside the loaded years: `weekdaysUpTo`
 * counts Monday–Friday days from Monday 1970-01-05 up to and including `day` (negative
 * before it, so differences count the weekdays in any span); `nthWeekday` inverts it.
 */
const MONDAY = 4;

export const weekdaysUpTo = (day: DayNumber): number => {
  const y = day - MONDAY + 1;
  const weeks = Math.floor(y / 7);
  return weeks * 5 + Math.min(y - weeks * 7, 5);
};

/** The first day whose `weekdaysUpTo` is `count`: always a weekday. */
export const nthWeekday = (count: number): DayNumber => {
  const weeks = Math.floor((count - 1) / 5);
  return MONDAY + weeks * 7 + (count - 1 - weeks * 5);
};
