/**
 * Crash test (issue 7): `gongkai serve --workers 2` takes online submissions from several
 * concurrent clients while one worker is killed with SIGKILL — or, with --restart-pg, while
 * the PostgreSQL server is restarted under it; afterwards every tracking number a client got
 * with a 201 must be in the database exactly once, and the app must have kept serving.
 *
 *   npm run test:crash                              60 s against a fresh SQLite file (WAL)
 *   npm run test:crash -- --smoke                   about 8 s
 *   npm run test:crash -- --pg URL                  against PostgreSQL, in a fresh schema dropped afterwards
 *   npm run test:crash -- --pg URL --restart-pg     restart the PostgreSQL cluster serving URL's port
 *                                                   (pg_lsclusters / pg_ctlcluster; needs root) instead
 *
 * Kill: exit code 0 only if nothing is missing, nothing is duplicated, there were 201s after the
 * kill and every answer that reached a client was a 201 (connection errors at the kill excepted).
 * Restart: the same about the 201s; besides, no app process died, submissions succeed again
 * within RECOVERY_MS of the restart, and the only other answers were 503s during the outage
 * (a connection refused then is counted, not failed): no 500, no timeout, no reset.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BenchFigure } from '../bench/figure.ts';
import { openDatabase } from '../src/db/database.ts';
import { type Cluster, createSchema, findCluster, restartCluster } from './support/postgres.ts';
import { freePort, REPO, type Served, startServer, submission, workerPids } from './support/serve.ts';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const restartPg = args.includes('--restart-pg');
const pgIndex = args.indexOf('--pg');
const pgUrl = pgIndex >= 0 ? args[pgIndex + 1] : undefined;
if ((pgIndex >= 0 && (pgUrl === undefined || pgUrl.startsWith('--'))) || (restartPg && pgUrl === undefined)) {
  console.error('用法：crash-test.ts [--smoke] [--pg postgres://… [--restart-pg]]');
  process.exit(2);
}
const SECONDS = restartPg ? (smoke ? 14 : 60) : smoke ? 8 : 60;
const CLIENTS = smoke ? 4 : 8;
/** After a PostgreSQL restart, submissions must succeed again within this long. */
const RECOVERY_MS = 10_000;

interface Accepted {
  readonly trackingNumber: string;
  readonly key: string;
  readonly at: number;
}

/** What a client saw other than a 201: an HTTP status, or why the request failed. */
interface Refused {
  readonly at: number;
  readonly status?: number;
  readonly error?: string;
}

/** The disruption: when it began and ended, and what the report says about it. */
interface Disruption {
  readonly from: number;
  readonly to: number;
  readonly lines: string[];
  /** Why the run fails because of it, if it does. */
  readonly failures: string[];
}

/** Why a fetch failed, in a word: the socket error's code, or TimeoutError. */
const failureOf = (error: unknown): string => {
  const cause = (error as { cause?: { code?: string } } | null)?.cause;
  if (cause?.code) return cause.code;
  return error instanceof Error ? error.name : String(error);
};

/** kill -9 one worker a third of the way in; the primary must start a new one. */
const killWorker = async (served: Served): Promise<Disruption> => {
  await sleep(SECONDS * 300);
  const before = workerPids(served.pid);
  const victim = before[0];
  const killedAt = Date.now();
  if (victim === undefined)
    return { from: killedAt, to: killedAt, lines: [], failures: ['未找到工作进程，未能 kill'] };
  process.kill(victim, 'SIGKILL');
  console.log(`  已 kill -9 工作进程 ${victim}（工作进程：${before.join('、')}）`);
  // The primary starts a new one after 1 s.
  while (Date.now() < killedAt + 15_000) {
    await sleep(200);
    const fresh = workerPids(served.pid).find((pid) => !before.includes(pid));
    if (fresh !== undefined) {
      console.log(`  新工作进程 ${fresh} 已启动（${Date.now() - killedAt} ms 后）`);
      return { from: killedAt, to: Date.now(), lines: ['  工作进程已重启    是'], failures: [] };
    }
  }
  return { from: killedAt, to: Date.now(), lines: ['  工作进程已重启    否'], failures: ['工作进程未重启'] };
};

/** Restart the PostgreSQL cluster a third of the way in; the workers must survive it. */
const restartPostgres = async (
  served: Served,
  cluster: Cluster,
  accepted: readonly Accepted[],
): Promise<Disruption> => {
  await sleep(SECONDS * 300);
  const before = workerPids(served.pid);
  const from = Date.now();
  console.log(`  重启 PostgreSQL ${cluster.version}/${cluster.name}（端口 ${cluster.port}）…`);
  await restartCluster(cluster);
  const to = Date.now();
  console.log(`  PostgreSQL 已重启（${to - from} ms）`);
  let recovered: number | undefined;
  while (Date.now() < to + RECOVERY_MS + 5_000) {
    const first = accepted.find((a) => a.at > to);
    if (first !== undefined) {
      recovered = first.at - to;
      break;
    }
    await sleep(100);
  }
  const failures: string[] = [];
  if (recovered === undefined || recovered > RECOVERY_MS)
    failures.push(`重启后 ${RECOVERY_MS / 1000} 秒内没有提交成功`);
  const after = workerPids(served.pid);
  const died = before.filter((pid) => !after.includes(pid));
  const exits = served.stderr.filter((line) => line.includes('已退出'));
  if (died.length > 0 || exits.length > 0)
    failures.push(`工作进程退出：${[...died.map(String), ...exits].join('；')}`);
  if (served.child.exitCode !== null) failures.push('主进程已退出');
  return {
    from,
    to,
    failures,
    lines: [
      `  PostgreSQL 重启    ${to - from} ms`,
      `  恢复              ${recovered === undefined ? '未恢复' : `重启完成后 ${recovered} ms 首个 201`}`,
      `  工作进程          ${before.join('、')} → ${after.join('、')}${died.length ? '（有进程退出）' : '（无进程退出）'}`,
    ],
  };
};

const main = async (): Promise<boolean> => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-crash-'));
  const cluster = restartPg && pgUrl !== undefined ? findCluster(pgUrl) : undefined;
  const schema = pgUrl === undefined ? undefined : await createSchema(pgUrl, 'crash');
  const databaseUrl = schema?.databaseUrl ?? join(dir, 'gongkai.db');
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
    `崩溃测试：${schema ? `PostgreSQL（schema ${schema.schema}）` : 'SQLite（WAL）'}，${SECONDS} 秒，${CLIENTS} 个并发客户端`,
  );
  console.log(cluster ? '  （重启 PostgreSQL，不杀工作进程）' : '  （kill -9 一个工作进程）');
  let served: Served | undefined;
  try {
    served = await startServer(env, { workers: 2 });
    const { agencies } = (await (await fetch(`${base}/api/v1/agencies`)).json()) as {
      agencies: { id: number; name: string }[];
    };
    const gulou = agencies.find((a) => a.name === '鼓楼区人民政府');
    if (!gulou) throw new Error('演示数据中没有鼓楼区人民政府');
    const body = JSON.stringify(submission(gulou.id, '2023年度鼓楼区最低生活保障资金发放情况（崩溃测试）'));

    const accepted: Accepted[] = [];
    const refused: Refused[] = [];
    let sent = 0;
    const end = Date.now() + SECONDS * 1000;
    const client = async () => {
      while (Date.now() < end) {
        const key = randomUUID();
        sent++;
        try {
          const res = await fetch(`${base}/api/v1/applications`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'idempotency-key': key },
            body,
            signal: AbortSignal.timeout(15_000),
          });
          const json = (await res.json().catch(() => ({}))) as { trackingNumber?: string };
          if (res.status === 201 && json.trackingNumber)
            accepted.push({ trackingNumber: json.trackingNumber, key, at: Date.now() });
          else refused.push({ at: Date.now(), status: res.status });
        } catch (error) {
          // The worker died under the request: no 201, nothing promised.
          refused.push({ at: Date.now(), error: failureOf(error) });
          await sleep(50);
        }
      }
    };

    const [event] = await Promise.all([
      cluster ? restartPostgres(served, cluster, accepted) : killWorker(served),
      ...Array.from({ length: CLIENTS }, client),
    ]);
    // The survivors must still be there when the load ends (restart: none may have died since).
    const workersAtEnd = workerPids(served.pid);
    await served.stop();

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
    const afterEvent = accepted.filter((a) => a.at > event.to).length;
    const foundInDb = accepted.length - missing.length;

    // What a client may see besides a 201. Kill: a connection error (the worker died under the
    // request). Restart: a 503 or a connection refused during the outage, until RECOVERY_MS after it.
    const inOutage = (r: Refused) => r.at >= event.from - 1000 && r.at <= event.to + RECOVERY_MS;
    const allowed = (r: Refused): boolean =>
      cluster ? inOutage(r) && (r.status === 503 || r.error === 'ECONNREFUSED') : r.status === undefined;
    const tally = (list: readonly Refused[]) => {
      const counts = new Map<string, number>();
      for (const r of list) {
        const what = r.status === undefined ? (r.error ?? '?') : String(r.status);
        counts.set(what, (counts.get(what) ?? 0) + 1);
      }
      return [...counts].map(([what, n]) => `${what}×${n}`).join('、');
    };
    const tolerated = refused.filter(allowed);
    const wrong = refused.filter((r) => !allowed(r));

    console.log(
      [
        '',
        '报告',
        `  发出的提交        ${sent}`,
        `  201               ${accepted.length}（${cluster ? '重启' : 'kill'}之后 ${afterEvent}）`,
        `  容许的失败        ${tolerated.length}${tolerated.length ? `（${tally(tolerated)}）` : ''}（${
          cluster ? '重启期间的 503 或连接被拒' : 'kill 时请求中断'
        }，客户端未得到 201，不计失败）`,
        `  其他回答          ${wrong.length}${wrong.length ? `（${tally(wrong)}）` : ''}`,
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
        `  服务端错误日志    ${[...served.errors].map(([m, n]) => `${m}×${n}`).join('、') || '无'}`,
        ...event.lines,
        `  结束时工作进程    ${workersAtEnd.join('、') || '无'}`,
        ...event.failures.map((f) => `  失败原因          ${f}`),
      ].join('\n'),
    );
    // An answer other than those allowed (a 500 "database is locked" before transactions began
    // IMMEDIATE; a 500 for a lost database connection) breaks no promise, but the survivors must
    // keep serving: it fails the run too.
    const ok =
      missing.length === 0 &&
      duplicates === 0 &&
      wrongKey.length === 0 &&
      afterEvent > 0 &&
      wrong.length === 0 &&
      workersAtEnd.length === 2 &&
      event.failures.length === 0;
    console.log(ok ? '\n通过' : '\n失败');
    if (!smoke) {
      // The benchmark report (bench/run.ts) carries the last full run of each mode.
      const mode = cluster ? 'pg-restart' : schema ? 'pg-kill' : 'sqlite-kill';
      const what = cluster
        ? `PostgreSQL restarted under serve --workers 2 (${event.to - event.from} ms)`
        : `one worker of serve --workers 2 killed with SIGKILL, ${schema ? 'PostgreSQL' : 'SQLite (WAL)'}`;
      const figures: BenchFigure[] = [
        {
          name: `${what}: ${sent} submissions from ${CLIENTS} clients in ${SECONDS} s; ${accepted.length} answered 201 (${afterEvent} after it), ${tolerated.length} tolerated failures${tolerated.length ? ` (${tally(tolerated)})` : ''}, ${wrong.length} other answers, ${duplicates} duplicated, workers at the end ${workersAtEnd.length}`,
          value: foundInDb,
          unit: `of ${accepted.length} stored exactly once`,
          target: 'every 201 stored once, no other answer, survivors serving',
          met: ok,
        },
      ];
      writeFileSync(
        join(REPO, 'bench', 'results', `crash-${mode}.json`),
        `${JSON.stringify({ started: new Date(end - SECONDS * 1000).toISOString(), command: `npm run test:crash${args.length ? ` -- ${args.join(' ').replace(/postgres:\/\/[^ ]*/, 'URL')}` : ''}`, figures }, null, 2)}\n`,
      );
    }
    return ok;
  } finally {
    if (served) await served.stop();
    rmSync(dir, { recursive: true, force: true });
    await schema?.drop();
  }
};

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
