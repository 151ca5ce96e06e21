import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedSecret } from '../../src/db/app-secrets.ts';
import type { Database } from '../../src/db/database.ts';
import { buildApp } from '../../src/web/app.ts';
import { FLUSH_MS } from '../../src/web/plugins/rate-limit-store.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { makeHierarchy } from './support/hierarchy.ts';
import { loginThroughForm, testConfig } from './support/web-app.ts';

/**
 * Two app processes over one database, as behind nginx: each app below has its own memory
 * (rate-limit counts, page cache, CSRF key), and only the database between them.
 */
skipIfNoPostgres();

describe.each(testDatabases())('two app processes on one database ($name)', ({ open }) => {
  let database: Database;
  const apps: FastifyInstance[] = [];
  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database.close();
  });

  const twoApps = async (env: Record<string, string>): Promise<[FastifyInstance, FastifyInstance]> => {
    const made: FastifyInstance[] = [];
    for (let i = 0; i < 2; i++) {
      const app = await buildApp({ config: testConfig(env), database, logger: false });
      await app.ready();
      made.push(app);
      apps.push(app);
    }
    return [made[0] as FastifyInstance, made[1] as FastifyInstance];
  };
  // A client address of its own per test: counts of one test never reach another's.
  const post = (app: FastifyInstance, ip: string) =>
    app.inject({ method: 'POST', url: '/track', remoteAddress: ip, payload: {} });
  const get = (app: FastifyInstance, ip: string) =>
    app.inject({ method: 'GET', url: '/robots.txt', remoteAddress: ip });
  // Windows are whole minutes of the clock: a test starts well inside one.
  const awayFromWindowEdge = async () => {
    const intoMinute = Date.now() % 60_000;
    if (intoMinute > 54_000) await sleep(60_000 - intoMinute + 100);
  };

  it("counts a form's strict limit across the processes: the fourth post of three allowed is refused", async () => {
    const [a, b] = await twoApps({ LOGIN_RATE_LIMIT_MAX: '3', RATE_LIMIT_STORE: 'database' });
    await awayFromWindowEdge();
    const statuses = [];
    for (const app of [a, b, a, b]) statuses.push((await post(app, '10.0.0.1')).statusCode);
    expect(statuses.slice(0, 3)).not.toContain(429);
    expect(statuses[3]).toBe(429);
    const refused = await post(b, '10.0.0.1');
    expect(refused.body).toContain('请求过于频繁');
    // Another client is counted apart.
    expect((await post(a, '10.0.0.2')).statusCode).not.toBe(429);
  });

  it('with counts in memory each process lets a client have its own three', async () => {
    const [a, b] = await twoApps({ LOGIN_RATE_LIMIT_MAX: '3', RATE_LIMIT_STORE: 'memory' });
    const statuses = [];
    for (const app of [a, b, a, b]) statuses.push((await post(app, '10.0.0.3')).statusCode);
    expect(statuses).not.toContain(429);
  });

  it("adds up the site's loose limit across the processes within a flush", async () => {
    const [a, b] = await twoApps({ RATE_LIMIT_MAX: '150', RATE_LIMIT_STORE: 'database' });
    await awayFromWindowEdge();
    for (let i = 0; i < 120; i++) expect((await get(a, '10.0.1.1')).statusCode).toBe(200);
    await sleep(FLUSH_MS + 300);
    for (let i = 0; i < 20; i++) expect((await get(b, '10.0.1.1')).statusCode).toBe(200);
    await sleep(FLUSH_MS + 300);
    // B now knows of A's 120: ten more pass (141–150), the 151st is refused.
    const more = [];
    for (let i = 0; i < 11; i++) more.push((await get(b, '10.0.1.1')).statusCode);
    expect(more.slice(0, 10)).toEqual(Array(10).fill(200));
    expect(more[10]).toBe(429);
  });

  it('stores a hash of the client, never its address', async () => {
    const rows = await database.db.selectFrom('rate_limit_counts').select(['scope', 'client']).execute();
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.client).not.toMatch(/10\.0\./);
    expect(rows.map((r) => r.scope)).toContain('POST /track');
  });

  it("accepts an anonymous form's token made by the other process", async () => {
    const [a, b] = await twoApps({});
    const nonce = a.anonymousCsrf.newNonce();
    expect(b.anonymousCsrf.verify(nonce, a.anonymousCsrf.tokenFor(nonce))).toBe(true);
    expect(await sharedSecret(database.db, 'anonymous-csrf')).toBe(
      await sharedSecret(database.db, 'anonymous-csrf'),
    );
  });

  it("empties the other process's page cache at a write", async () => {
    const [a, b] = await twoApps({ PORTAL_CACHE_SECONDS: '600' });
    const { gulou, staff } = await makeHierarchy(database.db);
    const url = `/agencies/${gulou.id}`;
    await b.inject({ method: 'GET', url });
    expect((await b.inject({ method: 'GET', url })).headers['x-page-cache']).toBe('hit');
    // A write through A: a login.
    const posted = await loginThroughForm(a, staff.admin);
    expect(posted.statusCode).toBe(303);
    let cached: unknown = 'hit';
    for (let i = 0; i < 40 && cached === 'hit'; i++) {
      await sleep(50);
      cached = (await b.inject({ method: 'GET', url })).headers['x-page-cache'];
      // A miss fills the cache again; the next loop's read would be a hit: stop at the first miss.
    }
    if (database.dialect === 'postgres') expect(cached).toBeUndefined();
    // Separate processes on SQLite have no channel between them (only `serve --workers` has):
    // the page lives out its time. That is why the nginx recipe runs on PostgreSQL.
    else expect(cached).toBe('hit');
  });

  it('listens again after losing its connection (PostgreSQL restarted), emptying its cache then', async () => {
    if (database.dialect !== 'postgres') return;
    const [, b] = await twoApps({ PORTAL_CACHE_SECONDS: '600' });
    const agency = await makeAgency(database.db, { name: '鼓楼区重连测试局' });
    const url = `/agencies/${agency.id}`;
    await b.inject({ method: 'GET', url });
    expect((await b.inject({ method: 'GET', url })).headers['x-page-cache']).toBe('hit');
    const channel = `gongkai_page_cache_${database.postgres?.schema ?? 'public'}`;
    const killed = await sql<{ pid: number }>`
      select pg_terminate_backend(pid) as pid from pg_stat_activity
      where query = ${`LISTEN "${channel}"`}`.execute(database.db);
    expect(killed.rows.length).toBeGreaterThanOrEqual(2);
    let cached: unknown = 'hit';
    for (let i = 0; i < 60 && cached === 'hit'; i++) {
      await sleep(50);
      cached = (await b.inject({ method: 'GET', url })).headers['x-page-cache'];
    }
    expect(cached).toBeUndefined();
    const listening = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where query = ${`LISTEN "${channel}"`}`.execute(
      database.db,
    );
    expect(listening.rows[0]?.n).toBeGreaterThanOrEqual(2);
  });
});
