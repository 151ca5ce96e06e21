import { expect, it } from 'vitest';
import { loadCalendar, saveYearSchedule, seedCalendar } from '../../src/calendar/calendar-store.ts';
import { isAppError } from '../../src/errors/app-error.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2026-11-27T03:00:00Z');

/** A made-up 2027 schedule, as an admin would type one in (the real one was not out yet). */
const SCHEDULE_2027 = {
  year: 2027,
  notices: ['国务院办公厅关于2027年部分节假日安排的通知（测试用）'],
  holidays: ['2027-01-01/2027-01-03', '2027-02-06/2027-02-13'],
  makeUpWorkdays: ['2027-02-14'],
};

describeEachDatabase('the calendar in the database', (db) => {
  it('is seeded once with the shipped schedules, and computes as the snapshot does', async () => {
    const first = await seedCalendar(db(), NOW);
    expect(first).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(await seedCalendar(db(), NOW)).toEqual([]);
    const calendar = await loadCalendar(db());
    expect(calendar.addWorkingDays('2024-09-27', 20)).toBe('2024-10-30');
    expect(calendar.isWorkday('2024-10-12')).toBe(true);
    expect(calendar.lastYear).toBe(2026);
  });

  it("takes an admin's schedule for a new year, after which that year counts", async () => {
    await seedCalendar(db(), NOW);
    const saved = await saveYearSchedule(db(), { schedule: SCHEDULE_2027, actor: TEST_ACTOR, now: NOW });
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'calendar.year.save')
      .where('entity_id', '=', '2027')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({
      year: 2027,
      recomputedOpenApplications: saved.openApplications,
    });
    const calendar = await loadCalendar(db());
    expect(calendar.lastYear).toBe(2027);
    expect(calendar.isWorkday('2027-02-08')).toBe(false);
    expect(calendar.isWorkday('2027-02-14')).toBe(true);
    // 2027-02-05 (Fri) + 1 working day: the holiday runs to 02-13, the make-up Sunday 02-14 is next.
    expect(calendar.addWorkingDays('2027-02-05', 1)).toBe('2027-02-14');
  });

  it('refuses a wrong schedule with the problem in Chinese, and stores nothing', async () => {
    await seedCalendar(db(), NOW);
    const refused = async (schedule: unknown): Promise<string> => {
      try {
        await saveYearSchedule(db(), { schedule, actor: TEST_ACTOR, now: NOW });
      } catch (error) {
        if (isAppError(error, 'VALIDATION')) return (error.details ?? []).map((d) => d.message).join('；');
        throw error;
      }
      throw new Error('expected a refusal');
    };
    expect(await refused({ ...SCHEDULE_2027, makeUpWorkdays: ['2027-02-10'] })).toContain('不是周六或周日');
    expect(
      await refused({ year: 2029, notices: ['通知'], holidays: ['2029-01-01'], makeUpWorkdays: [] }),
    ).toContain('年份须连续');
    const years = (await db().selectFrom('calendar_years').select('year').execute()).map((r) => r.year);
    expect(years).not.toContain(2029);
  });
});
