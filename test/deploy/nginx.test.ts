import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Deployment, NGINX, startDeployment } from '../../scripts/deploy-local.ts';
import { createSchema, type ThrowawaySchema } from '../../scripts/support/postgres.ts';
import { freePort } from '../../scripts/support/serve.ts';
import { openDatabase } from '../../src/db/database.ts';
import { PG_URL } from '../support/databases.ts';
import { makeAgency, makeUser } from '../support/factories.ts';

/**
 * The production shape, for real: two separate `gongkai serve` processes on one PostgreSQL
 * database behind nginx (scripts/deploy-local.ts with deploy/nginx/gongkai.conf).
 * Needs PostgreSQL and nginx; `.ci/run` provides both and fails on a skip.
 */
const ready = PG_URL !== undefined && existsSync(NGINX);
if (!ready) console.warn('跳过 nginx 部署测试：需要 GONGKAI_TEST_PG_URL 和 nginx（apt-get install nginx）');

describe.skipIf(!ready)('two app processes on PostgreSQL behind nginx', () => {
  let schema: ThrowawaySchema;
  let deployment: Deployment;
  let admin: { username: string; password: string };
  let agencyId: number;

  beforeAll(async () => {
    schema = await createSchema(PG_URL as string, 'deploy');
    deployment = await startDeployment({
      databaseUrl: schema.databaseUrl,
      processes: 2,
      port: await freePort(),
      quiet: true,
      env: { LOGIN_RATE_LIMIT_MAX: '4', RATE_LIMIT_MAX: '100000', PORTAL_CACHE_SECONDS: '600' },
    });
    const database = openDatabase(schema.databaseUrl);
    try {
      const agency = await makeAgency(database.db, { name: '部署测试局' });
      admin = await makeUser(database.db, {
        agencyId: agency.id,
        roles: ['admin'],
        displayName: '部署测试管理员',
      });
      agencyId = agency.id;
    } finally {
      await database.close();
    }
  }, 120_000);
  afterAll(async () => {
    await deployment?.stop();
    await schema?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${deployment.url}${path}`, { headers, redirect: 'manual' });
  const upstreamsOf = (log: string, path: string) =>
    new Set(
      log
        .split('\n')
        .filter((line) => line.includes(`"GET ${path} `))
        .map((line) => line.split(' ').at(-2)),
    );

  const login = async (): Promise<{ status: number; cookie: string }> => {
    const form = await get('/workbench/login');
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const posted = await fetch(`${deployment.url}/workbench/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username: admin.username, password: admin.password }),
    });
    return { status: posted.status, cookie: (posted.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
  };

  it('spreads requests over both processes', async () => {
    for (let i = 0; i < 10; i++) expect((await get('/robots.txt')).status).toBe(200);
    await sleep(200);
    expect(upstreamsOf(deployment.accessLog(), '/robots.txt').size).toBe(2);
  });

  it('keeps a staff session whichever process answers', async () => {
    const { status, cookie } = await login();
    expect(status).toBe(303);
    for (let i = 0; i < 6; i++) {
      const page = await get('/workbench', { cookie });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('退出');
    }
  });

  it('empties both processes’ page caches at a write through either', async () => {
    const path = `/agencies/${agencyId}`;
    const hits = async () => {
      const seen = [];
      for (let i = 0; i < 2; i++) seen.push((await get(path)).headers.get('x-page-cache'));
      return seen;
    };
    await hits();
    expect(await hits()).toEqual(['hit', 'hit']);
    expect((await login()).status).toBe(303);
    await sleep(300);
    expect(await hits()).toEqual([null, null]);
  });

  it('counts a form’s rate limit across the processes, by the address nginx saw', async () => {
    // Windows are whole minutes of the clock: start well inside one.
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 54_000) await sleep(60_000 - intoMinute + 100);
    const statuses = [];
    for (let i = 0; i < 6; i++) {
      const response = await fetch(`${deployment.url}/track`, {
        method: 'POST',
        redirect: 'manual',
        // A client cannot pass for someone else: nginx sets the header itself.
        headers: { 'x-forwarded-for': `10.9.9.${i}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'code=x',
      });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, 4)).not.toContain(429);
    expect(statuses.slice(4)).toEqual([429, 429]);
  });

  it('goes on serving when one process is killed', async () => {
    const [victim] = deployment.processes;
    victim?.child.kill('SIGKILL');
    await sleep(200);
    for (let i = 0; i < 8; i++) expect((await get('/robots.txt')).status).toBe(200);
  });
});
