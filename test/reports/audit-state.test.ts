import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomReport, seeded } from '../../bench/audit/random-report.ts';
import { writeReportText } from '../../bench/audit/text-writer.ts';
import { type AuditResult, auditJsonLine } from '../../src/reports/audit/audit-result.ts';
import { runAudit } from '../../src/reports/audit/run-audit.ts';
import { AuditState, type StateOptions } from '../../src/reports/audit/state.ts';
import { renderReportHtml } from '../../src/reports/render/html.ts';
import { validReport } from './factories.ts';

const FIXTURES = new URL('../../../shared/fixtures/reports/', import.meta.url);
const OPTIONS: StateOptions = { timeoutMs: 30_000 };

/** A batch: the shared fixtures, generated reports, a cross-year pair and a file that fails. */
const makeBatch = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-state-'));
  for (const name of ['gulou-2019.txt', 'hanyang-2022-partial.txt', 'donghu-office-2025-partial.txt']) {
    copyFileSync(new URL(name, FIXTURES), join(dir, name));
  }
  const rand = seeded(42);
  for (let i = 0; i < 12; i++) {
    const report = randomReport(rand, i % 3 === 0 ? '2019' : '2021', i);
    writeFileSync(join(dir, `gen-${String(i).padStart(3, '0')}.txt`), writeReportText(report));
  }
  writeFileSync(
    join(dir, 'x1-gulou-2021.html'),
    renderReportHtml(validReport('2021', { year: 2021, agency: '鼓楼区人民政府' })),
  );
  writeFileSync(
    join(dir, 'x2-gulou-2022.html'),
    renderReportHtml(
      validReport('2021', {
        year: 2022,
        agency: '鼓楼区人民政府',
        cells: { 's3.carried.natural': 4, 's3.new.natural': 0, 's3.new.total': 2, 's3.carried.total': 4 },
      }),
    ),
  );
  writeFileSync(join(dir, 'zz-not-a-report.txt'), '这不是年度报告。');
  return dir;
};

const audit = async (paths: string[], state?: AuditState, options: StateOptions = OPTIONS) => {
  const results: AuditResult[] = [];
  const summary = await runAudit(paths, {
    jobs: 2,
    timeoutMs: options.timeoutMs,
    ...(options.publishedOn ? { publishedOn: options.publishedOn } : {}),
    ...(state ? { known: state.known, onAudited: state.onAudited } : {}),
    onResult: (r) => results.push(r),
  });
  return { summary, lines: results.map(auditJsonLine), results };
};

const withState = async (path: string, paths: string[], options: StateOptions = OPTIONS) => {
  const state = await AuditState.open(path, options);
  const run = await audit(paths, state, options);
  await state.close();
  return { ...run, skipped: state.skipped, audited: state.audited };
};

const stateLines = (path: string) =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l !== '');

describe('a resumable audit (--state)', () => {
  it('skips what a stopped run finished and gives the same results as a fresh run', async () => {
    const dir = makeBatch();
    const statePath = join(mkdtempSync(join(tmpdir(), 'gongkai-statefile-')), 'audit.jsonl');
    const fresh = await audit([dir]);
    expect(fresh.results).toHaveLength(18);
    expect(fresh.summary.failed).toBeGreaterThan(0);
    expect(
      fresh.results.find((r) => r.file.endsWith('x2-gulou-2022.html'))?.findings.map((f) => f.rule),
    ).toContain('XYEAR-CARRY');

    // A run that stopped part way: only the first files got into the state file.
    const firstFiles = fresh.results.slice(0, 7).map((r) => r.file);
    const partial = await withState(statePath, firstFiles);
    expect(partial.skipped).toBe(0);
    expect(partial.audited).toBe(7);
    expect(stateLines(statePath)).toHaveLength(7);

    const resumed = await withState(statePath, [dir]);
    expect(resumed.skipped).toBe(7);
    expect(resumed.audited).toBe(11);
    expect(resumed.lines).toEqual(fresh.lines);
    expect(resumed.summary).toEqual(fresh.summary);

    // Everything is known now, the failed file included; cross-year findings are worked out again.
    const again = await withState(statePath, [dir]);
    expect(again.skipped).toBe(18);
    expect(again.audited).toBe(0);
    expect(again.lines).toEqual(fresh.lines);
    expect(stateLines(statePath)).toHaveLength(18);
  });

  it('audits a changed file again, but not one only touched', async () => {
    const dir = makeBatch();
    const statePath = join(dir, '.state.jsonl');
    await withState(statePath, [dir]);
    const changed = join(dir, 'gulou-2019.txt');
    writeFileSync(
      changed,
      readFileSync(new URL('gulou-2019.txt', FIXTURES), 'utf8').replace('鼓楼区人民政府', '龙亭区人民政府'),
    );
    const touched = join(dir, 'gen-000.txt');
    utimesSync(touched, new Date(2020, 0, 1), new Date(2020, 0, 1));
    const run = await withState(statePath, [dir]);
    expect(run.skipped).toBe(17);
    expect(run.audited).toBe(1);
    const result = run.results.find((r) => r.file === changed);
    expect(result?.status === 'parsed' && result.report.agency).toBe('龙亭区人民政府');
    expect(run.lines).toEqual((await audit([dir])).lines);
    // The later line wins when the state file is read again.
    const third = await withState(statePath, [dir]);
    expect(third.skipped).toBe(18);
    expect(third.results.find((r) => r.file === changed)).toEqual(result);
  });

  it('does not reuse results audited with other options', async () => {
    const dir = makeBatch();
    const statePath = join(dir, '.state.jsonl');
    await withState(statePath, [dir]);
    const other = await withState(statePath, [dir], { ...OPTIONS, publishedOn: '2030-01-01' });
    expect(other.skipped).toBe(0);
    expect(other.lines).toEqual(
      (await audit([dir], undefined, { ...OPTIONS, publishedOn: '2030-01-01' })).lines,
    );
  });

  it('ignores a line torn by a kill and appends after it cleanly', async () => {
    const dir = makeBatch();
    const statePath = join(dir, '.state.jsonl');
    const files = (await audit([dir])).results.map((r) => r.file);
    await withState(statePath, files.slice(0, 5));
    const whole = stateLines(statePath);
    // The process was killed while writing the sixth line.
    appendFileSync(statePath, whole[0]?.slice(0, 200) ?? '');
    const resumed = await withState(statePath, [dir]);
    expect(resumed.skipped).toBe(5);
    expect(resumed.audited).toBe(13);
    const lines = stateLines(statePath);
    expect(lines).toHaveLength(18);
    for (const line of lines) expect(() => JSON.parse(line)).not.toThrow();
    expect((await withState(statePath, [dir])).skipped).toBe(18);
  });

  it('gives each result the path as given this time', async () => {
    const dir = makeBatch();
    const statePath = join(dir, '.state.jsonl');
    await withState(statePath, [join(dir, 'gulou-2019.txt')]);
    const relative = join(dir, '.', 'gulou-2019.txt');
    const run = await withState(statePath, [relative]);
    expect(run.skipped).toBe(1);
    expect(run.results[0]?.file).toBe(relative);
  });
});
