import type { Command } from 'commander';
import { seedCalendar } from '../../calendar/calendar-store.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { seedDemo } from '../../orgs/demo.ts';
import { configOrExit, siteUrl } from '../cli-config.ts';
import { demoBanner } from '../demo-banner.ts';

/** `gongkai serve`: migrate, seed the demo into an empty database, serve until a signal. */
export const serve = async (env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  const config = configOrExit(env);
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    await seedCalendar(database.db, new Date());
    const demo = await seedDemo(database.db, { now: new Date() });
    // The web app is loaded only by the command that serves it: the other commands start faster.
    const { buildApp } = await import('../../web/app.ts');
    const { closeOnSignals } = await import('../../web/shutdown.ts');
    const app = await buildApp({ config, database });
    closeOnSignals(app, database);
    await app.listen({ host: config.host, port: config.port });
    const url = siteUrl(config);
    if (demo.created) process.stdout.write(demoBanner(url, demo.accounts));
    process.stdout.write(`gongkai 已启动：${url}\n`);
  } catch (error) {
    await database.close();
    throw error;
  }
};

export const registerServe = (program: Command): void => {
  program
    .command('serve')
    .description('启动门户、工作台和 API（HOST、PORT、DATABASE_URL 等见 .env.example）')
    .action(() => serve());
};
