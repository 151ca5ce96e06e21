import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { createAgency } from '../../src/orgs/create-agency.ts';
import { REPORT_SCHEMA } from '../../src/reports/model/report.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { validateReport } from '../../src/reports/validate/index.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { runCli, SAMPLE } from './run-cli.ts';

/** The sample report's cells, with the totals its validator finds wrong replaced by what its rows add up to. */
const correctedSample = async (): Promise<Record<string, number | null>> => {
  const parsed = await parseReport(readFileSync(SAMPLE));
  if (!parsed.ok) throw new Error(parsed.error);
  const cells: Record<string, number | null> = { ...parsed.report.cells };
  for (const f of validateReport(parsed.report))
    if (f.rule === 'S3-TOTAL-ROW' && f.cells[0] !== undefined && f.expected !== undefined)
      cells[f.cells[0]] = f.expected;
  return cells;
};

describe('gongkai report build', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-report-build-'));
  const file = join(dir, 'demo.db');
  const env = { ...process.env, DATABASE_URL: file };

  beforeAll(async () => {
    expect((await runCli(['demo', '--reset'], 120_000, env)).code).toBe(0);
    // A second agency named like a demo department, under another parent: the name is then ambiguous.
    const database = openDatabase(file);
    try {
      const parent = await database.db
        .selectFrom('agencies')
        .select('id')
        .where('name', '=', '鼓楼区人民政府办公室')
        .executeTakeFirstOrThrow();
      await createAgency(database.db, {
        name: '鼓楼区教育局',
        parentId: parent.id,
        kind: 'department',
        level: 'county',
        actor: TEST_ACTOR,
      });
    } finally {
      await database.close();
    }
  }, 180_000);

  it('--json after the demo: the sample’s figures with the totals corrected, and no error finding', async () => {
    const run = await runCli(
      ['report', 'build', '--agency', '鼓楼区人民政府', '--year', '2019', '--json'],
      60_000,
      env,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as {
      report: {
        schema: string;
        edition: string;
        year: number;
        agency: string;
        cells: Record<string, number>;
      };
      findings: { severity: string; rule: string }[];
    };
    expect(Object.keys(out)).toEqual(['report', 'findings']);
    expect([out.report.schema, out.report.edition, out.report.year, out.report.agency]).toEqual([
      REPORT_SCHEMA,
      '2019',
      2019,
      '鼓楼区人民政府',
    ]);
    expect([out.report.cells['s3.total.natural'], out.report.cells['s3.total.total']]).toEqual([25, 27]);
    expect(out.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const sample = await correctedSample();
    const sectionOf = (cells: Record<string, number | null>, prefix: string) =>
      Object.fromEntries(Object.entries(cells).filter(([k]) => k.startsWith(prefix)));
    expect(sectionOf(out.report.cells, 's2.')).toEqual(sectionOf(sample, 's2.'));
    expect(sectionOf(out.report.cells, 's3.')).toEqual(sectionOf(sample, 's3.'));
    // Section 四 comes from the demo's appeal cases (src/appeals/demo-appeals.ts).
    expect(sectionOf(out.report.cells, 's4.')).toEqual(sectionOf(sample, 's4.'));
  });

  it('takes the agency’s id as well, and prints a readable summary without --json', async () => {
    const database = openDatabase(file);
    const { id } = await database.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '鼓楼区人民政府')
      .executeTakeFirstOrThrow();
    await database.close();
    const run = await runCli(['report', 'build', '--agency', String(id), '--year', '2019'], 60_000, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('鼓楼区人民政府 2019年政府信息公开工作年度报告（按记录统计）');
    expect(run.stdout).toMatch(/本年办结（总计）\t25\t0\t0\t0\t0\t2\t27/);
    expect(run.stdout).toContain('结转下年度继续办理');
  });

  it('--to html -o FILE writes the report in the official layout', async () => {
    const out = join(dir, 'report.html');
    const run = await runCli(
      ['report', 'build', '--agency', '鼓楼区人民政府', '--year', '2019', '--to', 'html', '-o', out],
      60_000,
      env,
    );
    expect(run.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<table');
    expect(html).toContain('鼓楼区人民政府');
  });

  it('refuses an ambiguous name with the candidates, an unknown one, and a bad year (exit 64)', async () => {
    const ambiguous = await runCli(
      ['report', 'build', '--agency', '鼓楼区教育局', '--year', '2019'],
      60_000,
      env,
    );
    expect(ambiguous.code).toBe(64);
    expect(ambiguous.stderr).toContain('有 2 个机关名为"鼓楼区教育局"');
    expect(ambiguous.stderr).toContain('上级：鼓楼区人民政府办公室');
    expect(ambiguous.stderr).toContain('上级：鼓楼区人民政府）');
    const unknown = await runCli(['report', 'build', '--agency', '鼓楼', '--year', '2019'], 60_000, env);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('名称相近的有');
    expect(unknown.stderr).toContain('鼓楼区民政局');
    const nothing = await runCli(
      ['report', 'build', '--agency', '不存在的机关', '--year', '2019'],
      60_000,
      env,
    );
    expect([nothing.code, nothing.stderr]).toEqual([64, expect.stringContaining('未找到机关"不存在的机关"')]);
    const badYear = await runCli(
      ['report', 'build', '--agency', '鼓楼区人民政府', '--year', '19'],
      60_000,
      env,
    );
    expect([badYear.code, badYear.stderr]).toEqual([64, expect.stringContaining('--year')]);
  });
});
