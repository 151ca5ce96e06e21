import { describe, expect, it } from 'vitest';
import { appealDuty, dutyState, dutyStateText } from '../../src/appeals/appeal-deadline.ts';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';

const calendar = snapshotCalendar();

describe('the agency’s reply and defence deadlines, in calendar days', () => {
  it.each([
    // [kind, copy received, due, rolled, why]
    ['reconsideration', '2019-09-26', '2019-10-08', true, 'day 10 is 2019-10-06, inside 国庆 (1–7 October)'],
    ['litigationDirect', '2019-09-21', '2019-10-08', true, 'day 15 is 2019-10-06, inside 国庆'],
    ['litigationAfterReview', '2019-09-21', '2019-10-08', true, 'the same 15 days after a review'],
    ['reconsideration', '2019-09-19', '2019-09-29', false, 'day 10 is a Sunday worked in lieu (调休上班)'],
    ['reconsideration', '2019-11-06', '2019-11-18', true, 'day 10 is a Saturday: the Monday after'],
    ['reconsideration', '2019-11-05', '2019-11-15', false, 'day 10 is a Friday'],
    [
      'reconsideration',
      '2024-02-01',
      '2024-02-18',
      true,
      'day 10 in 春节; the first working day after is a Sunday worked',
    ],
    ['reconsideration', '2020-01-17', '2020-02-03', true, '春节 2020 as extended to 2 February'],
    [
      'reconsideration',
      '2019-12-27',
      '2020-01-06',
      false,
      'the period runs across the year end: 2020-01-06 is a Monday',
    ],
  ] as const)('%s, copy received %s → %s', (kind, copy, due, rolled, _why) => {
    const duty = appealDuty(kind, copy, calendar);
    expect([duty.due, duty.rolled, duty.provisional]).toEqual([due, rolled, false]);
    expect(duty.explanation).toContain(`${copy}收到副本`);
    if (rolled) expect(duty.explanation).toContain(`顺延至休假日后的第一个工作日${due}`);
  });

  it('starts the day after receipt: 10 and 15 days exactly when the last day is a working day', () => {
    expect(appealDuty('reconsideration', '2019-03-01', calendar).nominal).toBe('2019-03-11');
    expect(appealDuty('litigationDirect', '2019-03-01', calendar).nominal).toBe('2019-03-16');
  });

  it('is provisional in a year whose holidays are not loaded', () => {
    const duty = appealDuty('litigationDirect', '2031-06-02', calendar);
    expect(duty.provisional).toBe(true);
  });

  it('says where the duty stands', () => {
    expect(dutyState(null, null, '2019-10-01')).toEqual({ state: 'noCopy' });
    expect(dutyState('2019-10-08', null, '2019-10-05')).toEqual({ state: 'due', daysLeft: 3 });
    expect(dutyState('2019-10-08', null, '2019-10-08')).toEqual({ state: 'due', daysLeft: 0 });
    expect(dutyState('2019-10-08', null, '2019-10-10')).toEqual({ state: 'overdue', daysOver: 2 });
    expect(dutyState('2019-10-08', '2019-10-08', '2019-12-01')).toEqual({ state: 'done', late: false });
    expect(dutyState('2019-10-08', '2019-10-09', '2019-12-01')).toEqual({ state: 'done', late: true });
    expect(dutyStateText({ state: 'due', daysLeft: 0 })).toBe('今日到期');
    expect(dutyStateText({ state: 'due', daysLeft: 3 })).toBe('3日后到期');
    expect(dutyStateText({ state: 'overdue', daysOver: 2 })).toBe('已逾期2日');
  });
});
