import type { Command } from 'commander';
import { type Config, ConfigError, loadConfig } from '../../config/config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateToLatest } from '../../db/migrate.ts';
import { type DemoAccount, seedDemo } from '../../orgs/demo.ts';
import { buildApp } from '../../web/app.ts';
import { closeOnSignals } from '../../web/shutdown.ts';

/** sysexits' EX_CONFIG: the configuration is wrong. */
const EXIT_CONFIG = 78;

const siteUrl = (config: Config): string => {
  const host = config.host === '0.0.0.0' || config.host === '::' ? '127.0.0.1' : config.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.port}`;
};

/** Printed once, when the demo was just created: the passwords exist nowhere else. */
const demoBanner = (url: string, accounts: readonly DemoAccount[]): string =>
  [
    '',
    '已创建演示数据。演示账户（密码只显示这一次，请妥善保存）：',
    '',
    ...accounts.map(
      (a) => `  ${a.username.padEnd(14)} ${a.password}   ${a.displayName}，${a.agencyName}${a.roleLabel}`,
    ),
    '',
    `工作台登录：${url}/workbench/login`,
    '',
  ].join('\n');

/** `gongkai serve`: migrate, seed the demo into an empty database, serve until a signal. */
export const serve = async (env: NodeJS.ProcessEnv = process.env): Promise<void> => {
  let config: Config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`gongkai: ${error.message}\n`);
    process.exitCode = EXIT_CONFIG;
    return;
  }
  const database = openDatabase(config.databaseUrl);
  try {
    await migrateToLatest(database.db);
    const demo = await seedDemo(database.db, { now: new Date() });
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
