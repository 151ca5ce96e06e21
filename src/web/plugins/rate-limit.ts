import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import type { Database } from '../../db/database.ts';
import { AppError } from '../../errors/app-error.ts';
import { isWorkerProcess } from '../workers.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

/** Route config of the login form and every public form: a stricter limit than the site's. */
export const formRateLimit = (config: Config) => ({
  rateLimit: { max: config.loginRateLimitMax, timeWindow: '1 minute' },
});

/**
 * Counts kept in the database when several processes answer one site: on PostgreSQL (the
 * deployment with processes behind nginx) and with `serve --workers`. One process on SQLite
 * counts in memory, which is exact and costs nothing.
 */
export const sharesRateLimitCounts = (config: Config, database: Database): boolean =>
  config.rateLimitStore === undefined
    ? database.dialect === 'postgres' || isWorkerProcess()
    : config.rateLimitStore === 'database';

/** Per client address: RATE_LIMIT_MAX requests a minute across the site; 429 as a page or JSON. */
export const registerRateLimit = async (
  app: FastifyInstance,
  config: Config,
  database: Database,
): Promise<void> => {
  let store: { store?: ReturnType<typeof databaseRateLimitStore>['Store'] } = {};
  if (sharesRateLimitCounts(config, database)) {
    const shared = databaseRateLimitStore(database.db);
    store = { store: shared.Store };
    app.addHook('onClose', async () => {
      await shared.counters.close().catch(() => {});
    });
  }
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: '1 minute',
    ...store,
    // The database out of reach (PostgreSQL restarting) must not turn every request into an error.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后再试。`),
  });
};
