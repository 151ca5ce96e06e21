import type { Command } from 'commander';
import { seedCalendar } from '../../calendar/calendar-store.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { resetDemo, seedDemo } from '../../orgs/demo.ts';
import { configOrExit, siteUrl } from '../cli-config.ts';
import { demoBanner } from '../demo-banner.ts';

/** `gongkai migrate`: brings the database (DATABASE_URL) to the latest schema. */
const migrate = async (): Promise<void> => {
  const config = configOrExit();
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  try {
    const applied = await migrateToLatest(database.db);
    await seedCalendar(database.db, new Date());
    process.stdout.write(
      applied.length === 0
        ? '数据库已是最新结构。\n'
        : `已执行迁移：\n${applied.map((m) => `  ${m}`).join('\n')}\n`,
    );
  } finally {
    await database.close();
  }
};

/** `gongkai demo [--reset]`: the demo agencies and accounts; --reset erases everything first. */
const demo = async (options: { reset?: boolean }): Promise<void> => {
  const config = configOrExit();
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const now = new Date();
    await seedCalendar(database.db, now);
    const result = options.reset
      ? await resetDemo(database.db, { now })
      : await seedDemo(database.db, { now });
    if (result.created) process.stdout.write(demoBanner(siteUrl(config), result.accounts));
    else
      process.stdout.write(
        '数据库中已有数据，未创建演示数据。要清空并重建演示数据，请用 gongkai demo --reset。\n',
      );
  } finally {
    await database.close();
  }
};

export const registerDatabase = (program: Command): void => {
  program.command('migrate').description('把数据库（DATABASE_URL）迁移到最新结构').action(migrate);
  program
    .command('demo')
    .description('创建演示机关和账户（仅在数据库为空时）')
    .option('--reset', '清空数据库中的全部数据后重建演示数据')
    .action(demo);
};
