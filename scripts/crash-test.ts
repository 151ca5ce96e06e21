/**
 * Crash test (issue 7): `gongkai serve --workers 2` takes online submissions from several
 * concurrent clients while one worker is killed with SIGKILL; afterwards every tracking number
 * a client got with a 201 must be in the database exactly once, and the surviving worker must
 * have kept serving.
 *
 *   npm run test:crash                 60 s against a fresh SQLite file (WAL)
 *   npm run test:crash -- --smoke      about 8 s
 *   npm run test:crash -- --pg URL     against PostgreSQL, in a fresh schema dropped afterwards
 *
 * Exit code 0 only if nothing is missing, nothing is duplicated, there were 201s after the kill
 * and every answer that reached a client was a 201 (connection errors at the kill excepted).
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { openDatabase } from '../src/db/database.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const pgIndex = args.indexOf('--pg');
const pgUrl = pgIndex >= 0 ? args[pgIndex + 1] : undefined;
if (pgIndex >= 0 && (pgUrl === undefined || pgUrl.startsWith('--'))) {
  console.error('用法：crash-test.ts [--smoke] [--pg postgres://…]');
  process.exit(2);
}
const SECONDS = smoke ? 8 : 60;
const CLIENTS = smoke ? 4 : 8;
const REPO = join(import.meta.dirname, '..');

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

/** The worker pids: the primary's child processes. */
const childPids = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return []; // pgrep exits 1 when there is none
  }
};

const submission = (agencyId: number) => ({
  agencyId,
  applicantType: 'natural',
  applicantName: '王小明',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '河南省开封市鼓楼区包公湖北路1号',
  email: 'wxm@example.com',
  description: '2023年度鼓楼区最低生活保障资金发放情况（崩溃测试）',
  formWanted: 'electronic',
});

/** The server's logged errors (pino JSON lines, level error and above), by message. */
const serverErrors = new Map<string, number>();
const tallyServerError = (line: string): void => {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    if ((entry.level ?? 0) < 50) return;
    const message = entry.err?.message ?? entry.msg ?? '?';
    serverErrors.set(message, (serverErrors.get(message) ?? 0) + 1);
  } catch {
    // not a log line
  }
};

/** Starts the server and resolves once it prints that it has started. */
const startServer = (env: NodeJS.ProcessEnv): Promise<ChildProcess> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/gongkai.js', 'serve', '--workers', '2'], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const timer = setTimeout(() => reject(new Error('服务 60 秒内未启动')), 60_000);
    let rest = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) {
        if (line.includes('gongkai 已启动')) {
          clearTimeout(timer);
          resolve(child);
        }
        if (line.startsWith('{')) tallyServerError(line);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`  [server] ${chunk}`));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`服务已退出（${code}）`));
    });
  });

const stopServer = async (child: ChildProcess): Promise<void> => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const result = await Promise.race([exited.then(() => 'exited'), sleep(20_000, 'timeout')]);
  if (result === 'timeout') {
    console.error('服务 20 秒内未退出，强制结束');
    child.kill('SIGKILL');
    await exited;
  }
};

interface Accepted {
  readonly trackingNumber: string;
  readonly key: string;
  readonly at: number;
}

const main = async (): Promise<boolean> => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-crash-'));
  const schema = `crash_${process.pid}_${Date.now()}`;
  let databaseUrl = join(dir, 'gongkai.db');
  if (pgUrl !== undefined) {
    const url = new URL(pgUrl);
    url.searchParams.delete('schema');
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    await client.query(`create schema ${schema}`);
    await client.end();
    url.searchParams.set('schema', schema);
    databaseUrl = url.toString();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_MAX: '1000000000',
    LOGIN_RATE_LIMIT_MAX: '1000000000', // the public forms' limit, which POST /api/v1/applications has
    LOG_LEVEL: 'warn',
  };
  console.log(
    `崩溃测试：${pgUrl ? `PostgreSQL（schema ${schema}）` : 'SQLite（WAL）'}，${SECONDS} 秒，${CLIENTS} 个并发客户端`,
  );
  if (pgUrl) console.log('  （不重启 PostgreSQL：只杀工作进程）');
  const server = await startServer(env);
  try {
    const primary = server.pid ?? 0;
    const { agencies } = (await (await fetch(`${base}/api/v1/agencies`)).json()) as {
      agencies: { id: number; name: string }[];
    };
    const gulou = agencies.find((a) => a.name === '鼓楼区人民政府');
    if (!gulou) throw new Error('演示数据中没有鼓楼区人民政府');
    const body = JSON.stringify(submission(gulou.id));

    const accepted: Accepted[] = [];
    const counts = { sent: 0, connectionErrors: 0, other: 0 };
    const otherStatuses = new Map<number, number>();
    const end = Date.now() + SECONDS * 1000;
    const client = async () => {
      while (Date.now() < end) {
        const key = randomUUID();
        counts.sent++;
        try {
          const res = await fetch(`${base}/api/v1/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          const json = (await res.json()) as { trackingNumber?: string };
          if (res.status === 201 && json.trackingNumber)
            accepted.push({ trackingNumber: json.trackingNumber, key, at: Date.now() });
          else {
            counts.other++;
            otherStatuses.set(res.status, (otherStatuses.get(res.status) ?? 0) + 1);
          }
        } catch {
          counts.connectionErrors++; // the worker died under the request: no 201, nothing promised
        }
      }
    };

    const killer = async () => {
      await sleep(SECONDS * 300); // a third of the way in
      const before = childPids(primary);
      const victim = before[0];
      if (victim === undefined) return { victim: undefined, restarted: false, killedAt: Date.now() };
      process.kill(victim, 'SIGKILL');
      const killedAt = Date.now();
      console.log(`  已 kill -9 工作进程 ${victim}（工作进程：${before.join('、')}）`);
      // The primary starts a new one after 1 s.
      while (Date.now() < killedAt + 15_000) {
        await sleep(200);
        const now = childPids(primary);
        const fresh = now.find((pid) => !before.includes(pid));
        if (fresh !== undefined) {
          console.log(`  新工作进程 ${fresh} 已启动（${Date.now() - killedAt} ms 后）`);
          return { victim, restarted: true, killedAt };
        }
      }
      return { victim, restarted: false, killedAt };
    };

    const [kill] = await Promise.all([killer(), ...Array.from({ length: CLIENTS }, client)]);
    await stopServer(server);

    const database = openDatabase(databaseUrl);
    let rows: { tracking_number: string; idempotency_key: string | null }[];
    try {
      rows = await database.db
        .selectFrom('applications')
        .select(['tracking_number', 'idempotency_key'])
        .execute();
    } finally {
      await database.close();
    }
    const stored = new Map<string, { count: number; key: string | null }>();
    for (const row of rows) {
      const seen = stored.get(row.tracking_number);
      stored.set(row.tracking_number, { count: (seen?.count ?? 0) + 1, key: row.idempotency_key });
    }
    const promised = new Map<string, number>();
    for (const a of accepted) promised.set(a.trackingNumber, (promised.get(a.trackingNumber) ?? 0) + 1);
    const missing = accepted.filter((a) => !stored.has(a.trackingNumber));
    const duplicates =
      [...promised.values()].filter((n) => n > 1).length +
      accepted.filter((a) => (stored.get(a.trackingNumber)?.count ?? 0) > 1).length;
    const wrongKey = accepted.filter((a) => {
      const row = stored.get(a.trackingNumber);
      return row !== undefined && row.key !== a.key;
    });
    const afterKill = accepted.filter((a) => a.at > kill.killedAt).length;
    const foundInDb = accepted.length - missing.length;

    const other = [...otherStatuses].map(([status, n]) => `${status}×${n}`).join('、');
    console.log(
      [
        '',
        '报告',
        `  发出的提交        ${counts.sent}`,
        `  201               ${accepted.length}（kill 之后 ${afterKill}）`,
        `  连接错误          ${counts.connectionErrors}（kill 时请求中断，客户端未得到 201，不计失败）`,
        `  其他状态          ${counts.other}${other ? `（${other}）` : ''}`,
        `  库中找到          ${foundInDb} / ${accepted.length}（库中共 ${rows.length} 件申请，含演示数据）`,
        `  重复              ${duplicates}`,
        `  缺失              ${missing.length}${
          missing.length
            ? `：${missing
                .slice(0, 5)
                .map((a) => a.trackingNumber)
                .join('、')}`
            : ''
        }`,
        `  幂等键不符        ${wrongKey.length}`,
        `  服务端错误日志    ${[...serverErrors].map(([m, n]) => `${m}×${n}`).join('、') || '无'}`,
        `  工作进程已重启    ${kill.victim === undefined ? '否（未找到工作进程）' : kill.restarted ? '是' : '否'}`,
      ].join('\n'),
    );
    // An answer other than 201 (a 500 "database is locked" before transactions began IMMEDIATE)
    // breaks no promise, but the survivors must keep serving: it fails the run too.
    const ok =
      missing.length === 0 &&
      duplicates === 0 &&
      wrongKey.length === 0 &&
      afterKill > 0 &&
      counts.other === 0;
    console.log(ok ? '\n通过' : '\n失败');
    return ok;
  } finally {
    await stopServer(server);
    rmSync(dir, { recursive: true, force: true });
    if (pgUrl !== undefined) {
      const url = new URL(pgUrl);
      url.searchParams.delete('schema');
      const client = new pg.Client({ connectionString: url.toString() });
      await client.connect();
      await client.query(`drop schema ${schema} cascade`);
      await client.end();
    }
  }
};

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
