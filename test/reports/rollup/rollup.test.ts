import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { DB } from '../../../src/db/schema.ts';
import type { StoredReport } from '../../../src/reports/history/stored-report.ts';
import { applicationsPerAgencyChart, trendChart } from '../../../src/reports/rollup/charts.ts';
import {
  classifyReport,
  reportDeadline,
  rollUp,
  rollupTrend,
  sumCells,
} from '../../../src/reports/rollup/index.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency } from '../../support/factories.ts';

const TODAY = '2026-11-27';
let serial = 0;

/** An application row as the records hold it (only what the roll-up reads matters). */
const addApplication = async (
  db: Kysely<DB>,
  agencyId: number,
  a: {
    received: string;
    due?: string | null;
    decided?: string | null;
    delivered?: string | null;
    outcome?: string | null;
    type?: string;
  },
) => {
  serial++;
  const at = `${a.received}T02:00:00.000Z`;
  const closed = a.decided != null;
  await db
    .insertInto('applications')
    .values({
      agency_id: agencyId,
      tracking_number: `RT${Date.now()}${serial}${Math.random().toString(36).slice(2, 8)}`,
      secret_hash: 'x',
      channel: 'letter',
      arrived_on: a.received,
      received_on: a.received,
      applicant_type: a.type ?? 'natural',
      applicant_name: '张三',
      id_type: 'residentId',
      id_number: '11010519491231002X',
      phone: '13812345678',
      description: '测试',
      form_wanted: 'paper',
      status: closed ? 'closed' : 'open',
      created_at: at,
      updated_at: at,
      stage: closed ? 'delivered' : 'processing',
      outcome: closed ? (a.outcome ?? 'granted') : null,
      decided_on: a.decided ?? null,
      delivered_on: a.delivered ?? a.decided ?? null,
      due_on: a.due === undefined ? null : a.due,
    })
    .execute();
};

const addCase = async (
  db: Kysely<DB>,
  agencyId: number,
  c: {
    kind: 'reconsideration' | 'litigationDirect' | 'litigationAfterReview';
    filed: string;
    result?: 'upheld' | 'corrected' | 'other';
    decided?: string;
  },
) => {
  const at = `${c.filed}T02:00:00.000Z`;
  await db
    .insertInto('appeal_cases')
    .values({
      agency_id: agencyId,
      kind: c.kind,
      body: '某复议机关',
      filed_on: c.filed,
      result: c.result ?? null,
      decided_on: c.decided ?? null,
      created_at: at,
      updated_at: at,
    })
    .execute();
};

const addReport = async (
  db: Kysely<DB>,
  agencyId: number,
  r: {
    year: number;
    source: 'compiled' | 'imported';
    status: 'draft' | 'submitted' | 'approved' | 'published';
    cells?: Record<string, number | null>;
    publishedOn?: string;
    late?: boolean;
  },
) => {
  const at = '2026-01-10T02:00:00.000Z';
  await db
    .insertInto('annual_reports')
    .values({
      agency_id: agencyId,
      year: r.year,
      edition: r.year >= 2021 ? '2021' : '2019',
      source: r.source,
      status: r.status,
      cells_json: r.cells === undefined ? null : JSON.stringify(r.cells),
      published_on: r.publishedOn ?? null,
      published_late: r.late ? 1 : 0,
      created_at: at,
      updated_at: at,
    })
    .execute();
};

const stored = (status: StoredReport['status'], publishedLate = false): StoredReport => ({
  id: 1,
  agencyId: 1,
  year: 2024,
  source: 'compiled',
  status,
  locked: status !== 'draft',
  report: { edition: '2021', year: 2024, agency: 'x', cells: {}, narrative: [] },
  fileName: null,
  diagnostics: [],
  publishedOn: status === 'published' ? '2025-01-20' : null,
  publishedLate,
  updatedAt: '',
});

describe('report status in the roll-up', () => {
  it('knows the statutory days: governments 31 March, the rest 31 January', () => {
    expect(reportDeadline('government', 2024)).toBe('2025-03-31');
    expect(reportDeadline('department', 2024)).toBe('2025-01-31');
    expect(reportDeadline('subdistrict', 2024)).toBe('2025-01-31');
  });

  it('classifies missing, the lifecycle states, and late (published late, or unpublished after the day)', () => {
    const deadline = '2025-01-31';
    expect(classifyReport(null, deadline, '2025-01-10')).toBe('missing');
    expect(classifyReport(null, deadline, '2025-06-10')).toBe('missing');
    expect(classifyReport(stored('draft'), deadline, '2025-01-10')).toBe('draft');
    expect(classifyReport(stored('submitted'), deadline, '2025-01-31')).toBe('submitted');
    expect(classifyReport(stored('approved'), deadline, '2025-01-31')).toBe('approved');
    expect(classifyReport(stored('draft'), deadline, '2025-02-01')).toBe('late');
    expect(classifyReport(stored('approved'), deadline, '2025-02-01')).toBe('late');
    expect(classifyReport(stored('published'), deadline, '2025-06-01')).toBe('published');
    expect(classifyReport(stored('published', true), deadline, '2025-06-01')).toBe('late');
  });

  it('sums each cell of the edition, blanks and absent cells adding nothing', () => {
    const sums = sumCells('2021', [
      { 's3.new.natural': 2, 's3.new.total': null },
      { 's3.new.natural': 5 },
      {},
    ]);
    expect(sums['s3.new.natural']).toBe(7);
    expect(sums['s3.new.total']).toBe(0);
    expect(Object.keys(sums)).toContain('s4.reconsideration.total');
  });

  it('draws the charts as SVG with the text escaped', () => {
    const svg = applicationsPerAgencyChart([{ name: '<script>鼓楼&区', received: 3, replied: 2 }]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).not.toContain('<script>');
    expect(
      trendChart([{ year: 2024, newApplications: 4, decided: 3, reconsiderations: 1, lawsuits: 0 }]),
    ).toContain('2024年');
  });
});

describeEachDatabase('roll-up of a government and its agencies', (db) => {
  /** A government with two departments (one with a sub-unit) and a sibling outside it. */
  const tree = async () => {
    const gov = await makeAgency(db(), { name: `汇总测试区${serial++}人民政府` });
    const edu = await makeAgency(db(), {
      name: `汇总教育局${serial++}`,
      parentId: gov.id,
      kind: 'department',
    });
    const school = await makeAgency(db(), { name: `汇总学校${serial++}`, parentId: edu.id, kind: 'other' });
    const health = await makeAgency(db(), {
      name: `汇总卫健委${serial++}`,
      parentId: gov.id,
      kind: 'department',
    });
    const outside = await makeAgency(db(), { name: `汇总外区${serial++}` });
    return { gov, edu, school, health, outside };
  };

  it('sums locked, imported and live figures over the tree, and classifies each report', async () => {
    const t = await tree();
    // The government: a compiled report published late, its figures locked at submission.
    await addReport(db(), t.gov.id, {
      year: 2024,
      source: 'compiled',
      status: 'published',
      cells: { 's3.new.natural': 10, 's3.new.total': 10, 's4.reconsideration.total': 1 },
      publishedOn: '2025-04-02',
      late: true,
    });
    // 教育局: only an imported report (its figures as it states them).
    await addReport(db(), t.edu.id, {
      year: 2024,
      source: 'imported',
      status: 'published',
      cells: { 's3.new.natural': 4, 's3.new.total': 4 },
      publishedOn: '2025-01-20',
    });
    // The school: a draft, figures compiled live from its records (2 new in 2024, 1 still open).
    await addReport(db(), t.school.id, { year: 2024, source: 'compiled', status: 'draft' });
    await addApplication(db(), t.school.id, {
      received: '2024-03-01',
      due: '2024-03-22',
      decided: '2024-03-10',
    });
    await addApplication(db(), t.school.id, { received: '2024-12-20', due: '2025-01-20' });
    // 卫健委: nothing at all — missing, figures live (one application received 2024).
    await addApplication(db(), t.health.id, {
      received: '2024-05-06',
      due: '2024-05-27',
      decided: '2024-05-08',
    });
    // Outside the tree: never counted.
    await addReport(db(), t.outside.id, {
      year: 2024,
      source: 'imported',
      status: 'published',
      cells: { 's3.new.natural': 100 },
    });
    // The government's records differ from its locked report: the locked figures win.
    await addApplication(db(), t.gov.id, {
      received: '2024-06-03',
      due: '2024-06-24',
      decided: '2024-06-05',
    });

    const r = await rollUp(db(), { governmentId: t.gov.id, year: 2024, today: TODAY });
    expect(r.agencies.map((a) => [a.agency.id, a.depth, a.status, a.figuresSource])).toEqual([
      [t.gov.id, 0, 'late', 'locked'],
      [t.edu.id, 1, 'published', 'imported'],
      [t.school.id, 2, 'late', 'live'],
      [t.health.id, 1, 'missing', 'live'],
    ]);
    expect(r.statusCounts).toEqual({
      missing: 1,
      draft: 0,
      submitted: 0,
      approved: 0,
      published: 1,
      late: 2,
    });
    // 10 (locked) + 4 (imported) + 2 (school, live) + 1 (卫健委, live); not the outside 100.
    expect(r.sums['s3.new.natural']).toBe(17);
    expect(r.sums['s3.new.total']).toBe(17);
    expect(r.sums['s3.forward.total']).toBe(1);
    expect(r.sums['s4.reconsideration.total']).toBe(1);
    // Findings are counted for reports that exist, not for a missing one.
    expect(r.agencies.find((a) => a.agency.id === t.health.id)?.report).toBeNull();

    const trend = await rollupTrend(db(), { governmentId: t.gov.id, year: 2024, count: 2 });
    expect(trend.map((y) => [y.year, y.newApplications])).toEqual([
      [2023, 0],
      [2024, 17],
    ]);
  });

  it('counts on-time replies, overdue and very overdue, and the correction rates', async () => {
    const { gov } = await tree();
    // Replied in 2024: on time (2), late by 3 working days, late by far more than 20 working days.
    await addApplication(db(), gov.id, { received: '2024-02-01', due: '2024-03-01', decided: '2024-02-20' });
    await addApplication(db(), gov.id, { received: '2024-04-01', due: '2024-04-30', decided: '2024-04-30' });
    await addApplication(db(), gov.id, { received: '2024-06-03', due: '2024-07-01', decided: '2024-07-04' });
    await addApplication(db(), gov.id, { received: '2024-07-01', due: '2024-07-29', decided: '2024-10-15' });
    // Decided but delivered late: the delivery day is the reply day.
    await addApplication(db(), gov.id, {
      received: '2024-08-01',
      due: '2024-08-29',
      decided: '2024-08-20',
      delivered: '2024-09-03',
    });
    // Still unanswered on 31 December, deadline passed 10 December (15 working days): overdue, not very.
    await addApplication(db(), gov.id, { received: '2024-11-08', due: '2024-12-10' });
    // Unanswered on 31 December with the deadline in January: not overdue in 2024.
    await addApplication(db(), gov.id, { received: '2024-12-16', due: '2025-01-14' });
    // Replied in 2023: not this year's.
    await addApplication(db(), gov.id, { received: '2023-05-01', due: '2023-05-30', decided: '2023-06-30' });
    await addCase(db(), gov.id, {
      kind: 'reconsideration',
      filed: '2024-01-10',
      result: 'corrected',
      decided: '2024-03-01',
    });
    await addCase(db(), gov.id, {
      kind: 'reconsideration',
      filed: '2023-11-10',
      result: 'upheld',
      decided: '2024-01-20',
    });
    await addCase(db(), gov.id, {
      kind: 'reconsideration',
      filed: '2024-01-10',
      result: 'upheld',
      decided: '2024-02-01',
    });
    await addCase(db(), gov.id, { kind: 'reconsideration', filed: '2024-11-10' }); // pending
    await addCase(db(), gov.id, {
      kind: 'litigationDirect',
      filed: '2024-02-10',
      result: 'corrected',
      decided: '2024-09-01',
    });
    await addCase(db(), gov.id, {
      kind: 'litigationAfterReview',
      filed: '2024-02-10',
      result: 'other',
      decided: '2025-01-05',
    });

    const r = await rollUp(db(), { governmentId: gov.id, year: 2024, today: TODAY });
    const i = r.agencies[0]?.inspector;
    expect(i).toMatchObject({
      received: 7,
      replied: 5,
      repliedWithDeadline: 5,
      onTime: 2,
      overdue: 4,
      veryOverdue: 1,
      reconsideration: { decided: 3, corrected: 1 },
      litigation: { decided: 1, corrected: 1, rate: 1 },
    });
    expect(i?.onTimeRate).toBeCloseTo(0.4);
    expect(i?.reconsideration.rate).toBeCloseTo(1 / 3);

    // For the current year the period ends today: an application past its deadline today is overdue.
    const current = await rollUp(db(), { governmentId: gov.id, year: 2024, today: '2024-12-11' });
    expect(current.agencies[0]?.inspector.overdue).toBe(4);
    const earlier = await rollUp(db(), { governmentId: gov.id, year: 2024, today: '2024-12-10' });
    expect(earlier.agencies[0]?.inspector.overdue).toBe(3);
  });
});
