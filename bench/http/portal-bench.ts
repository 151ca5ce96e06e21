import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { buildApp } from '../../src/web/app.ts';
import { type BenchFigure, round } from '../figure.ts';

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly errors: number;
  readonly non2xx: number;
}

const hammer = async (url: string, seconds: number): Promise<Load> => {
  const result = await autocannon({ url, connections: 100, duration: seconds, pipelining: 1 });
  return {
    rps: result.requests.average,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
};

const listen = async (app: FastifyInstance): Promise<string> => {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `http://127.0.0.1:${address.port}`;
};

/**
 * The portal home page as an anonymous reader sees it (no session, no cookie), against
 * Fastify's hello world in the same run, both on loopback, sharing the 2 cores with the
 * load generator. Target: ≥ 30% of hello world's requests per second, p99 < 50 ms.
 */
export const portalBenchmark = async ({ smoke }: { smoke: boolean }): Promise<BenchFigure[]> => {
  const seconds = smoke ? 2 : 15;
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-bench-http-'));
  const database = openDatabase(join(dir, 'bench.db'));
  const hello = Fastify({ logger: false });
  hello.get('/', async () => ({ hello: 'world' }));
  let app: FastifyInstance | null = null;
  try {
    await migrateToLatest(database.db);
    await seedDemo(database.db, { now: new Date() });
    // A load test from one address would trip the per-client limit at once.
    const config = loadConfig({ ...process.env, RATE_LIMIT_MAX: '100000000', LOG_LEVEL: 'silent' });
    app = await buildApp({ config, database, logger: false });
    const baseUrl = await listen(hello);
    const portalUrl = await listen(app);
    await hammer(baseUrl, 1);
    await hammer(portalUrl, 1);
    const base = await hammer(baseUrl, seconds);
    const portal = await hammer(portalUrl, seconds);
    if (portal.errors > 0 || portal.non2xx > 0) {
      throw new Error(
        `portal home gave ${portal.errors} errors and ${portal.non2xx} non-2xx responses under load`,
      );
    }
    const ratio = portal.rps / base.rps;
    return [
      {
        name: `portal home page, anonymous, 100 connections, ${seconds} s`,
        value: round(portal.rps, 0),
        unit: 'req/s',
        target: '≥ 30% of hello world',
        met: ratio >= 0.3,
        baseline: { name: 'Fastify hello world', value: round(base.rps, 0), unit: 'req/s' },
        ratio: round(ratio, 3),
      },
      {
        name: 'portal home page p99 latency at 100 connections',
        value: portal.p99,
        unit: 'ms',
        target: '< 50 ms',
        met: portal.p99 < 50,
        baseline: { name: 'Fastify hello world p99', value: base.p99, unit: 'ms' },
        ratio: round(portal.p99 / Math.max(1, base.p99), 2),
      },
    ];
  } finally {
    await app?.close();
    await hello.close();
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
};
