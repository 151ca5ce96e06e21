import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { parseDocument } from 'htmlparser2';
import { runAudit } from '../../src/reports/audit/run-audit.ts';
import { renderReportDocx } from '../../src/reports/render/docx.ts';
import { renderReportHtml } from '../../src/reports/render/html.ts';
import { type BenchFigure, round } from '../figure.ts';
import { randomReport, seeded } from './random-report.ts';
import { writeReportText } from './text-writer.ts';

type Format = 'text' | 'html' | 'docx';

/** The targets: 300 text or HTML reports a second; 50 DOCX a second per core. */
const target = (format: Format, jobs: number): number => (format === 'docx' ? 50 * jobs : 300);

const writeInputs = async (dir: string, format: Format, count: number): Promise<void> => {
  mkdirSync(dir, { recursive: true });
  const rand = seeded(format.length * 7919);
  for (let i = 0; i < count; i++) {
    const report = randomReport(rand, i % 3 === 0 ? '2019' : '2021', i);
    const name = join(dir, `${String(i).padStart(5, '0')}.${format === 'text' ? 'txt' : format}`);
    if (format === 'text') writeFileSync(name, writeReportText(report));
    else if (format === 'html') writeFileSync(name, renderReportHtml(report));
    else writeFileSync(name, await renderReportDocx(report));
  }
};

interface AuditTiming {
  /** Files a second over the whole run, starting the workers included. */
  readonly perSecond: number;
  /** Files a second once the first result is out: the workers are up. */
  readonly steadyPerSecond: number;
  readonly startupMs: number;
  readonly failed: number;
  readonly files: number;
}

const timeAudit = async (dir: string, jobs: number): Promise<AuditTiming> => {
  const t0 = performance.now();
  let first = 0;
  const summary = await runAudit([dir], {
    jobs,
    onResult: (_r, i) => {
      if (i === 0) first = performance.now();
    },
  });
  const end = performance.now();
  return {
    perSecond: summary.files / ((end - t0) / 1000),
    steadyPerSecond: (summary.files - 1) / ((end - first) / 1000),
    startupMs: first - t0,
    failed: summary.failed,
    files: summary.files,
  };
};

/** The floor under any parser: reading the files and doing the format's first step, nothing else. */
const baseline = (dir: string, format: Format): number => {
  const files = readdirSync(dir).map((f) => join(dir, f));
  const t0 = performance.now();
  for (const f of files) {
    const bytes = readFileSync(f);
    if (format === 'html') parseDocument(bytes.toString('utf8'));
    else if (format === 'docx') unzipSync(bytes);
    else bytes.toString('utf8').split('\n');
  }
  return files.length / ((performance.now() - t0) / 1000);
};

/** RSS over a large batch, sampled as files come out: flat means streaming. */
const memoryOverBatch = async (
  dir: string,
  count: number,
): Promise<{ first: number; last: number; max: number }> => {
  const samples: number[] = [];
  const every = Math.max(1, Math.floor(count / 20));
  await runAudit([dir], {
    jobs: 1,
    onResult: (_r, i) => {
      if (i % every === 0) samples.push(process.memoryUsage().rss / 2 ** 20);
    },
  });
  const settled = samples.slice(Math.floor(samples.length / 10));
  return { first: settled[0] ?? 0, last: settled[settled.length - 1] ?? 0, max: Math.max(...settled) };
};

export const auditBenchmark = async ({ smoke }: { smoke: boolean }): Promise<BenchFigure[]> => {
  const root = mkdtempSync(join(tmpdir(), 'gongkai-bench-'));
  const count = smoke ? 30 : 1000;
  const figures: BenchFigure[] = [];
  try {
    for (const format of ['text', 'html', 'docx'] as const) {
      const dir = join(root, format);
      await writeInputs(dir, format, count);
      const floor = baseline(dir, format);
      for (const jobs of [1, 2]) {
        const run = await timeAudit(dir, jobs);
        if (run.failed > 0)
          throw new Error(`${run.failed} of ${run.files} generated ${format} files failed to parse`);
        const goal = target(format, jobs);
        figures.push({
          name: `audit ${count} ${format} reports, --jobs ${jobs} (whole run, incl. ${round(run.startupMs, 0)} ms worker start)`,
          value: round(run.perSecond),
          unit: 'files/s',
          target: `≥ ${goal} /s`,
          met: run.perSecond >= goal,
          baseline: {
            name: `read${format === 'html' ? ' + htmlparser2' : format === 'docx' ? ' + unzip' : ''} only`,
            value: round(floor),
            unit: 'files/s',
          },
          ratio: round(run.perSecond / floor, 3),
        });
        figures.push({
          name: `audit ${count} ${format} reports, --jobs ${jobs} (steady state, after the first result)`,
          value: round(run.steadyPerSecond),
          unit: 'files/s',
          target: `≥ ${goal} /s`,
          met: run.steadyPerSecond >= goal,
          baseline: {
            name: `read${format === 'html' ? ' + htmlparser2' : format === 'docx' ? ' + unzip' : ''} only`,
            value: round(floor),
            unit: 'files/s',
          },
          ratio: round(run.steadyPerSecond / floor, 3),
        });
      }
    }
    const big = smoke ? 200 : 10_000;
    const bigDir = join(root, 'batch');
    await writeInputs(bigDir, 'text', big);
    const mem = await memoryOverBatch(bigDir, big);
    figures.push({
      name: `RSS over a ${big}-file audit (after the first 10%, first → last sample)`,
      value: round(mem.last - mem.first),
      unit: 'MiB growth',
      target: '≤ 50 MiB growth (flat)',
      met: mem.last - mem.first <= 50,
      baseline: { name: 'RSS at the first sample', value: round(mem.first), unit: 'MiB' },
      ratio: round(mem.max / Math.max(1, mem.first), 2),
    });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
  return figures;
};
