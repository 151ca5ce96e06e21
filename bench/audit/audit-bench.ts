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

const TARGET_PER_CORE: Record<Format, number> = { text: 300, html: 300, docx: 50 };

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

const timeAudit = async (
  dir: string,
  jobs: number,
): Promise<{ perSecond: number; failed: number; files: number }> => {
  const t0 = performance.now();
  const summary = await runAudit([dir], { jobs, onResult: () => {} });
  const seconds = (performance.now() - t0) / 1000;
  return { perSecond: summary.files / seconds, failed: summary.failed, files: summary.files };
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
        const target = TARGET_PER_CORE[format] * jobs;
        figures.push({
          name: `audit ${count} ${format} reports, --jobs ${jobs}`,
          value: round(run.perSecond),
          unit: 'files/s',
          target: `≥ ${target} /s`,
          met: run.perSecond >= target,
          baseline: {
            name: `read${format === 'html' ? ' + htmlparser2' : format === 'docx' ? ' + unzip' : ''} only`,
            value: round(floor),
            unit: 'files/s',
          },
          ratio: round(run.perSecond / floor, 3),
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
