import { describe, expect, it } from 'vitest';
import { calendarFromSchedules } from '../../src/calendar/calendar.ts';
import { OFFICIAL_SCHEDULES } from '../../src/calendar/official-schedules.ts';
import { parseSchedules } from '../../src/calendar/parse-schedules.ts';

/** A made-up 2027, as an admin would enter one; not the real schedule. */
const year2027 = {
  year: 2027,
  notices: ['国务院办公厅关于2027年部分节假日安排的通知'],
  holidays: ['2027-01-01', '2027-02-06/2027-02-12'],
  makeUpWorkdays: ['2027-02-20'],
};

const errors = (input: unknown): readonly string[] => {
  const r = parseSchedules(input);
  return r.ok ? [] : r.errors;
};

describe('an admin’s new year plugs in', () => {
  it('extends the calendar: 2027 is then loaded', () => {
    const calendar = calendarFromSchedules([...OFFICIAL_SCHEDULES, year2027]);
    expect(calendar.lastYear).toBe(2027);
    expect(calendar.covers('2027-06-01')).toBe(true);
    expect(calendar.isWorkday('2027-01-01')).toBe(false);
    expect(calendar.isWorkday('2027-02-20')).toBe(true);
    expect(calendar.addWorkingDays('2026-12-31', 1)).toBe('2027-01-04');
  });
});

describe('schedule validation, messages in Chinese', () => {
  it.each([
    [
      { ...year2027, makeUpWorkdays: ['2027-02-22'] },
      '2027年 makeUpWorkdays 第1项：调休上班日2027-02-22不是周六或周日',
    ],
    [{ ...year2027, makeUpWorkdays: ['2027-02-06'] }, '2027-02-06既是假日又是调休上班日'],
    [{ ...year2027, holidays: ['2027-02-12/2027-02-06'] }, '结束日早于开始日'],
    [{ ...year2027, holidays: ['2027-02-30'] }, '不是日期 YYYY-MM-DD 或日期段'],
    [{ ...year2027, notices: [] }, '须至少列出一份通知'],
    [{ ...year2027, year: 2027.5 }, '须为整数年份'],
  ])('%j', (schedule, message) => {
    expect(errors([schedule]).join('\n')).toContain(message);
  });

  it('wants contiguous, distinct years', () => {
    expect(
      errors([...OFFICIAL_SCHEDULES, { ...year2027, year: 2028, holidays: [], makeUpWorkdays: [] }]),
    ).toContain('节假日安排的年份须连续：缺少2027年');
    expect(errors([year2027, year2027])).toContain('2027年的节假日安排重复');
    expect(errors([])).toContain('至少需要一年的节假日安排');
  });

  it('calendarFromSchedules refuses bad data with the messages', () => {
    expect(() => calendarFromSchedules([{ ...year2027, makeUpWorkdays: ['2027-02-22'] }])).toThrow(
      '节假日安排有误：2027年 makeUpWorkdays 第1项',
    );
  });
});
