/**
 * Load test (issue 7): two app processes (`gongkai serve --workers 2`) on PostgreSQL, in a
 * fresh schema dropped afterwards, driven on the loopback by autocannon with a mix run
 * concurrently for `--duration` seconds:
 *
 *   portal reads      home, agency list and pages, catalogues, item pages, Atom/RSS feeds, reports
 *   searches          words, pairs, quoted phrases, document numbers, with and without filters
 *   submissions       POST /api/v1/applications with a new Idempotency-Key each
 *   workbench reads   logged-in staff (the demo accounts): queue pages, application pages
 *   workbench writes  staff open an application page and post a clock event with the page's
 *                     CSRF token (征求意见 started, then ended), as the browser does
 *
 *   npm run test:load                                   5 minutes against $GONGKAI_TEST_PG_URL
 *   npm run test:load -- --pg URL --duration 300
 *   npm run test:load -- --smoke                        20 s, less data, no results written
 *
 * Passes (exit 0) only if no answer was an error other than a rate-limit 429 (no 5xx, no other
 * 4xx, no timeout, no connection error), every submission that got a 201 is stored exactly once
 * under its key, every event posted with a 303 is stored, and both workers are still there.
 * Writes p50 / p99 / req/s per part to bench/results/load.md and load.json (not in smoke mode).
 */

import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import type { BenchFigure } from '../bench/figure.ts';
import { QUEUES } from '../src/applications/list-applications.ts';
import { openDatabase } from '../src/db/database.ts';
import { createSchema } from './support/postgres.ts';
import { type LoadData, seedLoadData } from './support/seed-load.ts';
import { freePort, REPO, type Served, startServer, submission, workerPids } from './support/serve.ts';

const args = process.argv.slice(2);
const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) {
    console.error(`用法：load-test.ts [--smoke] [--duration 秒] [--pg postgres://…]（${name} 缺少取值）`);
    process.exit(2);
  }
  return value;
};
const smoke = args.includes('--smoke');
const pgUrl = option('--pg') ?? process.env.GONGKAI_TEST_PG_URL;
const SECONDS = Number(option('--duration') ?? (smoke ? 20 : 300));
if (pgUrl === undefined || !/^postgres(ql)?:\/\//.test(pgUrl) || !(SECONDS > 0)) {
  console.error('负载测试需要 PostgreSQL：--pg postgres://… 或 GONGKAI_TEST_PG_URL；--duration 应为正数');
  process.exit(2);
}
const SIZES = smoke
  ? { items: 300, applications: 300, workable: 20 }
  : { items: 3000, applications: 3000, workable: 60 };
/** autocannon gives up on an answer after this long: a timeout fails the run. */
const TIMEOUT_S = 10;

const random = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;
const beijingToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** A logged-in member of staff: the session cookie and the agencies whose applications they see. */
interface Staff {
  readonly username: string;
  readonly cookie: string;
  readonly applications: readonly number[];
}

/** Logs in through the login form as a browser does: the form's token and nonce cookie, then the session cookie. */
const logIn = async (base: string, username: string, password: string): Promise<string> => {
  const page = await fetch(`${base}/workbench/login`);
  const html = await page.text();
  const nonce = page.headers.getSetCookie().find((c) => c.startsWith('gk_csrf='));
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (nonce === undefined || token === undefined) throw new Error('登录页没有 CSRF 令牌');
  const response = await fetch(`${base}/workbench/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: nonce.split(';')[0] ?? '' },
    body: new URLSearchParams({ _csrf: token, username, password, next: '/workbench' }).toString(),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith('gk_session='));
  if (response.status !== 303 || session === undefined)
    throw new Error(`${username} 登录失败（${response.status}）`);
  return session.split(';')[0] ?? '';
};

/** Which applications each demo account may open: its agency's subtree. */
const subtreeOf = (data: LoadData, agencyName: string): Set<number> => {
  const root = data.agencies.find((a) => a.name === agencyName);
  const ids = new Set<number>(root ? [root.id] : []);
  for (let grew = true; grew; ) {
    grew = false;
    for (const a of data.agencies)
      if (a.parentId !== null && ids.has(a.parentId) && !ids.has(a.id)) {
        ids.add(a.id);
        grew = true;
      }
  }
  return ids;
};

const WORDS = [
  '补贴',
  '低保',
  '医保',
  '公积金',
  '救助',
  '改造',
  '招生',
  '预算',
  '采购',
  '供暖',
  '征收',
  '安置',
  '就业',
  '创业',
  '执法',
  '残疾人',
  '棚户区',
  '老旧小区',
  '义务教育',
  '资金发放',
  '公示',
  '实施方案',
  '通知',
];

const searchPath = (data: LoadData): string => {
  const params = new URLSearchParams();
  const r = Math.random();
  if (r < 0.45) params.set('q', random(WORDS));
  else if (r < 0.65) params.set('q', `${random(WORDS)} ${random(WORDS)}`);
  else if (r < 0.75) params.set('q', `"${random(WORDS)}"`);
  else if (r < 0.85)
    params.set(
      'q',
      `汴鼓负〔${2019 + Math.floor(Math.random() * 7)}〕${1 + Math.floor(Math.random() * 3000)}号`,
    );
  else {
    params.set('q', random(WORDS));
    if (Math.random() < 0.5) params.set('year', String(2024 + Math.floor(Math.random() * 3)));
    if (Math.random() < 0.5) params.set('agency', String(random(data.items).agencyId));
  }
  if (Math.random() < 0.15) params.set('page', String(2 + Math.floor(Math.random() * 3)));
  return `/search?${params.toString()}`;
};

const portalPath = (data: LoadData): string => {
  const r = Math.random();
  const item = random(data.items);
  const agency = item.agencyId;
  if (r < 0.1) return '/';
  if (r < 0.15) return '/agencies';
  if (r < 0.25) return `/agencies/${agency}`;
  if (r < 0.5) {
    const page = Math.random() < 0.5 ? 1 : 2 + Math.floor(Math.random() * 5);
    return `/agencies/${agency}/catalogue${page > 1 ? `?page=${page}` : ''}`;
  }
  if (r < 0.85) return `/agencies/${agency}/items/${item.id}`;
  if (r < 0.92) return `/agencies/${agency}/feed.atom`;
  if (r < 0.97) return `/agencies/${agency}/feed.rss`;
  return `/agencies/${agency}/reports`;
};

interface PartResult {
  readonly name: string;
  readonly label: string;
  readonly connections: number;
  readonly requests: number;
  readonly reqPerSec: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
  readonly statuses: Record<string, number>;
  readonly rateLimited: number;
  readonly errors: number;
  readonly timeouts: number;
  /** Answers that fail the run: 5xx, a 4xx other than 429, or a status the step does not expect. */
  readonly bad: number;
}

interface Part {
  readonly name: string;
  readonly label: string;
  readonly connections: number;
  readonly requests: autocannon.Request[];
}

const main = async (): Promise<boolean> => {
  const schema = await createSchema(pgUrl, 'load');
  let served: Served | undefined;
  try {
    console.log(`负载测试：PostgreSQL（schema ${schema.schema}），serve --workers 2，${SECONDS} 秒`);
    const data = await seedLoadData(schema.databaseUrl, SIZES);
    console.log(
      `  数据：演示数据 + ${SIZES.items} 条主动公开信息 + ${SIZES.applications + SIZES.workable} 件申请（共 ${data.items.length} 条已发布信息、${data.applications.length} 件申请），${data.seconds.toFixed(1)} 秒`,
    );
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    served = await startServer(
      {
        ...process.env,
        DATABASE_URL: schema.databaseUrl,
        PORT: String(port),
        HOST: '127.0.0.1',
        NODE_ENV: 'production',
        RATE_LIMIT_MAX: '1000000000',
        LOGIN_RATE_LIMIT_MAX: '1000000000', // the public forms' limit, which POST /api/v1/applications has
        LOG_LEVEL: 'warn',
      },
      { workers: 2 },
    );
    const workersBefore = workerPids(served.pid);

    // Staff: the district's admin, registrar, approver and viewer see the district's
    // applications; the 民政局 handler and the 教育局 admin their department's.
    const password = new Map(data.accounts.map((a) => [a.username, a.password]));
    const staff: Staff[] = [];
    for (const [username, agency] of [
      ['admin', '鼓楼区人民政府'],
      ['registrar', '鼓楼区人民政府'],
      ['approver', '鼓楼区人民政府'],
      ['viewer', '鼓楼区人民政府'],
      ['handler', '鼓楼区民政局'],
      ['jiaoyu.admin', '鼓楼区教育局'],
    ] as const) {
      const subtree = subtreeOf(data, agency);
      staff.push({
        username,
        cookie: await logIn(base, username, password.get(username) ?? ''),
        applications: data.applications.filter((a) => subtree.has(a.agencyId)).map((a) => a.id),
      });
    }
    const writers = staff.filter((s) => s.username === 'admin' || s.username === 'registrar');

    // Submissions: every 201's tracking number and key, to be found in the database afterwards.
    const accepted: { trackingNumber: string; key: string }[] = [];
    // Requests built but not answered: those in flight when autocannon stops are cut off, and
    // may have been stored all the same (their client saw no answer, so nothing was promised).
    const pendingKeys = new Set<string>();
    let pendingPosts = 0;
    const submissionAgencies = data.agencies.map((a) => a.id);
    // Events: each workable application is leased to one connection at a time, so that its
    // events come in order (征求意见 started, ended, started …).
    const free = [...data.workable];
    const started = new Set<number>();
    let eventsPosted = 0;
    const failures: string[] = [];
    const noteFailure = (what: string, status: number, body: string) => {
      if (failures.length >= 10) return;
      const message = /<title>([^<]*)<\/title>/.exec(body)?.[1] ?? body.slice(0, 200);
      failures.push(`${what} → ${status}：${message.replace(/\s+/g, ' ')}`);
    };

    type Ctx = { key?: string; staff?: Staff; app?: number; csrf?: string };
    const parts: Part[] = [
      {
        name: 'portal',
        label: '门户浏览（首页、机关、目录、信息页、订阅源）',
        connections: 8,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: portalPath(data) }) }],
      },
      {
        name: 'search',
        label: '全文检索（词、词组、短语、文号、筛选）',
        connections: 4,
        requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: searchPath(data) }) }],
      },
      {
        name: 'submissions',
        label: '在线提交申请（POST /api/v1/applications）',
        connections: 4,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/applications',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              ctx.key = randomUUID();
              pendingKeys.add(ctx.key);
              return {
                ...req,
                headers: { 'content-type': 'application/json', 'idempotency-key': ctx.key },
                body: JSON.stringify(submission(random(submissionAgencies), '负载测试：在线提交的申请')),
              };
            },
            onResponse: (status, body, context) => {
              const ctx = context as Ctx;
              pendingKeys.delete(ctx.key ?? '');
              if (status === 201) {
                const { trackingNumber } = JSON.parse(body) as { trackingNumber: string };
                accepted.push({ trackingNumber, key: ctx.key ?? '' });
              } else if (status !== 429) noteFailure('POST /api/v1/applications', status, body);
            },
          },
        ],
      },
      {
        name: 'workbenchReads',
        label: '工作台浏览（办理队列、申请详情）',
        connections: 4,
        requests: [
          {
            method: 'GET',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              ctx.staff = random(staff);
              const page = Math.random() < 0.7 ? 1 : 2 + Math.floor(Math.random() * 3);
              return {
                ...req,
                headers: { cookie: ctx.staff.cookie },
                path: `/workbench/applications?queue=${random(QUEUES)}${page > 1 ? `&page=${page}` : ''}`,
              };
            },
            onResponse: (status, body) => {
              if (status !== 200 && status !== 429) noteFailure('工作台队列', status, body);
            },
          },
          {
            method: 'GET',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              const who = ctx.staff ?? random(staff);
              return {
                ...req,
                headers: { cookie: who.cookie },
                path: `/workbench/applications/${random(who.applications)}`,
              };
            },
            onResponse: (status, body) => {
              if (status !== 200 && status !== 429) noteFailure('工作台申请详情', status, body);
            },
          },
        ],
      },
      {
        name: 'workbenchWrites',
        label: '工作台办理（打开申请页，带 CSRF 令牌提交办理事件）',
        connections: 2,
        requests: [
          {
            method: 'GET',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              ctx.staff = random(writers);
              ctx.app = free.shift() ?? random(data.workable);
              return {
                ...req,
                headers: { cookie: ctx.staff.cookie },
                path: `/workbench/applications/${ctx.app}`,
              };
            },
            onResponse: (status, body, context) => {
              const ctx = context as Ctx;
              ctx.csrf = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
              if (status !== 200 && status !== 429) noteFailure('办理：申请详情', status, body);
            },
          },
          {
            method: 'POST',
            setupRequest: (req, context) => {
              const ctx = context as Ctx;
              const app = ctx.app ?? 0;
              pendingPosts++;
              const form = new URLSearchParams({
                _csrf: ctx.csrf ?? '',
                type: started.has(app) ? 'consultationEnded' : 'consultationStarted',
                date: beijingToday(),
                note: '负载测试',
              });
              return {
                ...req,
                headers: {
                  cookie: ctx.staff?.cookie ?? '',
                  'content-type': 'application/x-www-form-urlencoded',
                },
                path: `/workbench/applications/${app}/events`,
                body: form.toString(),
              };
            },
            onResponse: (status, body, context) => {
              const ctx = context as Ctx;
              const app = ctx.app ?? 0;
              pendingPosts--;
              if (status === 303) {
                eventsPosted++;
                if (started.has(app)) started.delete(app);
                else started.add(app);
              } else if (status !== 429) noteFailure(`办理：记录事件（申请 ${app}）`, status, body);
              free.push(app);
            },
          },
        ],
      },
    ];

    // The step's expected statuses: anything else, but a 429, fails the run.
    const expected: Record<string, readonly number[]> = {
      portal: [200],
      search: [200],
      submissions: [201],
      workbenchReads: [200],
      workbenchWrites: [200, 303],
    };
    console.log(
      `  ${parts.map((p) => `${p.name} ${p.connections}`).join('、')} 个连接，共 ${parts.reduce((n, p) => n + p.connections, 0)} 个`,
    );
    const started_at = new Date();
    const results = await Promise.all(
      parts.map(async (part): Promise<PartResult> => {
        const r = await autocannon({
          url: base,
          connections: part.connections,
          duration: SECONDS,
          timeout: TIMEOUT_S,
          requests: part.requests,
        });
        const statuses: Record<string, number> = {};
        for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) statuses[code] = count ?? 0;
        const allowed = new Set([...(expected[part.name] ?? []), 429]);
        const bad = Object.entries(statuses)
          .filter(([code]) => !allowed.has(Number(code)))
          .reduce((n, [, count]) => n + count, 0);
        return {
          name: part.name,
          label: part.label,
          connections: part.connections,
          requests: r.requests.total,
          reqPerSec: Math.round(r.requests.average * 10) / 10,
          p50: r.latency.p50,
          p90: r.latency.p90,
          p99: r.latency.p99,
          max: r.latency.max,
          statuses,
          rateLimited: statuses['429'] ?? 0,
          errors: r.errors,
          timeouts: r.timeouts,
          bad,
        };
      }),
    );
    const workersAfter = workerPids(served.pid);
    // The server's error log while under load (its shutdown is not part of the test).
    const serverErrors = new Map(served.errors);
    const loggedUnderLoad = served.errorLines.length;
    await served.stop();
    const atShutdown = served.errorLines.slice(loggedUnderLoad);

    // Every 201 stored once, under its key; no stored submission that was not answered 201;
    // every 303 an event.
    const database = openDatabase(schema.databaseUrl);
    let rows: { tracking_number: string; idempotency_key: string | null }[];
    let events: number;
    try {
      rows = await database.db
        .selectFrom('applications')
        .select(['tracking_number', 'idempotency_key'])
        .where('idempotency_key', 'is not', null)
        .execute();
      const counted = await database.db
        .selectFrom('application_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('application_id', 'in', [...data.workable])
        .where('type', 'in', ['consultationStarted', 'consultationEnded'])
        .executeTakeFirstOrThrow();
      events = Number(counted.n);
    } finally {
      await database.close();
    }
    const stored = new Map<string, { count: number; key: string | null }>();
    for (const row of rows) {
      const seen = stored.get(row.tracking_number);
      stored.set(row.tracking_number, { count: (seen?.count ?? 0) + 1, key: row.idempotency_key });
    }
    const missing = accepted.filter((a) => !stored.has(a.trackingNumber)).length;
    const duplicated = accepted.filter((a) => (stored.get(a.trackingNumber)?.count ?? 0) > 1).length;
    const wrongKey = accepted.filter((a) => {
      const row = stored.get(a.trackingNumber);
      return row !== undefined && row.key !== a.key;
    }).length;
    // Stored without a 201: only requests cut off at the end of the run may be.
    const promised = new Set(accepted.map((a) => a.trackingNumber));
    const unanswered = rows.filter((r) => !promised.has(r.tracking_number));
    const cutOff = unanswered.filter((r) => pendingKeys.has(r.idempotency_key ?? '')).length;

    const total = results.reduce((n, r) => n + r.requests, 0);
    const problems: string[] = [];
    for (const r of results) {
      if (r.bad > 0) problems.push(`${r.name}：${r.bad} 个错误回答`);
      if (r.errors > 0) problems.push(`${r.name}：${r.errors} 个连接错误（其中超时 ${r.timeouts}）`);
      if (r.requests === 0) problems.push(`${r.name}：没有完成任何请求`);
    }
    if (missing > 0) problems.push(`${missing} 件得到 201 的申请不在库中`);
    if (duplicated > 0) problems.push(`${duplicated} 件申请重复入库`);
    if (wrongKey > 0) problems.push(`${wrongKey} 件申请的幂等键不符`);
    if (unanswered.length > cutOff)
      problems.push(`库中有 ${unanswered.length - cutOff} 件未得到 201、也不是测试结束时中断的提交`);
    if (events < eventsPosted || events > eventsPosted + pendingPosts)
      problems.push(`办理事件：303 ${eventsPosted} 次（结束时中断 ${pendingPosts} 次），库中 ${events} 条`);
    if (workersAfter.length !== 2 || workersAfter.some((pid) => !workersBefore.includes(pid)))
      problems.push(`工作进程有变化：${workersBefore.join('、')} → ${workersAfter.join('、')}`);
    if (serverErrors.size > 0)
      problems.push(`服务端错误日志：${[...serverErrors].map(([m, n]) => `${m}×${n}`).join('、')}`);

    const pad = (s: string | number, n: number) => String(s).padStart(n);
    console.log(
      [
        '',
        '报告',
        `  ${'部分'.padEnd(16)}${pad('连接', 5)}${pad('请求', 9)}${pad('req/s', 9)}${pad('p50 ms', 9)}${pad('p99 ms', 9)}${pad('max ms', 9)}${pad('429', 6)}${pad('错误', 6)}  状态`,
        ...results.map(
          (r) =>
            `  ${r.name.padEnd(16)}${pad(r.connections, 5)}${pad(r.requests, 9)}${pad(r.reqPerSec, 9)}${pad(r.p50, 9)}${pad(r.p99, 9)}${pad(r.max, 9)}${pad(r.rateLimited, 6)}${pad(r.bad + r.errors, 6)}  ${Object.entries(
              r.statuses,
            )
              .map(([c, n]) => `${c}×${n}`)
              .join(' ')}`,
        ),
        `  合计 ${total} 个请求，${(total / SECONDS).toFixed(1)} req/s`,
        `  提交：201 ${accepted.length} 件，库中找到 ${accepted.length - missing}，重复 ${duplicated}，幂等键不符 ${wrongKey}，结束时中断而入库 ${cutOff}`,
        `  办理事件：303 ${eventsPosted} 次（结束时中断 ${pendingPosts} 次），库中 ${events} 条`,
        `  工作进程：${workersBefore.join('、')} → ${workersAfter.join('、')}`,
        ...failures.map((f) => `  错误回答示例：${f}`),
        ...served.errorLines.slice(0, loggedUnderLoad).map((l) => `  服务端错误：${l.slice(0, 600)}`),
        ...atShutdown.map((l) => `  关停期间的服务端错误（不计失败）：${l.slice(0, 600)}`),
        ...problems.map((p) => `  失败原因：${p}`),
      ].join('\n'),
    );
    const ok = problems.length === 0;

    if (!smoke) {
      const summary = {
        ran: started_at.toISOString(),
        seconds: SECONDS,
        setup: {
          database: 'PostgreSQL',
          processes: 2,
          data: {
            publishedItems: data.items.length,
            applications: data.applications.length,
            seedingSeconds: Math.round(data.seconds),
          },
          loopback: true,
          tool: 'autocannon 9 (in-process), one request at a time per connection',
          timeoutSeconds: TIMEOUT_S,
        },
        parts: results,
        totals: { requests: total, reqPerSec: Math.round((total / SECONDS) * 10) / 10 },
        submissions: {
          created: accepted.length,
          missing,
          duplicated,
          wrongKey,
          cutOffAtTheEndButStored: cutOff,
        },
        events: { answered303: eventsPosted, cutOffAtTheEnd: pendingPosts, stored: events },
        passed: ok,
        problems,
        // The benchmark report's shape (bench/run.ts prints the last full run with the others).
        command: `npm run test:load -- --duration ${SECONDS}`,
        started: started_at.toISOString(),
        figures: [
          ...results.map(
            (r): BenchFigure => ({
              name: `${r.label}, 2 processes on PostgreSQL, ${r.connections} of ${results.reduce((n, p) => n + p.connections, 0)} connections, ${SECONDS} s: ${r.requests} answers (${r.reqPerSec} req/s, p50 ${r.p50} ms, p90 ${r.p90} ms), ${r.rateLimited} × 429, ${r.errors + r.bad + r.timeouts} errors: p99`,
              value: r.p99,
              unit: 'ms',
              target: 'no error answer beyond 429; p99 recorded',
              met: r.errors + r.bad + r.timeouts === 0,
            }),
          ),
          {
            name: `online submissions answered 201 during the load test (${duplicated} duplicated, ${wrongKey} under another key)`,
            value: accepted.length - missing,
            unit: `of ${accepted.length} stored exactly once`,
            target: 'all',
            met: missing === 0 && duplicated === 0,
          },
        ],
      };
      const out = join(REPO, 'bench', 'results');
      writeFileSync(join(out, 'load.json'), `${JSON.stringify(summary, null, 2)}\n`);
      writeFileSync(
        join(out, 'load.md'),
        [
          '# Load test (issue 7)',
          '',
          `Run ${started_at.toISOString()}: \`npm run test:load\`, ${SECONDS} s. Two app processes (\`gongkai serve --workers 2\`) on PostgreSQL, a fresh schema with the demo data plus ${SIZES.items} published items and ${SIZES.applications + SIZES.workable} applications (${data.items.length} published items, ${data.applications.length} applications in all). autocannon on the loopback, all five parts at once, ${results.reduce((n, r) => n + r.connections, 0)} connections; rate limits raised (429s would be counted, not failed). The load generator, both app processes and PostgreSQL share the machine's two cores.`,
          '',
          '| part | connections | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | 429 | errors | statuses |',
          '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
          ...results.map(
            (r) =>
              `| ${r.label} | ${r.connections} | ${r.requests} | ${r.reqPerSec} | ${r.p50} | ${r.p90} | ${r.p99} | ${r.max} | ${r.rateLimited} | ${r.bad + r.errors} | ${Object.entries(
                r.statuses,
              )
                .map(([c, n]) => `${c}×${n}`)
                .join(' ')} |`,
          ),
          `| **all** | ${results.reduce((n, r) => n + r.connections, 0)} | ${total} | ${(total / SECONDS).toFixed(1)} | | | | | ${results.reduce((n, r) => n + r.rateLimited, 0)} | ${results.reduce((n, r) => n + r.bad + r.errors, 0)} | |`,
          '',
          `Submissions: ${accepted.length} answered 201, ${accepted.length - missing} found in the database, ${duplicated} duplicated, ${wrongKey} under another key, ${cutOff} stored whose request was cut off when the run stopped (no answer, no promise; none other stored). Workbench events: ${eventsPosted} answered 303, ${events} stored (${pendingPosts} posts cut off at the end). Workers ${workersBefore.join(', ')} → ${workersAfter.join(', ')}.`,
          '',
          `The workbench-writes row times both steps (GET the application page, POST the event form with its CSRF token). Result: **${ok ? 'passed' : 'failed'}**${problems.length ? ` (${problems.join('; ')})` : ''}.`,
          '',
        ].join('\n'),
      );
      console.log('  结果已写入 bench/results/load.md 和 load.json');
    }
    console.log(ok ? '\n通过' : '\n失败');
    return ok;
  } finally {
    if (served) await served.stop();
    await schema.drop();
  }
};

main().then(
  (ok) => process.exit(ok ? 0 : 1),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
