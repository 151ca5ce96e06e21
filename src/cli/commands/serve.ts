import type { Command } from 'commander';
import { seedCalendar } from '../../calendar/calendar-store.ts';
import type { Config } from '../../config/config.ts';
import { type Database, openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedDemo } from '../../orgs/demo.ts';
import { configOrExit, siteUrl } from '../cli-config.ts';
import { demoBanner } from '../demo-banner.ts';
import { UsageError } from '../usage-error.ts';

/**
 * `gongkai serve [--workers N]`: migrate, seed the demo into an empty database, serve until a
 * signal. With N > 1 the primary does the migrating and seeding, then N worker processes serve
 * the port (web/workers.ts); each worker opens its own connection to the database.
 */
export const serve = async (env: NodeJS.ProcessEnv = process.env, options: { workers?: number } = {}) => {
  const config = configOrExit(env);
  if (!config) return;
  const { isWorkerProcess, runWorkers } = await import('../../web/workers.ts');
  const workers = options.workers ?? 1;
  if (isWorkerProcess()) return serveHttp(config);
  const database = openDatabase(config.databaseUrl);
  let demo: Awaited<ReturnType<typeof seedDemo>>;
  try {
    await migrateToLatest(database.db);
    await seedCalendar(database.db, new Date());
    demo = await seedDemo(database.db, { now: new Date() });
  } catch (error) {
    await database.close();
    throw error;
  }
  // The workers open their own connections.
  if (workers > 1) await database.close();
  const url = siteUrl(config);
  if (workers <= 1) await serveHttp(config, database);
  if (demo.created) process.stdout.write(demoBanner(url, demo.accounts));
  if (workers <= 1) {
    process.stdout.write(`gongkai 已启动：${url}\n`);
    return;
  }
  await runWorkers(
    workers,
    (line) => process.stderr.write(`gongkai: ${line}\n`),
    () => process.stdout.write(`gongkai 已启动：${url}（${workers} 个工作进程）\n`),
  );
};

/** One process's web app on the configured port, closed gracefully on SIGINT or SIGTERM. */
const serveHttp = async (config: Config, opened?: Database): Promise<void> => {
  const database = opened ?? openDatabase(config.databaseUrl);
  try {
    // The web app is loaded only by the command that serves it: the other commands start faster.
    const { buildApp } = await import('../../web/app.ts');
    const { closeOnSignals } = await import('../../web/shutdown.ts');
    const app = await buildApp({ config, database });
    // A worker's channel to its primary would keep it alive after closing: it is let go.
    closeOnSignals(app, database, { afterClose: () => process.disconnect?.() });
    // Each process runs the background jobs too (src/jobs): a job is claimed by one of them only.
    await app.jobs?.start();
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await database.close();
    throw error;
  }
};

const workerCount = (value: string): number => {
  const n = Number(value);
  if (!/^\d{1,2}$/.test(value) || n < 1 || n > 64)
    throw new UsageError(`--workers 应为 1–64 之间的整数，而不是“${value}”`);
  return n;
};

export const registerServe = (program: Command): void => {
  program
    .command('serve')
    .description('启动门户、工作台和 API（HOST、PORT、DATABASE_URL 等见 .env.example）')
    .option('--workers <n>', '工作进程数（默认 1；多个进程共用一个端口和数据库）', workerCount)
    .action((flags: { workers?: number }) => serve(process.env, { workers: flags.workers }));
};
