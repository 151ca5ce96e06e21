import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { eventsOf } from '../../src/applications/application.repository.ts';
import { deadlineOfApplication } from '../../src/applications/application-deadline.ts';
import { DEMO_APPROVAL_AGENCY } from '../../src/applications/demo-applications.ts';
import { idNumberProblem } from '../../src/applications/identity-number.ts';
import { listApplications, QUEUES, type Queue } from '../../src/applications/list-applications.ts';
import { beijingToday } from '../../src/applications/workflow-input.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { resetDemo, seedDemo } from '../../src/orgs/demo.ts';
import { compileReport } from '../../src/reports/compile/compile-report.ts';
import { S3_COLUMNS } from '../../src/reports/model/applications-table.ts';
import { EDITION_2019, tableById } from '../../src/reports/model/editions.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { validateReport } from '../../src/reports/validate/index.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const SAMPLE = new URL('../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

/** Seeding days: a Friday (the day this was written), a Monday morning, a public holiday. */
const FRIDAY = new Date('2026-11-27T03:00:00.000Z');
const MONDAY = new Date('2026-03-02T00:30:00.000Z');
const HOLIDAY = new Date('2026-10-03T02:00:00.000Z');

/**
 * Section 三 of the sample report as its own figures say it: every cell as parsed, except
 * where the validator finds the stated total wrong (the sample's totals row, see
 * spec/annual-report.md): there, what its rows add up to.
 */
const sampleSection3 = async (): Promise<Record<string, number | null>> => {
  const parsed = await parseReport(await readFile(SAMPLE));
  if (!parsed.ok) throw new Error(parsed.error);
  expect([parsed.report.agency, parsed.report.year, parsed.report.edition]).toEqual([
    '鼓楼区人民政府',
    2019,
    '2019',
  ]);
  const corrected: Record<string, number> = {};
  for (const f of validateReport(parsed.report))
    if (f.rule === 'S3-TOTAL-ROW' && f.cells[0] !== undefined && f.expected !== undefined)
      corrected[f.cells[0]] = f.expected;
  return Object.fromEntries(
    Object.entries(parsed.report.cells)
      .filter(([key]) => key.startsWith('s3.'))
      .map(([key, value]) => [key, corrected[key] ?? value]),
  );
};

describeEachDatabase('demo applications', (db) => {
  const agencyIdOf = async (name: string) =>
    (await db().selectFrom('agencies').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const allAgencyIds = async () =>
    (await db().selectFrom('agencies').select('id').execute()).map((r) => r.id);

  /** Section 三 compiled from the seeded records of 鼓楼区人民政府 (src/reports/compile). */
  const countedSection3 = async (): Promise<Record<string, number | null>> => {
    const report = await compileReport(db(), { agencyId: await agencyIdOf('鼓楼区人民政府'), year: 2019 });
    return Object.fromEntries(Object.entries(report.cells).filter(([key]) => key.startsWith('s3.')));
  };

  const queueSizes = async (now: Date) => {
    const agencyIds = await allAgencyIds();
    const today = beijingToday(now);
    const sizes = {} as Record<Queue, number>;
    for (const queue of QUEUES)
      sizes[queue] = (await listApplications(db(), { agencyIds, queue, today, pageSize: 1 })).total;
    return sizes;
  };

  const handlerQueue = async (now: Date) => {
    const handler = await db()
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'handler')
      .executeTakeFirstOrThrow();
    return listApplications(db(), {
      agencyIds: [await agencyIdOf('鼓楼区民政局')],
      handlerUserId: handler.id,
      today: beijingToday(now),
      pageSize: 100,
    });
  };

  const expectStoredDeadlinesDerived = async () => {
    const calendar = await loadCalendar(db());
    const rows = await db()
      .selectFrom('applications')
      .select(['id', 'due_on', 'waiting_for', 'waiting_by', 'deadline_provisional'])
      .execute();
    expect(rows.length).toBeGreaterThan(27);
    for (const row of rows) {
      const derived = await deadlineOfApplication(db(), row.id, calendar);
      expect(row).toEqual({
        id: row.id,
        due_on: derived.due,
        waiting_for: derived.waitingFor?.what ?? null,
        waiting_by: derived.waitingFor?.by ?? null,
        deadline_provisional: derived.provisional ? 1 : 0,
      });
    }
  };

  const expectCurrentYear = async (now: Date) => {
    const today = beijingToday(now);
    const rows = await db()
      .selectFrom('applications')
      .select(['id', 'agency_id', 'received_on', 'status', 'handling_agency_id'])
      .where('received_on', '>', '2019-12-31')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(40);
    expect(rows.length).toBeLessThanOrEqual(80);
    expect(new Set(rows.map((r) => r.agency_id)).size).toBeGreaterThanOrEqual(4);
    expect(rows.filter((r) => r.status === 'closed').length).toBeGreaterThan(20);
    expect(rows.filter((r) => r.handling_agency_id !== null).length).toBeGreaterThan(10);
    const oldest = rows.map((r) => r.received_on).sort()[0] ?? '';
    expect(oldest > `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`).toBe(true);
    const events = await eventsOf(
      db(),
      rows.map((r) => r.id),
    );
    const dates = [...events.values()].flat().map((e) => e.date);
    expect(dates.every((d) => d <= today)).toBe(true);
    const recorded = [...events.values()].flat().map((e) => e.recordedAt);
    expect(recorded.every((t) => t <= now.toISOString())).toBe(true);
  };

  /** Every cell of the form (new, carried, each outcome row, total, carried forward × 7 columns). */
  const expectSection3OfSample = async () => {
    const sample = await sampleSection3();
    const counted = await countedSection3();
    const table = tableById(EDITION_2019, 's3');
    expect(Object.keys(counted).sort()).toEqual(
      table.rows.flatMap((r) => S3_COLUMNS.map((c) => `s3.${r.key}.${c.key}`)).sort(),
    );
    expect(counted).toEqual(Object.fromEntries(Object.keys(counted).map((key) => [key, sample[key]])));
    expect([counted['s3.new.total'], counted['s3.granted.natural'], counted['s3.forward.total']]).toEqual([
      27, 25, 0,
    ]);
  };

  it('2019: the 27 applications count up to section 三 of the district’s published report', async () => {
    await seedDemo(db(), { now: FRIDAY });
    await expectSection3OfSample();
  });

  it('2019: 26 letters and 1 online, each answered in time, with review, proof and valid identity', async () => {
    const gulou = await agencyIdOf('鼓楼区人民政府');
    const rows = await db()
      .selectFrom('applications')
      .selectAll()
      .where('agency_id', '=', gulou)
      .where('received_on', '<=', '2019-12-31')
      .orderBy('received_on')
      .execute();
    expect(rows).toHaveLength(27);
    expect(rows.filter((r) => r.channel === 'letter')).toHaveLength(26);
    expect(rows.filter((r) => r.channel === 'online')).toHaveLength(1);
    const months = new Set(rows.map((r) => r.received_on.slice(5, 7)));
    expect(months.size).toBe(12);
    const calendar = await loadCalendar(db());
    const events = await eventsOf(
      db(),
      rows.map((r) => r.id),
    );
    for (const r of rows) {
      expect(calendar.isWorkday(r.received_on)).toBe(true);
      expect([r.status, r.stage]).toEqual(['closed', 'delivered']);
      expect(r.delivered_on !== null && r.due_on !== null && r.delivered_on <= r.due_on).toBe(true);
      expect((r.delivered_on ?? '') <= '2019-12-31').toBe(true);
      if (r.applicant_type === 'natural') {
        expect([r.id_type, idNumberProblem(r.id_number, '2019-01-01')]).toEqual(['residentId', null]);
      } else {
        expect([r.applicant_type, r.id_type]).toEqual(['otherOrg', 'orgCode']);
        expect(r.id_number).toMatch(/^59410204[0-9A-Z]{10}$/);
      }
      const types = (events.get(r.id) ?? []).map((e) => e.type);
      if (r.outcome === 'granted')
        expect(types.indexOf('secrecyReviewed')).toBeLessThan(types.indexOf('decided'));
      const delivered = (events.get(r.id) ?? []).find((e) => e.type === 'delivered');
      expect(delivered?.detail).toMatchObject(
        r.channel === 'letter'
          ? {
              method: 'post',
              proof: expect.stringMatching(/^挂号信 XA\d{9}CN，2019-\d\d-\d\d妥投$/),
              late: false,
            }
          : { method: 'email', proof: expect.stringContaining('@example.com'), late: false },
      );
    }
    // The clock's events where a real office would have them: corrections, a consultation, an extension.
    const all = [...events.values()].flat().map((e) => e.type);
    for (const type of [
      'correctionAsked',
      'correctionReceived',
      'consultationStarted',
      'extended',
      'assigned',
    ])
      expect(all).toContain(type);
  });

  it('the current year: every queue has applications on a Friday', async () => {
    const sizes = await queueSizes(FRIDAY);
    expect(Object.entries(sizes).filter(([, n]) => n === 0)).toEqual([]);
    expect(sizes.overdue).toBeLessThanOrEqual(3);
    const mine = await handlerQueue(FRIDAY);
    expect(mine.rows.filter((a) => a.status === 'open').length).toBeGreaterThanOrEqual(3);
    const coHandled = await db().selectFrom('application_co_handlers').select('agency_id').execute();
    expect(coHandled).toHaveLength(1);
    const approval = await db()
      .selectFrom('agencies')
      .select(['name', 'decisions_need_approval'])
      .where('decisions_need_approval', '=', 1)
      .execute();
    expect(approval.map((a) => a.name)).toEqual([DEMO_APPROVAL_AGENCY]);
    const fees = await db()
      .selectFrom('application_events')
      .select('detail_json')
      .where('type', '=', 'feeNoticed')
      .execute();
    const amounts = fees.map((f) => Number(JSON.parse(f.detail_json ?? '{}').amountYuan));
    expect(amounts.sort((a, b) => a - b)).toEqual([100, 450, 1900, 4300]);
    await expectCurrentYear(FRIDAY);
  });

  it('every application’s stored deadline is the one its events give', async () => {
    await expectStoredDeadlinesDerived();
  });

  it('seeded on another day (a Monday morning): the same 2019, every queue again', async () => {
    const reset = await resetDemo(db(), { now: MONDAY });
    expect(reset.created).toBe(true);
    await expectSection3OfSample();
    const sizes = await queueSizes(MONDAY);
    expect(Object.entries(sizes).filter(([, n]) => n === 0)).toEqual([]);
    await expectCurrentYear(MONDAY);
    await expectStoredDeadlinesDerived();
  });

  it('seeded on a public holiday: nothing is due that day (deadlines fall on working days), every other queue has some', async () => {
    await resetDemo(db(), { now: HOLIDAY });
    const sizes = await queueSizes(HOLIDAY);
    expect(sizes.dueToday).toBe(0);
    expect(Object.entries(sizes).filter(([q, n]) => q !== 'dueToday' && n === 0)).toEqual([]);
    await expectCurrentYear(HOLIDAY);
    await expectStoredDeadlinesDerived();
  });
});
