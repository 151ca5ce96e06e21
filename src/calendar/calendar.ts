import { type DayNumber, dayFromCivil, dayOf, isoFromDay, isWeekend } from './day.ts';
import type { OfficialSchedule } from './official-schedules.ts';
import { parseSchedules } from './parse-schedules.ts';
import { nthWeekday, weekdaysUpTo } from './weekday-count.ts';

/**
 * The working-day calendar (工作日): Saturdays and Sundays off, except the make-up workdays
 * the State Council names; the holidays it names off. Pure, built once from schedules.
 *
 * Counting convention (regulations.md, "Within N working days from day D"): D itself is not
 * counted; the deadline is the N-th working day after D.
 *
 * Inside the loaded years every day is indexed with its cumulative working-day count, so
 * adding and counting working days are two array reads. Outside them the weekends-only rule
 * holds (by closed form): such answers are provisional, and `covers` says so.
 */
export class WorkingCalendar {
  readonly firstYear: number;
  readonly lastYear: number;
  private readonly firstCovered: DayNumber;
  private readonly lastCovered: DayNumber;
  /** Index bounds: the covered years, widened to any schedule day that spills outside them. */
  private readonly lo: DayNumber;
  private readonly hi: DayNumber;
  private readonly work: Uint8Array;
  /** cum[i]: working days in [lo, lo + i]. */
  private readonly cum: Int32Array;
  /** nth[k]: the index of the k-th working day of the index (k ≥ 1). */
  private readonly nth: Int32Array;
  /** Working-day count of all days before the index, in the weekends-only closed form's origin. */
  private readonly before: number;
  private readonly total: number;

  constructor(schedules: readonly OfficialSchedule[]) {
    const years = schedules.map((s) => s.year);
    this.firstYear = Math.min(...years);
    this.lastYear = Math.max(...years);
    this.firstCovered = dayFromCivil(this.firstYear, 1, 1);
    this.lastCovered = dayFromCivil(this.lastYear, 12, 31);
    const holidays: DayNumber[] = [];
    const makeUp: DayNumber[] = [];
    for (const s of schedules) {
      for (const span of s.holidays) {
        const [from = '', to = from] = span.split('/');
        for (let d = dayOf(from); d <= dayOf(to); d++) holidays.push(d);
      }
      for (const d of s.makeUpWorkdays) makeUp.push(dayOf(d));
    }
    this.lo = Math.min(this.firstCovered, ...holidays, ...makeUp);
    this.hi = Math.max(this.lastCovered, ...holidays, ...makeUp);
    const size = this.hi - this.lo + 1;
    this.work = new Uint8Array(size);
    for (let i = 0; i < size; i++) this.work[i] = isWeekend(this.lo + i) ? 0 : 1;
    for (const d of holidays) this.work[d - this.lo] = 0;
    for (const d of makeUp) this.work[d - this.lo] = 1;
    this.cum = new Int32Array(size);
    this.nth = new Int32Array(size + 1);
    let count = 0;
    for (let i = 0; i < size; i++) {
      if (this.work[i] === 1) this.nth[++count] = i;
      this.cum[i] = count;
    }
    this.total = count;
    this.before = weekdaysUpTo(this.lo - 1);
  }

  /** Working days from a fixed origin up to and including `day`: differences count spans. */
  private countUpTo(day: DayNumber): number {
    if (day < this.lo) return weekdaysUpTo(day);
    if (day <= this.hi) return this.before + (this.cum[day - this.lo] ?? 0);
    return this.before + this.total + weekdaysUpTo(day) - weekdaysUpTo(this.hi);
  }

  /** The first day whose `countUpTo` is `count`: a working day. */
  private dayAtCount(count: number): DayNumber {
    if (count <= this.before) return nthWeekday(count);
    if (count <= this.before + this.total) return this.lo + (this.nth[count - this.before] ?? 0);
    return nthWeekday(count - this.before - this.total + weekdaysUpTo(this.hi));
  }

  isWorkdayDay(day: DayNumber): boolean {
    return day >= this.lo && day <= this.hi ? this.work[day - this.lo] === 1 : !isWeekend(day);
  }

  /** The n-th working day after `day` (n ≥ 1); `day` itself is not counted. */
  addWorkingDaysDay(day: DayNumber, n: number): DayNumber {
    return this.dayAtCount(this.countUpTo(day) + n);
  }

  /** Working days after `from` up to and including `to` (negative when `to` is before `from`). */
  workingDaysBetweenDays(from: DayNumber, to: DayNumber): number {
    return this.countUpTo(to) - this.countUpTo(from);
  }

  coversDay(day: DayNumber): boolean {
    return day >= this.firstCovered && day <= this.lastCovered;
  }

  isWorkday(date: string): boolean {
    return this.isWorkdayDay(dayOf(date));
  }

  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`工作日数须为正整数，收到${n}`);
    return isoFromDay(this.addWorkingDaysDay(dayOf(date), n));
  }

  workingDaysBetween(from: string, to: string): number {
    return this.workingDaysBetweenDays(dayOf(from), dayOf(to));
  }

  /** Whether the date's year has a loaded schedule; answers about other years are provisional. */
  covers(date: string): boolean {
    return this.coversDay(dayOf(date));
  }
}

/**
 * A calendar from schedules: the shipped snapshot, or an admin's from the database. Throws a
 * RangeError listing every problem (in Chinese) when the schedules are not valid.
 */
export const calendarFromSchedules = (schedules: unknown): WorkingCalendar => {
  const parsed = parseSchedules(schedules);
  if (!parsed.ok) throw new RangeError(`节假日安排有误：${parsed.errors.join('；')}`);
  return new WorkingCalendar(parsed.schedules);
};
