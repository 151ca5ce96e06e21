import { afterAll, expect, it } from 'vitest';
import { deadlineOfApplication } from '../../src/applications/application-deadline.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { OFFICIAL_SCHEDULES } from '../../src/calendar/official-schedules.ts';
import { CALENDAR_RECOMPUTE, recomputeOpenDeadlines } from '../../src/jobs/handlers/calendar-recompute.ts';
import { registerJobHandlers } from '../../src/jobs/handlers/index.ts';
import { openJobQueue } from '../../src/jobs/job-queue.ts';
import { makeApplication } from '../letters/support.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency } from '../support/factories.ts';
import { dropJobSchema, FAST, waitFor } from './support.ts';

describeEachDatabase('calendar.recompute', (db, database) => {
  afterAll(() => dropJobSchema(database()));

  const stored = async (id: number) =>
    (await db().selectFrom('applications').select('due_on').where('id', '=', id).executeTakeFirstOrThrow())
      .due_on;

  /** Two more days off in October 2024, written straight into the schedule table. */
  const addHolidays = async (dates: string) => {
    const official = OFFICIAL_SCHEDULES.find((s) => s.year === 2024);
    if (official === undefined) throw new Error('no 2024 schedule');
    await db().deleteFrom('calendar_years').where('year', '=', 2024).execute();
    await db()
      .insertInto('calendar_years')
      .values({
        year: 2024,
        notices_json: JSON.stringify(official.notices),
        holidays_json: JSON.stringify([...official.holidays, dates]),
        make_up_workdays_json: JSON.stringify(official.makeUpWorkdays),
        source: 'admin',
        entered_by: null,
        entered_at: new Date().toISOString(),
      })
      .execute();
  };

  it('brings stored deadlines back to what the engine computes, batch by batch', async () => {
    const agency = await makeAgency(db());
    const apps = [];
    for (let i = 0; i < 3; i++) apps.push(await makeApplication(db(), agency.id));
    // Received 2024-09-27: 20 working days end on 2024-10-30.
    expect(await stored(apps[0]?.id ?? 0)).toBe('2024-10-30');
    await addHolidays('2024-10-15/2024-10-16');
    expect(await stored(apps[0]?.id ?? 0)).toBe('2024-10-30');

    const result = await recomputeOpenDeadlines(db(), { now: new Date(), batchSize: 2 });
    expect(result.changed).toBeGreaterThanOrEqual(3);
    const calendar = await loadCalendar(db());
    for (const app of apps) {
      const engine = await deadlineOfApplication(db(), app.id, calendar);
      expect(engine.due).toBe('2024-11-01');
      expect(await stored(app.id)).toBe(engine.due);
    }
    // Idempotent: a second run finds nothing to change.
    expect((await recomputeOpenDeadlines(db(), { now: new Date() })).changed).toBe(0);
    const audit = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'deadline.recompute')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after_json ?? '{}')).toMatchObject({ changed: 0 });
  });

  it('runs as a job on the queue', async () => {
    const agency = await makeAgency(db());
    const app = await makeApplication(db(), agency.id);
    await addHolidays('2024-10-21/2024-10-22');
    const queue = openJobQueue(database(), { ...FAST, onError: () => {} });
    await registerJobHandlers(queue, db());
    await queue.start();
    try {
      const id = (await queue.send(CALENDAR_RECOMPUTE)) ?? '';
      await waitFor(async () => ((await queue.get(id))?.state === 'completed' ? true : undefined), 'the job');
      const engine = await deadlineOfApplication(db(), app.id, await loadCalendar(db()));
      expect(await stored(app.id)).toBe(engine.due);
      expect(engine.due).toBe('2024-11-01');
    } finally {
      await queue.stop();
    }
  });
});
