import chineseDays from 'chinese-days';
import { describe, expect, it } from 'vitest';
import { calendarFromSchedules } from '../../src/calendar/calendar.ts';
import { dayFromCivil, isoFromDay } from '../../src/calendar/day.ts';
import { LAST_LOADED_YEAR, OFFICIAL_SCHEDULES } from '../../src/calendar/official-schedules.ts';
import { parseSchedules } from '../../src/calendar/parse-schedules.ts';

const calendar = calendarFromSchedules(OFFICIAL_SCHEDULES);

describe('the shipped schedules 2019–2026', () => {
  it('are valid and end at LAST_LOADED_YEAR', () => {
    expect(parseSchedules(OFFICIAL_SCHEDULES).ok).toBe(true);
    expect(calendar.firstYear).toBe(2019);
    expect(calendar.lastYear).toBe(LAST_LOADED_YEAR);
    expect(LAST_LOADED_YEAR).toBe(2026);
  });

  it('agree with chinese-days 1.5.7 on every day of 2019–2026', () => {
    const disagreements: string[] = [];
    for (let d = dayFromCivil(2019, 1, 1); d <= dayFromCivil(2026, 12, 31); d++) {
      const date = isoFromDay(d);
      if (calendar.isWorkday(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
    }
    expect(disagreements).toEqual([]);
  });

  it('agree with chinese-days on the 2018 days the 2019 schedule names', () => {
    for (const date of ['2018-12-29', '2018-12-30', '2018-12-31'])
      expect(calendar.isWorkday(date), date).toBe(chineseDays.isWorkday(date));
  });
});
