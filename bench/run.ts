import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { auditBenchmark } from './audit/audit-bench.ts';
import { deadlineBenchmark } from './deadlines/deadline-bench.ts';
import type { BenchFigure } from './figure.ts';
import { portalBenchmark } from './http/portal-bench.ts';

/**
 * `npm run bench` — every benchmark of the project, each figure beside its target and a
 * baseline measured in the same run. `--smoke` runs each at a small size (CI), so they
 * cannot rot; the figures of a smoke run mean nothing.
 */
const smoke = process.argv.includes('--smoke');

const main = async () => {
  const started = new Date();
  const figures: BenchFigure[] = [];
  figures.push(...(await auditBenchmark({ smoke })));
  figures.push(...(await deadlineBenchmark({ smoke })));
  figures.push(...(await portalBenchmark({ smoke })));

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const lines = [
    `# gongkai benchmark${smoke ? ' (smoke run: sizes too small for the figures to mean anything)' : ''}`,
    '',
    `Run ${started.toISOString()} on ${machine}.`,
    '',
    '| benchmark | figure | target | baseline (same run) | ratio | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(
      (f) =>
        `| ${f.name} | ${f.value} ${f.unit} | ${f.target ?? '—'} | ${f.baseline ? `${f.baseline.value} ${f.baseline.unit} (${f.baseline.name})` : '—'} | ${f.ratio ?? '—'} | ${f.met === undefined ? '—' : f.met ? 'yes' : 'no'} |`,
    ),
    '',
  ];
  const markdown = lines.join('\n');
  process.stdout.write(markdown);
  if (!smoke) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/latest.md', import.meta.url), markdown);
    writeFileSync(
      new URL('./results/latest.json', import.meta.url),
      `${JSON.stringify({ started: started.toISOString(), machine, figures }, null, 2)}\n`,
    );
  }
};

await main();
