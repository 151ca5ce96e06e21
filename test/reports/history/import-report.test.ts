import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import type { DB } from '../../../src/db/schema.ts';
import { AppError } from '../../../src/errors/app-error.ts';
import { seedDemo } from '../../../src/orgs/demo.ts';
import { compareImportedWithCompiled } from '../../../src/reports/history/compare.ts';
import { DEMO_IMPORTED_REPORT } from '../../../src/reports/history/demo-reports.ts';
import {
  confirmReportImport,
  previewReportImport,
  readImportPayload,
} from '../../../src/reports/history/import-report.ts';
import { findImportedReport, previousYearReport } from '../../../src/reports/history/stored-report.ts';
import { testDatabases } from '../../support/databases.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../../support/factories.ts';

const SAMPLE = readFileSync(new URL('../../../src/reports/history/demo/gulou-2019.txt', import.meta.url));
const NOW = new Date('2026-11-27T03:00:00.000Z');

const preview = async (db: Kysely<DB>, agencyId: number, year: number | null = null) => {
  const p = await previewReportImport(db, {
    agencyId,
    year,
    fileName: 'gulou-2019.txt',
    bytes: new Uint8Array(SAMPLE),
  });
  if (!p.ok) throw new Error(p.error);
  return p;
};

it('keeps the demo sample byte for byte as the shared fixture', () => {
  const shared = new URL('../../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);
  let original: Buffer;
  try {
    original = readFileSync(shared);
  } catch {
    return; // the repository alone: nothing to compare with
  }
  expect(SAMPLE.equals(original)).toBe(true);
});

describeEachDatabase('import of an earlier year’s report', (db) => {
  it('previews the parsed figures, the findings and the mismatch between the document and the choice', async () => {
    const agency = await makeAgency(db(), { name: `测试区${Date.now()}人民政府` });
    const p = await preview(db(), agency.id);
    expect(p.detected).toEqual({ agency: '鼓楼区人民政府', year: 2019 });
    expect(p.report.year).toBe(2019);
    expect(p.report.agency).toBe(agency.name);
    expect(p.report.cells['s3.total.total']).toBe(17);
    expect(p.mismatches).toEqual([`文件写明的机关是“鼓楼区人民政府”，所选机关是“${agency.name}”`]);
    expect(p.findings.filter((f) => f.rule === 'S3-TOTAL-ROW').map((f) => f.cells[0])).toEqual([
      's3.total.natural',
      's3.total.total',
    ]);
    expect(p.existing).toBeNull();
    // The chosen year wins over the document's, and says so.
    const other = await preview(db(), agency.id, 2020);
    expect(other.report.year).toBe(2020);
    expect(other.mismatches[0]).toBe('文件写明的年度是2019年，所选年度是2020年');
    // Nothing stored by a preview.
    expect(await findImportedReport(db(), agency.id, 2019)).toBeNull();
  });

  it('refuses a file the parser cannot read, with its reason', async () => {
    const agency = await makeAgency(db());
    const p = await previewReportImport(db(), {
      agencyId: agency.id,
      year: 2019,
      fileName: 'x.txt',
      bytes: new Uint8Array(),
    });
    expect(p).toMatchObject({ ok: false, error: '文件为空' });
  });

  it('stores the import in one audited write and asks before replacing it', async () => {
    const agency = await makeAgency(db());
    const p = await preview(db(), agency.id);
    const first = await confirmReportImport(db(), {
      agencyId: agency.id,
      payload: readImportPayload(JSON.stringify(p.payload)),
      replace: false,
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(first.replaced).toBe(false);
    const stored = await findImportedReport(db(), agency.id, 2019);
    expect(stored).toMatchObject({
      source: 'imported',
      status: 'published',
      fileName: 'gulou-2019.txt',
      locked: true,
    });
    expect(stored?.report.cells['s3.total.natural']).toBe(15);
    expect(stored?.report.narrative.length).toBeGreaterThan(0);

    const again = confirmReportImport(db(), {
      agencyId: agency.id,
      payload: p.payload,
      replace: false,
      actor: TEST_ACTOR,
      now: NOW,
    });
    await expect(again).rejects.toSatisfy(
      (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.details?.[0]?.field === 'replace',
    );
    expect((await preview(db(), agency.id)).existing?.id).toBe(first.id);

    const changed = {
      ...p.payload,
      cells: { ...p.payload.cells, 's3.total.natural': 25 },
      fileName: 'fixed.txt',
    };
    const second = await confirmReportImport(db(), {
      agencyId: agency.id,
      payload: changed,
      replace: true,
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(second).toEqual({ id: first.id, replaced: true });
    expect((await findImportedReport(db(), agency.id, 2019))?.report.cells['s3.total.natural']).toBe(25);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('agency_id', '=', agency.id)
      .where('entity_type', '=', 'annualReport')
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'annualReport.import', entity_id: String(first.id) },
      { action: 'annualReport.importReplace', entity_id: String(first.id) },
    ]);
  });

  it('checks the confirmed payload: only the edition’s cells, numbers or blanks', () => {
    const base = {
      edition: '2019',
      year: 2019,
      cells: { 's3.new.natural': 3 },
      narrative: [],
      diagnostics: [],
      publishedOn: null,
      fileName: 'a.txt',
      format: 'text',
      detected: { agency: null, year: 2019 },
    };
    expect(readImportPayload(JSON.stringify(base)).cells).toEqual({ 's3.new.natural': 3 });
    for (const bad of [
      { ...base, cells: { 's9.nothing': 1 } },
      { ...base, cells: { 's3.new.natural': 'x' } },
      { ...base, year: 1999 },
    ])
      expect(() => readImportPayload(JSON.stringify(bad))).toThrow(AppError);
    expect(() => readImportPayload('not json')).toThrow(AppError);
  });

  it('gives the year before: the compiled report once published, else the import', async () => {
    const agency = await makeAgency(db());
    expect(await previousYearReport(db(), agency.id, 2020)).toBeNull();
    const p = await preview(db(), agency.id);
    await confirmReportImport(db(), {
      agencyId: agency.id,
      payload: p.payload,
      replace: false,
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect((await previousYearReport(db(), agency.id, 2020))?.source).toBe('imported');
    expect(await previousYearReport(db(), agency.id, 2019)).toBeNull();
    const at = NOW.toISOString();
    const compiled = {
      agency_id: agency.id,
      year: 2019,
      edition: '2019',
      source: 'compiled' as const,
      cells_json: JSON.stringify({ 's3.forward.total': 4 }),
      created_at: at,
      updated_at: at,
    };
    // A compiled report not yet published does not count …
    const row = await db()
      .insertInto('annual_reports')
      .values({ ...compiled, status: 'approved' })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect((await previousYearReport(db(), agency.id, 2020))?.source).toBe('imported');
    // … once published it is the one.
    await db()
      .updateTable('annual_reports')
      .set({ status: 'published', published_on: '2020-03-01' })
      .where('id', '=', Number(row.id))
      .execute();
    const previous = await previousYearReport(db(), agency.id, 2020);
    expect(previous?.source).toBe('compiled');
    expect(previous?.report.cells['s3.forward.total']).toBe(4);
  });
});

it.each(testDatabases().map((t) => [t.name, t] as const))(
  'the demo imports the sample as 鼓楼区’s 2019 report, and the comparison shows exactly its two wrong cells (%s)',
  async (_name, target) => {
    const database = await target.open();
    try {
      const { db } = database;
      await seedDemo(db, { now: NOW });
      const gulou = await db
        .selectFrom('agencies')
        .select('id')
        .where('name', '=', DEMO_IMPORTED_REPORT.agency)
        .executeTakeFirstOrThrow();
      const c = await compareImportedWithCompiled(db, gulou.id, 2019);
      expect(c.imported?.fileName).toBe('gulou-2019.txt');
      expect(c.differing).toEqual(['s3.total.natural', 's3.total.total']);
      const wrong = c.tables.flatMap((t) => t.cells).filter((cell) => cell.differs);
      expect(wrong.map((cell) => [cell.imported, cell.compiled, cell.findings.map((f) => f.rule)])).toEqual([
        [15, 25, ['S3-TOTAL-ROW']],
        [17, 27, ['S3-TOTAL-ROW']],
      ]);
    } finally {
      await database.close();
    }
  },
  120_000,
);
