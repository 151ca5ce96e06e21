/**
 * What the crash and load tests share about the server they drive: a free loopback port,
 * `gongkai serve --workers N` as a child process (its worker pids, its logged errors, its
 * stderr lines), and a graceful stop.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REPO = join(import.meta.dirname, '..', '..');

/** A free TCP port on the loopback. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

/**
 * The pids of the workers of `serve --workers N`'s primary: its children that run gongkai
 * (tsx's esbuild service is a child too, and is left out).
 */
export const workerPids = (primary: number): number[] => {
  let children: number[];
  try {
    children = execFileSync('pgrep', ['-P', String(primary)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
  return children.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('gongkai.js');
    } catch {
      return false; // exited meanwhile
    }
  });
};

export interface Served {
  readonly child: ChildProcess;
  /** The primary's pid. */
  readonly pid: number;
  /** The server's logged errors (pino JSON lines, level error and above), by message. */
  readonly errors: Map<string, number>;
  /** The first few of those lines as logged. */
  readonly errorLines: string[];
  /** Every line the server wrote to stderr (the primary's notices, e.g. a worker that exited). */
  readonly stderr: string[];
  /** Everything it printed to stdout (the demo banner among it). */
  readonly stdout: () => string;
  stop(): Promise<void>;
}

const tallyError = (errors: Map<string, number>, lines: string[], line: string): void => {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) < 50) return;
    const message = entry.err?.message ?? entry.msg ?? '?';
    errors.set(message, (errors.get(message) ?? 0) + 1);
    if (lines.length < 20) lines.push(line);
  } catch {
    // not a log line
  }
};

/**
 * Starts `gongkai serve --workers N` and resolves once it says it has started. Its stderr is
 * echoed with a prefix unless `quiet`; its error log lines are tallied either way.
 */
export const startServer = (
  env: NodeJS.ProcessEnv,
  options: { workers: number; quiet?: boolean; timeoutMs?: number },
): Promise<Served> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--workers', String(options.workers)], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const errors = new Map<string, number>();
    const errorLines: string[] = [];
    const stderr: string[] = [];
    let out = '';
    const timeoutMs = options.timeoutMs ?? 120_000;
    const timer = setTimeout(() => reject(new Error(`服务 ${timeoutMs / 1000} 秒内未启动`)), timeoutMs);
    let rest = '';
    const served: Served = {
      child,
      pid: child.pid ?? 0,
      errors,
      errorLines,
      stderr,
      stdout: () => out,
      stop: () => stopServer(child),
    };
    child.stdout?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (out.length < 100_000) out += text;
      const lines = (rest + text).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('gongkai 已启动')) {
          clearTimeout(timer);
          resolve(served);
        }
        if (line.startsWith('{')) tallyError(errors, errorLines, line);
      }
    });
    let errRest = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      const lines = (errRest + chunk.toString()).split('\n');
      errRest = lines.pop() ?? '';
      for (const line of lines) {
        stderr.push(line);
        if (!options.quiet) process.stderr.write(`  [server] ${line}\n`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`服务已退出（${code}）`));
    });
  });

/** SIGTERM, then SIGKILL if it has not exited within 20 s. */
export const stopServer = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const result = await Promise.race([exited.then(() => 'exited'), sleep(20_000, 'timeout')]);
  if (result === 'timeout') {
    console.error('服务 20 秒内未退出，强制结束');
    child.kill('SIGKILL');
    await exited;
  }
};

/** An online application as the portal's form sends it (POST /api/v1/applications). */
export const submission = (agencyId: number, description = '2023年度鼓楼区最低生活保障资金发放情况') => ({
  agencyId,
  applicantType: 'natural',
  applicantName: '王小明',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '河南省开封市鼓楼区包公湖北路1号',
  email: 'wxm@example.com',
  description,
  formWanted: 'electronic',
});
