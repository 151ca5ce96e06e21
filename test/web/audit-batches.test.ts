import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/audit-log/actor.ts';
import type { AuditResult } from '../../src/reports/audit/audit-result.ts';
import { runAudit } from '../../src/reports/audit/run-audit.ts';
import { AuditBatchCollector, storeAuditBatch } from '../../src/reports/audit/store.ts';
import type { Finding, Report } from '../../src/reports/model/report.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const SAMPLE = new URL('../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url).pathname;

const report = (i: number): Report => ({
  agency: `测试机关${i}`,
  year: 2020 + (i % 3),
  edition: '2021',
  cells: {},
  narrative: [],
});
const finding = (rule: string, severity: Finding['severity']): Finding => ({
  rule,
  severity,
  cells: ['s3.new.total'],
  expected: 2,
  actual: 1,
  message: `${rule} 不符`,
});

/** 1,203 files: every 10th failed, every 7th with an S3-BALANCE error, every 5th with a warning. */
const synthetic = (): AuditResult[] =>
  Array.from({ length: 1203 }, (_, i): AuditResult => {
    if (i % 10 === 9)
      return { file: `/批次/${i}.pdf`, status: 'failed', error: '文件过大', findings: [], diagnostics: [] };
    const findings = [
      ...(i % 7 === 0 ? [finding('S3-BALANCE', 'error')] : []),
      ...(i % 5 === 0 ? [finding('CONTENT-FEES', 'warning')] : []),
    ];
    return { file: `/批次/${i}.txt`, status: 'parsed', report: report(i), findings, diagnostics: [] };
  });

describe.each(testDatabases())('stored batch audits ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  let batchId: number;
  let sampleId: number;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
    const collector = new AuditBatchCollector();
    for (const r of synthetic()) collector.add(r);
    batchId = (
      await storeAuditBatch(t.database.db, {
        name: '2025 年全市年报',
        rows: collector.rows,
        actor: systemActor('测试'),
      })
    ).id;
    const real = new AuditBatchCollector();
    await runAudit([SAMPLE, '/no/such/=HYPERLINK("x").txt'], { jobs: 1, onResult: real.add });
    sampleId = (
      await storeAuditBatch(t.database.db, { name: '鼓楼样本', rows: real.rows, actor: systemActor('测试') })
    ).id;
  });
  afterAll(() => t.close());

  it('stores a batch whole, in order, with its counts and an audit-log row', async () => {
    const db = t.database.db;
    const batch = await db
      .selectFrom('audit_batches')
      .selectAll()
      .where('id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(batch).toMatchObject({
      file_count: 1203,
      failed_count: 120,
      error_count: 155,
      warning_count: 241,
    });
    const files = await db
      .selectFrom('audit_batch_files')
      .select(['position', 'path'])
      .where('batch_id', '=', batchId)
      .orderBy('position')
      .execute();
    expect(files).toHaveLength(1203);
    expect(files[1202]).toEqual({ position: 1202, path: '/批次/1202.txt' });
    const entry = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auditBatch.store')
      .where('entity_id', '=', String(batchId))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(entry.after_json ?? '{}')).toMatchObject({ name: '2025 年全市年报', file_count: 1203 });
  });

  it('stores nothing when the name is empty', async () => {
    const before = await t.database.db
      .selectFrom('audit_batches')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      storeAuditBatch(t.database.db, { name: '  ', rows: [], actor: systemActor('测试') }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    const after = await t.database.db
      .selectFrom('audit_batches')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('lists the batches for an admin, and refuses other roles', async () => {
    const page = await getPage(t.app, '/workbench/audits', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2025 年全市年报');
    expect(page.body).toContain(`href="/workbench/audits/${batchId}"`);
    const handler = await sessionFor(t.database, h.staff.handler.user.id);
    expect((await getPage(t.app, '/workbench/audits', handler)).statusCode).toBe(403);
    expect((await getPage(t.app, `/workbench/audits/${batchId}`, handler)).statusCode).toBe(403);
    expect((await getPage(t.app, `/workbench/audits/${batchId}/export.csv`, handler)).statusCode).toBe(403);
  });

  it('pages through the files and filters them by status and rule', async () => {
    const first = await getPage(t.app, `/workbench/audits/${batchId}`, admin);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('符合条件的文件 1203 个');
    expect(first.body).toContain('第 1 / 13 页');
    expect(first.body).toContain('/批次/99.pdf');
    expect(first.body).not.toContain('/批次/100.txt');
    expect(first.body).toContain(`href="/workbench/audits/${batchId}?page=2"`);
    const last = await getPage(t.app, `/workbench/audits/${batchId}?page=13`, admin);
    expect(last.body).toContain('/批次/1202.txt');
    const failed = await getPage(t.app, `/workbench/audits/${batchId}?filter=failed`, admin);
    expect(failed.body).toContain('符合条件的文件 120 个');
    expect(failed.body).toContain('文件过大');
    const rule = await getPage(t.app, `/workbench/audits/${batchId}?rule=S3-BALANCE&filter=warnings`, admin);
    // Multiples of both 7 and 5 below 1203, none of them failed (never ends in 9).
    expect(rule.body).toContain('符合条件的文件 35 个');
    expect(rule.body).toContain('/批次/35.txt');
    expect(rule.body).not.toContain('/批次/7.txt');
    const clean = await getPage(t.app, `/workbench/audits/${batchId}?filter=clean`, admin);
    expect(clean.body).toContain('/批次/1.txt');
    expect(clean.body).not.toContain('/批次/0.txt');
    expect((await getPage(t.app, '/workbench/audits/999999', admin)).statusCode).toBe(404);
  });

  it('exports the filtered files as CSV in the columns of gongkai audit, formulas defused', async () => {
    const csv = await getPage(t.app, `/workbench/audits/${sampleId}/export.csv`, admin);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body.split('\r\n').filter((l) => l !== '');
    expect(lines[0]).toBe(
      '\ufefffile,status,edition,year,agency,rule,severity,cells,expected,actual,message',
    );
    const balance = lines.filter((l) => l.includes(',S3-BALANCE,error,'));
    expect(balance).toHaveLength(2);
    expect(balance[0]).toContain(',2019,鼓楼区人民政府,');
    const bad = lines.find((l) => l.includes('HYPERLINK'));
    expect(bad).toBe('"/no/such/=HYPERLINK(""x"").txt",failed,,,,,,,,,文件不存在');
    const rule = await getPage(t.app, `/workbench/audits/${batchId}/export.csv?filter=failed`, admin);
    expect(rule.body.split('\r\n').filter((l) => l !== '')).toHaveLength(121);
  });

  it('exports a value that starts like a formula as text', async () => {
    const collector = new AuditBatchCollector();
    collector.add({ file: '=cmd|calc', status: 'failed', error: '+1 出错', findings: [], diagnostics: [] });
    const id = (
      await storeAuditBatch(t.database.db, { name: '公式', rows: collector.rows, actor: systemActor('测试') })
    ).id;
    const csv = await getPage(t.app, `/workbench/audits/${id}/export.csv`, admin);
    expect(csv.body.split('\r\n')[1]).toBe("'=cmd|calc,failed,,,,,,,,,'+1 出错");
    const xlsx = await getPage(t.app, `/workbench/audits/${id}/export.xlsx`, admin);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('核查结果');
    expect(sheet?.getRow(2).getCell(1).value).toBe("'=cmd|calc");
  });

  it('exports XLSX with a row per finding', async () => {
    const xlsx = await getPage(t.app, `/workbench/audits/${batchId}/export.xlsx?rule=S3-BALANCE`, admin);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('核查结果');
    expect(sheet?.getRow(1).getCell(1).value).toBe('file');
    // 155 files with S3-BALANCE; those that also have a warning (35) give two rows each.
    expect(sheet?.actualRowCount).toBe(1 + 155 + 35);
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      '/批次/0.txt',
      'parsed',
      '2021',
      2020,
      '测试机关0',
      'S3-BALANCE',
      'error',
      's3.new.total',
      2,
      1,
      'S3-BALANCE 不符',
    ]);
  });
});
