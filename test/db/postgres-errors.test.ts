import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { isDatabaseUnavailable } from '../../src/db/postgres.ts';
import { buildApp } from '../../src/web/app.ts';
import { toAppError } from '../../src/web/plugins/errors.tsx';
import { PG_URL } from '../support/databases.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { testConfig } from '../web/support/web-app.ts';

/**
 * A lost PostgreSQL connection (a server restart, a network cut) must neither end the process
 * (pg emits 'error' on a client or the pool when nobody is querying it) nor answer 500: the
 * request that met it gets a 503 in Chinese, and the next one works once the server is back.
 * The server's going away is played by a TCP proxy between the pool and PostgreSQL (cut: every
 * connection ends; down: new ones are refused), and by pg_terminate_backend, which sends the
 * 57P01 a restart sends every session.
 */

describeEachDatabase('a database error that is not an outage', (db) => {
  it('stays an internal error (500), not a 503', async () => {
    const error = await sql`selec 1`.execute(db()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(toAppError(error).code).toBe('INTERNAL');
    expect(toAppError(error).status).toBe(500);
  });
});

/** A TCP proxy to PostgreSQL that can cut every connection and refuse new ones. */
interface Proxy {
  readonly port: number;
  /** Ends every connection through it (both sides), as a server going away does. */
  cut(): void;
  /** Stops listening and cuts: new connections are refused, as during a restart. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  close(): Promise<void>;
}

const startProxy = async (host: string, port: number): Promise<Proxy> => {
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  let server: Server = createServer();
  const listen = (at: number) =>
    new Promise<number>((resolve, reject) => {
      server = createServer((client) => {
        const upstream = tcpConnect(port, host);
        track(client);
        track(upstream);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
        client.pipe(upstream).pipe(client);
      });
      server.once('error', reject);
      server.listen(at, '127.0.0.1', () => {
        const address = server.address();
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  const proxyPort = await listen(0);
  const cut = () => {
    for (const socket of sockets) socket.destroy();
  };
  const down = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      cut();
    });
  return {
    port: proxyPort,
    cut,
    down,
    up: async () => {
      if (!server.listening) await listen(proxyPort);
    },
    close: down,
  };
};

const errorOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the query to fail');
    },
    (e: unknown) => e,
  );

describe.skipIf(PG_URL === undefined)('PostgreSQL going away (postgres)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  let proxy: Proxy;
  let database: Database;
  let app: FastifyInstance;
  /** What the pool wrote to stderr about lost connections. */
  const logged: string[] = [];

  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    const url = new URL(PG_URL ?? '');
    await admin((c) => c.query(`create schema ${schema}`));
    proxy = await startProxy(url.hostname, Number(url.port || '5432'));
    url.host = `127.0.0.1:${proxy.port}`;
    url.searchParams.set('schema', schema);
    database = openDatabase(url.toString());
    await migrateToLatest(database.db);
    app = await buildApp({ config: testConfig({ PORTAL_CACHE_SECONDS: '0' }), database, logger: false });
    await app.ready();
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk, ...rest) => {
      if (String(chunk).includes('数据库连接中断')) {
        logged.push(String(chunk));
        return true;
      }
      return (write as (c: unknown, ...r: unknown[]) => boolean)(chunk, ...rest);
    });
  });

  afterEach(async () => {
    // Every test leaves the server reachable.
    await proxy.up();
  });

  afterAll(async () => {
    vi.restoreAllMocks();
    await app?.close();
    await database?.close();
    await proxy?.close();
    await admin((c) => c.query(`drop schema if exists ${schema} cascade`));
  });

  const waitForLog = async (count: number) => {
    for (let i = 0; i < 100 && logged.length < count; i++) await sleep(20);
  };

  it('an idle connection the server ends is logged, does not end the process, and is replaced', async () => {
    await sql`select 1`.execute(database.db); // leaves an idle client in the pool
    const before = logged.length;
    proxy.cut();
    await waitForLog(before + 1);
    expect(logged.length).toBeGreaterThan(before);
    expect(logged.at(-1)).toContain('Connection terminated unexpectedly');
    const { rows } = await sql<{ n: number }>`select 41 + 1 as n`.execute(database.db);
    expect(rows[0]?.n).toBe(42);
  });

  it('a connection ended between two queries of a transaction fails the transaction as 503', async () => {
    const before = logged.length;
    const error = await errorOf(
      database.db.transaction().execute(async (trx) => {
        await sql`select 1`.execute(trx);
        proxy.cut(); // checked out, no query running: pg emits 'error' on the client itself
        await waitForLog(before + 1);
        await sql`select 2`.execute(trx);
      }),
    );
    expect(logged.length).toBeGreaterThan(before);
    expect(isDatabaseUnavailable(error)).toBe(true);
    const appError = toAppError(error);
    expect(appError.code).toBe('UNAVAILABLE');
    expect(appError.status).toBe(503);
    expect(appError.message).toContain('数据库暂时无法连接');
    await expect(sql`select 1`.execute(database.db)).resolves.toBeDefined();
  });

  it('a server refusing connections (restarting) is a 503', async () => {
    await proxy.down();
    await sleep(200); // the pool drops its idle connections, which the proxy ended
    const error = await errorOf(sql`select 1`.execute(database.db));
    expect((error as { code?: string }).code).toBe('ECONNREFUSED');
    expect(toAppError(error).code).toBe('UNAVAILABLE');
  });

  it('a session the server terminates mid-query (57P01, as at a restart) is a 503', async () => {
    const before = logged.length;
    const marker = `m_${randomBytes(4).toString('hex')}`;
    const running = errorOf(sql`select pg_sleep(20) as ${sql.raw(marker)}`.execute(database.db));
    let terminated = 0;
    for (let i = 0; i < 100 && terminated === 0; i++) {
      await sleep(50);
      terminated = await admin(async (c) => {
        const result = await c.query(
          `select pg_terminate_backend(pid) from pg_stat_activity where query like '%${marker}%' and pid <> pg_backend_pid()`,
        );
        return result.rowCount ?? 0;
      });
    }
    expect(terminated).toBe(1);
    const error = await running;
    expect((error as { code?: string }).code).toBe('57P01');
    expect(toAppError(error).code).toBe('UNAVAILABLE');
    // The session's socket closes just after the error: the pool then drops the client.
    await waitForLog(before + 1);
    await expect(sql`select 1`.execute(database.db)).resolves.toBeDefined();
  });

  it('the site answers 503 with a Chinese message while the database is away, and 200 once it is back', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/agencies' })).statusCode).toBe(200);
    await proxy.down();
    await sleep(200);

    const api = await app.inject({ method: 'GET', url: '/api/v1/agencies' });
    expect(api.statusCode).toBe(503);
    expect(api.headers['retry-after']).toBe('5');
    const body = api.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('UNAVAILABLE');
    expect(body.error.message).toContain('数据库暂时无法连接');

    const page = await app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('补贴')}` });
    expect(page.statusCode).toBe(503);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('服务暂时不可用');
    expect(page.body).toContain('请稍候几秒后重试');

    await proxy.up();
    expect((await app.inject({ method: 'GET', url: '/api/v1/agencies' })).statusCode).toBe(200);
  });
});
