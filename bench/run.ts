import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { applicationsBenchmark } from './applications/applications-bench.ts';
import { auditBenchmark } from './audit/audit-bench.ts';
import { deadlineBenchmark } from './deadlines/deadline-bench.ts';
import { disclosureBenchmark } from './disclosure/disclosure-bench.ts';
import type { BenchFigure } from './figure.ts';
import { portalBenchmark } from './http/portal-bench.ts';
import { compileBenchmark } from './reports/compile-bench.ts';

/**
 * `npm run bench` — every benchmark of the project, each figure beside its target and a
 * baseline measured in the same run. `--smoke` runs each at a small size (CI), so they
 * cannot rot; the figures of a smoke run mean nothing.
 */
const smoke = process.argv.includes('--smoke');

const BENCHMARKS: Record<string, (options: { smoke: boolean }) => Promise<BenchFigure[]>> = {
  audit: auditBenchmark,
  deadlines: deadlineBenchmark,
  portal: portalBenchmark,
  applications: applicationsBenchmark,
  disclosure: disclosureBenchmark,
  compile: compileBenchmark,
};

/**
 * `--only=applications,portal` runs those alone; the results files keep the other benchmarks'
 * figures of the previous run (each figure carries its benchmark's name as `group`).
 */
const only = process.argv
  .find((arg) => arg.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',')
  .filter((name) => name !== '');
for (const name of only ?? [])
  if (!(name in BENCHMARKS))
    throw new Error(`unknown benchmark ${name}: one of ${Object.keys(BENCHMARKS).join(', ')}`);

const previousFigures = (): BenchFigure[] => {
  try {
    const previous = JSON.parse(readFileSync(new URL('./results/latest.json', import.meta.url), 'utf8'));
    return (previous.figures as BenchFigure[]).filter((f) => !only?.includes(f.group ?? ''));
  } catch {
    return [];
  }
};

/**
 * The load, crash and fault tests are scripts of their own (minutes each: `npm run test:load`,
 * `test:crash`, `test:fault`); each writes its figures to bench/results/<name>.json in the
 * benchmark's shape. The report carries their last full runs, each with its date, so that
 * one file holds every figure.
 */
const SCRIPT_RESULTS = [
  { file: 'load.json', title: 'Load test (`npm run test:load`)' },
  { file: 'crash-sqlite-kill.json', title: 'Crash test: kill -9 a worker, SQLite (`npm run test:crash`)' },
  {
    file: 'crash-pg-kill.json',
    title: 'Crash test: kill -9 a worker, PostgreSQL (`npm run test:crash -- --pg URL`)',
  },
  {
    file: 'crash-pg-restart.json',
    title: 'Crash test: PostgreSQL restarted (`npm run test:crash -- --pg URL --restart-pg`)',
  },
  { file: 'fault.json', title: 'Fault test of the audit batch (`npm run test:fault`)' },
];

const figureRow = (f: BenchFigure): string =>
  `| ${f.name} | ${f.value} ${f.unit} | ${f.target ?? '—'} | ${f.baseline ? `${f.baseline.value} ${f.baseline.unit} (${f.baseline.name})` : '—'} | ${f.ratio ?? '—'} | ${f.met === undefined ? '—' : f.met ? 'yes' : 'no'} |`;

const scriptSections = (): string[] =>
  SCRIPT_RESULTS.flatMap(({ file, title }) => {
    let result: { started?: string; command?: string; figures?: BenchFigure[] };
    try {
      result = JSON.parse(readFileSync(new URL(`./results/${file}`, import.meta.url), 'utf8'));
    } catch {
      return [`## ${title}`, '', 'Not run yet on this machine.', ''];
    }
    return [
      `## ${title}`,
      '',
      `Last full run ${result.started ?? '?'}${result.command ? ` (\`${result.command}\`)` : ''}.`,
      '',
      '| figure | value | target | baseline (same run) | ratio | met |',
      '| --- | --- | --- | --- | --- | --- |',
      ...(result.figures ?? []).map(figureRow),
      '',
    ];
  });

const main = async () => {
  const started = new Date();
  const figures: BenchFigure[] = only === undefined || smoke ? [] : previousFigures();
  for (const [group, benchmark] of Object.entries(BENCHMARKS)) {
    if (only !== undefined && !only.includes(group)) continue;
    figures.push(...(await benchmark({ smoke })).map((f) => ({ ...f, group })));
  }

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const lines = [
    `# gongkai benchmark${smoke ? ' (smoke run: sizes too small for the figures to mean anything)' : ''}`,
    '',
    `Run ${started.toISOString()} on ${machine}${only === undefined ? '' : ` (${only.join(', ')} only; the other rows are from the previous run)`}.`,
    '',
    '| benchmark | figure | target | baseline (same run) | ratio | met |',
    '| --- | --- | --- | --- | --- | --- |',
    ...figures.map(figureRow),
    '',
  ];
  lines.push(...scriptSections());
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
