/**
 * Fault test of the audit batch (issue 7): a tree of good reports (bench/audit's generator, as
 * text, HTML and DOCX) with corrupt, huge, slow and hostile files mixed in (scripts/fault/) is
 * audited by `gongkai audit DIR --jobs 2 --json` as a child process, whose RSS is sampled from
 * /proc every 200 ms. Then the same tree with `--state`: killed part-way with SIGKILL and run
 * again, the output must be the full run's.
 *
 *   npm run test:fault                      10,000 files; writes bench/results/fault.md and fault.json
 *   npm run test:fault -- --smoke           about 400 files, nothing written
 *   npm run test:fault -- --files N         N files
 *   npm run test:fault -- --timeout S       per-file time limit given to gongkai audit (default 10 s)
 *   npm run test:fault -- --keep            keep the tree (its path is printed)
 *
 * Passes (exit 0) when: the batch ends within its time bound; its exit status is 2 (files failed,
 * spec/annual-report.md); there is exactly one line per file, none for hidden files; every bad
 * file is reported with the error expected of it; every good file is read with the cells and
 * findings the generator planted; the median RSS of the last third of the run (after the first
 * 10%) is at most 50 MiB above that of the first third (full runs only), and the peak stays under the workers' caps;
 * and the resumed --state run prints the same lines as the full run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BenchFigure } from '../bench/figure.ts';
import { AUDIT_LIMITS } from '../src/reports/audit/limits.ts';
import { type BadFile, writeBadFiles } from './fault/bad-files.ts';
import { findingKeys, type GoodFile, goodName, writeGoodFiles } from './fault/good-files.ts';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const smoke = args.includes('--smoke');
const keep = args.includes('--keep');
const FILES = Number(flag('--files') ?? (smoke ? 400 : 10_000));
const TIMEOUT_S = Number(flag('--timeout') ?? 10);
const JOBS = 2;
if (!Number.isInteger(FILES) || FILES < 100 || !Number.isInteger(TIMEOUT_S) || TIMEOUT_S < 1) {
  console.error('用法：audit-fault-test.ts [--smoke] [--files N≥100] [--timeout 秒] [--keep]');
  process.exit(64);
}
/** The whole batch must end within this: the good files at a slow 20 a second, plus the time limits. */
const BOUND_MS = (FILES / 20 + 20 * TIMEOUT_S + 60) * 1000;
const RSS_GROWTH_MIB = 50;
const REPO = join(import.meta.dirname, '..');
const SUBDIRS = ['', 'a', join('b', 'c')];

interface Line {
  file: string;
  status: 'parsed' | 'failed';
  error?: string;
  report?: { agency: string | null; year: number | null; cells: Record<string, number | null> };
  findings: { rule: string; severity: string }[];
  diagnostics: { message: string }[];
}

interface Sample {
  readonly ms: number;
  readonly rssMiB: number;
  readonly done: number;
}

interface Run {
  readonly code: number | null;
  readonly signal: string | null;
  readonly ms: number;
  readonly lines: string[];
  readonly samples: Sample[];
  readonly stderr: string;
  readonly killed: boolean;
}

const readRss = (pid: number): number => {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
};

/** The process and its descendants (audit workers are threads, counted in the process's RSS). */
const processTree = (pid: number): number[] => {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    const p = out[i] as number;
    try {
      for (const task of readdirSync(`/proc/${p}/task`)) {
        const children = readFileSync(`/proc/${p}/task/${task}/children`, 'utf8').trim();
        if (children) out.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone
    }
  }
  return out;
};

/** Runs `gongkai audit`, sampling RSS every 200 ms; `killAt` lines out, SIGKILL (the resume test). */
const runAudit = (extra: readonly string[], killAt?: number): Promise<Run> =>
  new Promise((resolve) => {
    const t0 = Date.now();
    const child: ChildProcess = spawn(
      process.execPath,
      [
        join(REPO, 'bin/gongkai.js'),
        'audit',
        ROOT,
        '--jobs',
        String(JOBS),
        '--json',
        '--timeout',
        String(TIMEOUT_S),
        '--no-progress',
        ...extra,
      ],
      {
        cwd: REPO,
        stdio: ['ignore', 'pipe', 'pipe'],
        // As the README advises for large batches: glibc gives each worker thread arenas of its own
        // and keeps what a hostile file made them grow (measured: the median RSS of the last third
        // of a 10,000-file run 68 MiB above the first third without it, 315 MiB below with it).
        env: { ...process.env, MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2' },
      },
    );
    const lines: string[] = [];
    const samples: Sample[] = [];
    let carry = '';
    let stderr = '';
    let killed = false;
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      const parts = (carry + chunk).split('\n');
      carry = parts.pop() ?? '';
      lines.push(...parts);
      if (killAt !== undefined && !killed && lines.length >= killAt) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const sampler = setInterval(() => {
      if (child.pid === undefined) return;
      const rss = processTree(child.pid).reduce((sum, pid) => sum + readRss(pid), 0);
      if (rss > 0) samples.push({ ms: Date.now() - t0, rssMiB: rss, done: lines.length });
    }, 200);
    const bound = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, BOUND_MS);
    child.on('close', (code, signal) => {
      clearInterval(sampler);
      clearTimeout(bound);
      if (carry !== '' && !killed) lines.push(carry);
      resolve({ code, signal, ms: Date.now() - t0, lines, samples, stderr, killed });
    });
  });

const round = (n: number, d = 1): number => Math.round(n * 10 ** d) / 10 ** d;

// ——— build the tree ———
const ROOT = mkdtempSync(join(tmpdir(), 'gongkai-fault-'));
for (const sub of SUBDIRS) mkdirSync(join(ROOT, sub), { recursive: true });
const problems: string[] = [];
const t0 = Date.now();
console.log(`构建测试目录 ${ROOT}：${FILES} 个文件…`);
const BAD_ESTIMATE = 50;
const goodCount = FILES - BAD_ESTIMATE;
const good = await writeGoodFiles(ROOT, goodCount, SUBDIRS);
const sample = (format: string): string => {
  const f = good.find((g) => g.format === format && !g.planted);
  if (!f) throw new Error(`no good ${format} file`);
  return f.path;
};
const bad = await writeBadFiles({
  dir: ROOT,
  text: sample('txt'),
  html: sample('html'),
  docx: sample('docx'),
  smoke,
  // Spread between 5% and 90% of the batch, each next to a good file, so that they mix.
  place: (n, name) => {
    const i = Math.floor(goodCount * (0.05 + (0.85 * n) / BAD_ESTIMATE));
    return join(ROOT, goodName(i, goodCount, SUBDIRS, 'x').replace(/good\.x$/, `bad-${name}`));
  },
});
const goodByPath = new Map<string, GoodFile>(good.map((g) => [g.path, g]));
const total = good.length + bad.length;
console.log(
  `已生成：正常报告 ${good.length} 个（其中故意写错 ${good.filter((g) => g.planted).length} 个），问题文件 ${bad.length} 个，共 ${total} 个（${round((Date.now() - t0) / 1000)} 秒）`,
);

// ——— the full run ———
console.log(`运行 gongkai audit ${ROOT} --jobs ${JOBS} --json --timeout ${TIMEOUT_S}…`);
const full = await runAudit([]);
console.log(`结束：退出码 ${full.code}，${full.lines.length} 行，${round(full.ms / 1000)} 秒`);
if (full.killed) problems.push(`批次未在 ${round(BOUND_MS / 1000)} 秒内结束，已强行终止`);
if (full.code !== 2)
  problems.push(`退出码应为 2（有文件解析失败），实为 ${full.code}（信号 ${full.signal}）`);

const byFile = new Map<string, Line>();
for (const raw of full.lines) {
  let line: Line;
  try {
    line = JSON.parse(raw) as Line;
  } catch {
    problems.push(`输出中有一行不是 JSON：${raw.slice(0, 120)}`);
    continue;
  }
  if (byFile.has(line.file)) problems.push(`同一文件输出了两次：${JSON.stringify(line.file)}`);
  byFile.set(line.file, line);
  if (/\.hidden/.test(line.file)) problems.push(`隐藏文件不应核查：${line.file}`);
}
if (full.lines.some((l) => l.includes('root:x:0:0')))
  problems.push('输出含 /etc/passwd 的内容（外部实体被展开）');
if (full.lines.length !== total)
  problems.push(`应输出 ${total} 行（每个文件一行），实为 ${full.lines.length} 行`);

/** Whether a line reads as the good file: cells, agency, year and findings as planted. */
const checkGood = (line: Line | undefined, g: GoodFile, label: string): string | null => {
  if (!line) return `${label}：输出中没有该文件`;
  if (line.status !== 'parsed' || !line.report) return `${label}：应解析成功，实为失败（${line.error}）`;
  const r = line.report;
  if (r.agency !== g.agency || r.year !== g.year)
    return `${label}：机关/年度读作 ${r.agency} ${r.year}，应为 ${g.agency} ${g.year}`;
  const wrong = Object.keys({ ...g.cells, ...r.cells }).filter((k) => r.cells[k] !== g.cells[k]);
  if (wrong.length > 0)
    return `${label}：${wrong.length} 个单元格读错，如 ${wrong[0]} = ${r.cells[wrong[0] ?? '']}（应为 ${g.cells[wrong[0] ?? '']}）`;
  const got = findingKeys(line.findings).join(' ');
  if (got !== g.findings.join(' ')) return `${label}：核查结果 [${got}]，应为 [${g.findings.join(' ')}]`;
  if (g.planted && !line.findings.some((f) => f.rule === g.planted))
    return `${label}：未查出故意写错的 ${g.planted}`;
  return null;
};

let goodOk = 0;
for (const g of good) {
  const problem = checkGood(byFile.get(g.path), g, g.path.slice(ROOT.length + 1));
  if (problem) problems.push(problem);
  else goodOk++;
}

interface BadOutcome {
  readonly file: BadFile;
  readonly ok: boolean;
  readonly said: string;
}
const badOutcomes: BadOutcome[] = bad.map((b) => {
  const line = byFile.get(b.path);
  const label = JSON.stringify(b.path.slice(ROOT.length + 1));
  if (b.good) {
    const g = goodByPath.get(b.good);
    const problem = g ? checkGood(line, g, label) : `${label}：no source`;
    return { file: b, ok: problem === null, said: problem ?? '按原报告正确读出' };
  }
  if (!line) return { file: b, ok: false, said: '输出中没有该文件' };
  if (line.status === 'failed') {
    const ok = b.error?.test(line.error ?? '') ?? false;
    return { file: b, ok, said: `失败：${line.error}` };
  }
  const note = line.diagnostics.find((d) => b.diagnostic?.test(d.message));
  return {
    file: b,
    ok: note !== undefined,
    said: note
      ? `解析（附说明：${note.message}）`
      : `解析成功，未报告问题（${line.diagnostics.map((d) => d.message).join('；')}）`,
  };
});
for (const o of badOutcomes.filter((x) => !x.ok))
  problems.push(
    `问题文件 ${JSON.stringify(o.file.path.slice(ROOT.length + 1))}（${o.file.what}）：${o.said}`,
  );

// ——— memory ———
const tenth = Math.ceil(total / 10);
const settled = full.samples.filter((s) => s.done >= tenth && s.done < total);
// RSS swings by hundreds of MiB while a worker holds a big or hostile file, so one sample against
// another says little: flat means the typical RSS of the last third of the run is no higher than
// that of the first third (after the first 10%), i.e. memory does not grow with the files done.
const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const third = Math.max(1, Math.floor(settled.length / 3));
const first = median(settled.slice(0, third).map((s) => s.rssMiB));
const last = median(settled.slice(-third).map((s) => s.rssMiB));
const peak = Math.max(0, ...full.samples.map((s) => s.rssMiB));
const growth = last - first;
// Each worker's heap is capped (AUDIT_LIMITS.workerHeapMb): the peak is bounded by the workers' caps.
const PEAK_BOUND_MIB = JOBS * AUDIT_LIMITS.workerHeapMb + 512;
if (peak > PEAK_BOUND_MIB) problems.push(`RSS 峰值 ${round(peak)} MiB，超过 ${PEAK_BOUND_MIB} MiB`);
// For the reader: RSS over the first good files, before any bad file (they start at 5%).
const head = full.samples.filter((s) => s.done >= total * 0.02 && s.done < total * 0.05).map((s) => s.rssMiB);
const beforeBad = head.sort((a, b) => a - b)[Math.floor(head.length / 2)] ?? 0;
// Also for the reader: growth over the good files after the last bad one (placed up to ~87%).
const tail = full.samples.filter((s) => s.done >= total * 0.9 && s.done < total);
const tailGrowth = (tail.at(-1)?.rssMiB ?? 0) - (tail[0]?.rssMiB ?? 0);
const every = Math.max(1, Math.ceil(full.samples.length / 100));
const series = full.samples
  .filter((_, i) => i % every === 0)
  .map((s) => ({ s: round(s.ms / 1000), rssMiB: round(s.rssMiB), done: s.done }));
if (settled.length < 3) problems.push(`RSS 采样太少（${settled.length} 个）`);
// Flat needs a long run: in the smoke's 400 files one in eight is bad, and what the huge ones
// grew the workers to stays to the end (once 445 → 1,179 MiB, flat over the last 10%). The smoke
// reports the figure and holds to the peak bound; the full run holds to flat.
if (growth > RSS_GROWTH_MIB && !smoke)
  problems.push(`RSS（中位数）从前三分之一到后三分之一增长 ${round(growth)} MiB，超过 ${RSS_GROWTH_MIB} MiB`);

// ——— --state: killed part-way, then resumed ———
const stateFile = join(tmpdir(), `gongkai-fault-state-${process.pid}.jsonl`);
const killAt = Math.floor(total * 0.4);
console.log(`续跑检查：--state，在第 ${killAt} 行时 kill -9，再续跑…`);
const killedRun = await runAudit(['--state', stateFile], killAt);
const resumed = await runAudit(['--state', stateFile]);
const skipped = Number(/跳过 (\d+) 个/.exec(resumed.stderr)?.[1] ?? 0);
const fullLines = new Map(full.lines.map((l) => [(JSON.parse(l) as Line).file, l]));
const timing = (l: string | undefined): boolean => l?.includes('解析超时') === true;
let differing = 0;
let differingTimeouts = 0;
for (const l of resumed.lines) {
  const file = (JSON.parse(l) as Line).file;
  const before = fullLines.get(file);
  if (before === l) continue;
  // A file near the time limit may finish in one run and not in the other: counted apart.
  if (timing(before) || timing(l)) differingTimeouts++;
  else differing++;
}
if (!killedRun.killed) problems.push('续跑检查：第一次运行在 kill 之前就结束了');
if (resumed.code !== full.code) problems.push(`续跑的退出码 ${resumed.code}，完整运行为 ${full.code}`);
if (resumed.lines.length !== full.lines.length)
  problems.push(`续跑输出 ${resumed.lines.length} 行，完整运行 ${full.lines.length} 行`);
if (differing > 0) problems.push(`续跑的输出有 ${differing} 行与完整运行不同`);
if (skipped < killAt * 0.5)
  problems.push(`续跑只跳过了 ${skipped} 个文件（kill 前已输出 ${killedRun.lines.length} 行）`);
rmSync(stateFile, { force: true });

// ——— summary ———
const byCategory = new Map<string, { n: number; ok: number }>();
for (const o of badOutcomes) {
  const c = byCategory.get(o.file.category) ?? { n: 0, ok: 0 };
  c.n++;
  if (o.ok) c.ok++;
  byCategory.set(o.file.category, c);
}
const passed = problems.length === 0;
const result = {
  when: new Date().toISOString(),
  smoke,
  files: total,
  goodFiles: good.length,
  plantedErrors: good.filter((g) => g.planted).length,
  badFileCount: bad.length,
  jobs: JOBS,
  timeoutSeconds: TIMEOUT_S,
  full: {
    exitCode: full.code,
    seconds: round(full.ms / 1000),
    boundSeconds: round(BOUND_MS / 1000),
    lines: full.lines.length,
    goodReadCorrectly: goodOk,
    badReported: badOutcomes.filter((o) => o.ok).length,
    byCategory: Object.fromEntries(byCategory),
  },
  rss: {
    samples: full.samples.length,
    atTenPercentMiB: round(first),
    lastMiB: round(last),
    growthMiB: round(growth),
    peakMiB: round(peak),
    beforeBadFilesMiB: round(beforeBad),
    lastTenthGrowthMiB: round(tailGrowth),
    targetGrowthMiB: RSS_GROWTH_MIB,
    series,
  },
  resume: {
    killedAfterLines: killedRun.lines.length,
    skipped,
    resumedSeconds: round(resumed.ms / 1000),
    exitCode: resumed.code,
    differingLines: differing,
    differingTimeoutLines: differingTimeouts,
  },
  badFiles: badOutcomes.map((o) => ({
    file: o.file.path.slice(ROOT.length + 1),
    category: o.file.category,
    what: o.file.what,
    reported: o.ok,
    said: o.said,
  })),
  passed,
  problems,
  // The benchmark report's shape (bench/run.ts prints the last full run with the others).
  started: undefined as string | undefined,
  command: `npm run test:fault${smoke ? ' -- --smoke' : ''}`,
  figures: [] as BenchFigure[],
};
result.started = result.when;
result.figures = [
  {
    name: `${total} files (${good.length} good reports, ${bad.length} corrupt, huge, slow or hostile), gongkai audit --jobs ${JOBS}: batch finished, exit ${full.code}`,
    value: round(full.ms / 1000),
    unit: 's',
    target: `≤ ${round(BOUND_MS / 1000)} s`,
    met: full.ms <= BOUND_MS,
  },
  {
    name: 'good reports read with exactly the generated figures and findings',
    value: goodOk,
    unit: `of ${good.length}`,
    target: 'all',
    met: goodOk === good.length,
  },
  {
    name: 'bad files each reported with their own error',
    value: badOutcomes.filter((o) => o.ok).length,
    unit: `of ${bad.length}`,
    target: 'all',
    met: badOutcomes.every((o) => o.ok),
  },
  {
    name: `RSS of the audit and its workers, median of the first third of the run (after 10%) → median of the last third (peak ${round(peak)} MiB, bound ${PEAK_BOUND_MIB}; growth over the last 10%, good files only: ${round(tailGrowth)} MiB)`,
    value: round(growth),
    unit: 'MiB growth',
    target: `≤ ${RSS_GROWTH_MIB} MiB (flat)`,
    baseline: { name: 'median RSS, first third', value: round(first), unit: 'MiB' },
    met: growth <= RSS_GROWTH_MIB,
  },
  {
    name: `--state resume after kill -9 at line ${killedRun.lines.length}: ${skipped} files skipped, lines different from the full run`,
    value: differing,
    unit: 'lines',
    target: '0',
    met: differing === 0,
  },
];

const CATEGORY = { corrupt: '损坏', huge: '超大', slow: '超慢', hostile: '恶意' } as const;
const md = [
  `# 年报批量核查故障测试（${result.when}）`,
  '',
  `\`npm run test:fault${smoke ? ' -- --smoke' : ''}\`：${total} 个文件（正常报告 ${good.length} 个，其中故意写错 ${result.plantedErrors} 个；问题文件 ${bad.length} 个），\`gongkai audit --jobs ${JOBS} --json --timeout ${TIMEOUT_S}\`。`,
  '',
  '| 指标 | 结果 | 目标 |',
  '| --- | --- | --- |',
  `| 批次结束 | ${round(full.ms / 1000)} 秒 | ≤ ${round(BOUND_MS / 1000)} 秒 |`,
  `| 退出码 | ${full.code} | 2（有文件失败） |`,
  `| 输出行数 | ${full.lines.length} | ${total} |`,
  `| 正常报告正确读出 | ${goodOk} / ${good.length} | 全部 |`,
  `| 问题文件被报告 | ${result.full.badReported} / ${bad.length} | 全部 |`,
  `| RSS 中位数增长（10% 之后，前三分之一 → 后三分之一） | ${round(growth)} MiB（${round(first)} → ${round(last)}，峰值 ${round(peak)}（上限 ${PEAK_BOUND_MIB}）；问题文件之前 ${round(beforeBad)}；最后 10%（只有正常报告）增长 ${round(tailGrowth)}） | ≤ ${RSS_GROWTH_MIB} MiB |`,
  `| --state 续跑 | kill -9 于 ${killedRun.lines.length} 行后；续跑跳过 ${skipped} 个，${differing} 行不同（超时 ${differingTimeouts}） | 0 行不同 |`,
  '',
  '| 文件 | 类别 | 内容 | 报告 |',
  '| --- | --- | --- | --- |',
  ...result.badFiles.map(
    (b) =>
      `| \`${JSON.stringify(b.file).slice(1, -1).replace(/\|/g, '\\|')}\` | ${CATEGORY[b.category]} | ${b.what.replace(/\|/g, '\\|')} | ${b.reported ? '✓' : '✗'} ${b.said.replace(/\|/g, '\\|').replace(/\n/g, ' ')} |`,
  ),
  '',
  passed ? '**通过**' : `**未通过**：\n\n${problems.map((p) => `- ${p}`).join('\n')}`,
  '',
].join('\n');

console.log('');
for (const [category, c] of byCategory)
  console.log(`  ${CATEGORY[category as keyof typeof CATEGORY]}：${c.ok}/${c.n} 个被正确报告`);
console.log(`  正常报告：${goodOk}/${good.length} 个正确读出`);
console.log(
  `  RSS 中位数：前三分之一 ${round(first)} MiB → 后三分之一 ${round(last)} MiB（增长 ${round(growth)}，峰值 ${round(peak)}，上限 ${PEAK_BOUND_MIB}；问题文件之前 ${round(beforeBad)}；最后 10% 增长 ${round(tailGrowth)}），${full.samples.length} 个采样`,
);
console.log(
  `  续跑：kill 前 ${killedRun.lines.length} 行，续跑跳过 ${skipped} 个，${round(resumed.ms / 1000)} 秒，不同 ${differing} 行（超时 ${differingTimeouts}）`,
);
for (const p of problems.slice(0, 40)) console.log(`  ✗ ${p}`);
if (problems.length > 40) console.log(`  …另有 ${problems.length - 40} 个问题`);
console.log(passed ? '通过' : '未通过');
if (!smoke) {
  const out = join(REPO, 'bench/results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'fault.json'), `${JSON.stringify(result, null, 2)}\n`);
  writeFileSync(join(out, 'fault.md'), md);
  console.log(`已写入 bench/results/fault.md 和 fault.json`);
}
if (keep) console.log(`测试目录保留在 ${ROOT}`);
else rmSync(ROOT, { recursive: true, force: true });
process.exit(passed ? 0 : 1);
