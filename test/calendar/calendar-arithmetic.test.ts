import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { calendarFromSchedules } from '../../src/calendar/calendar.ts';
import { dayFromCivil, isoFromDay, parseIsoDate } from '../../src/calendar/day.ts';
import { OFFICIAL_SCHEDULES } from '../../src/calendar/official-schedules.ts';

const calendar = calendarFromSchedules(OFFICIAL_SCHEDULES);

/** The obvious day-by-day definition, to check the indexed one against. */
const slowAdd = (date: string, n: number): string => {
  let d = dayFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
  let left = n;
  while (left > 0) {
    d++;
    if (calendar.isWorkday(isoFromDay(d))) left--;
  }
  return isoFromDay(d);
};

const anyDay = fc.integer({ min: dayFromCivil(2010, 1, 1), max: dayFromCivil(2032, 12, 31) }).map(isoFromDay);

describe('dates as strings', () => {
  it.each([
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-13-01', false],
    ['2024-9-27', false],
    ['2024-09-27T00:00', false],
    ['', false],
  ])('%s valid: %s', (text, valid) => {
    expect(parseIsoDate(text) !== null).toBe(valid);
  });

  it('round-trips every day from 1900 to 2199', () => {
    const wrong: string[] = [];
    for (let d = dayFromCivil(1900, 1, 1); d <= dayFromCivil(2199, 12, 31); d += 1) {
      if (parseIsoDate(isoFromDay(d)) !== d) wrong.push(isoFromDay(d));
    }
    expect(wrong).toEqual([]);
    expect(isoFromDay(dayFromCivil(2024, 2, 29))).toBe('2024-02-29');
    expect(isoFromDay(0)).toBe('1970-01-01');
    expect(isoFromDay(-1)).toBe('1969-12-31');
  });
});

describe('addWorkingDays: the n-th working day after the date, the date not counted', () => {
  it.each<[string, number, string, string]>([
    ['2024-09-27', 1, '2024-09-29', 'make-up Sunday next'],
    ['2024-09-27', 20, '2024-10-30', 'regulations.md example'],
    ['2024-09-30', 1, '2024-10-08', 'over National Day'],
    ['2024-10-11', 1, '2024-10-12', 'make-up Saturday'],
    ['2024-02-08', 1, '2024-02-09', '除夕 2024 works'],
    ['2026-12-31', 1, '2027-01-01', 'past the last loaded year: weekends only'],
    ['2027-01-01', 5, '2027-01-08', 'wholly past: weekends only'],
    ['2018-12-28', 1, '2018-12-29', 'the 2019 notice’s make-up Saturday in 2018'],
    ['2018-06-01', 1, '2018-06-04', 'before the loaded years: weekends only'],
  ])('%s + %i = %s (%s)', (date, n, due) => {
    expect(calendar.addWorkingDays(date, n)).toBe(due);
  });

  it('agrees with a day-by-day count, inside and outside the loaded years', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 300 }), (date, n) => {
        expect(calendar.addWorkingDays(date, n)).toBe(slowAdd(date, n));
      }),
      { numRuns: 500 },
    );
  });

  it('always lands on a working day, and workingDaysBetween inverts it', () => {
    fc.assert(
      fc.property(anyDay, fc.integer({ min: 1, max: 500 }), (date, n) => {
        const due = calendar.addWorkingDays(date, n);
        expect(calendar.isWorkday(due)).toBe(true);
        expect(calendar.workingDaysBetween(date, due)).toBe(n);
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses n < 1 and bad dates', () => {
    expect(() => calendar.addWorkingDays('2024-09-27', 0)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2024-02-30', 1)).toThrow('不是有效日期');
  });
});

describe('workingDaysBetween: working days after `from` up to and including `to`', () => {
  it.each<[string, string, number, string]>([
    ['2024-09-27', '2024-10-10', 5, '09-29, 09-30, 10-08, 10-09, 10-10'],
    ['2024-10-10', '2024-10-24', 11, 'the example’s pause, make-up 10-12 among them'],
    ['2024-10-01', '2024-10-07', 0, 'a whole holiday'],
    ['2024-10-10', '2024-10-10', 0, 'the same day'],
    ['2024-10-10', '2024-10-09', -1, 'backwards'],
  ])('%s → %s: %i (%s)', (from, to, n) => {
    expect(calendar.workingDaysBetween(from, to)).toBe(n);
  });
});

describe('covers', () => {
  it.each([
    ['2018-12-31', false],
    ['2019-01-01', true],
    ['2026-12-31', true],
    ['2027-01-01', false],
  ] as const)('%s: %s', (date, covered) => {
    expect(calendar.covers(date)).toBe(covered);
  });
});
