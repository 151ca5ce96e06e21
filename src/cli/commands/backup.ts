import type { Command } from 'commander';
import {
  BackupError,
  backupDatabase,
  defaultBackupPath,
  RestoreNeedsConfirmation,
  restoreDatabase,
} from '../../db/backup.ts';
import { configOrExit } from '../cli-config.ts';
import { UsageError } from '../usage-error.ts';

/** Exit status when a backup or restore could not be done (the message says why). */
export const EXIT_BACKUP_FAILED = 1;

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} 字节`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

/** Runs `work`; a BackupError is told on stderr with exit status 1, a missing --yes is a usage error. */
const reporting = async (work: () => Promise<void>): Promise<void> => {
  try {
    await work();
  } catch (error) {
    if (error instanceof RestoreNeedsConfirmation) throw new UsageError(error.message);
    if (!(error instanceof BackupError)) throw error;
    process.stderr.write(`gongkai: ${error.message}\n`);
    process.exitCode = EXIT_BACKUP_FAILED;
  }
};

/**
 * `gongkai backup [-o FILE]`: a consistent copy of the database (DATABASE_URL), safe while the
 * server runs. `gongkai restore FILE [--yes]`: puts a backup in place and migrates it.
 */
export const registerBackup = (program: Command): void => {
  program
    .command('backup')
    .description('备份数据库（SQLite：在线备份；PostgreSQL：pg_dump），服务运行时也可执行')
    .option(
      '-o, --output <file>',
      '备份文件路径（默认：数据目录下 backups/gongkai-<UTC 时间>.sqlite3 或 ./backups/…dump）',
    )
    .action(async (flags: { output?: string }) => {
      const config = configOrExit();
      if (!config) return;
      if (flags.output?.trim() === '') throw new UsageError('--output 须为文件路径');
      await reporting(async () => {
        const output = flags.output ?? defaultBackupPath(config.databaseUrl, new Date());
        const result = await backupDatabase(config.databaseUrl, output);
        process.stdout.write(`已备份到 ${result.path}（${size(result.bytes)}）\n`);
      });
    });
  program
    .command('restore')
    .description('从备份文件恢复数据库（替换现有全部数据，之后迁移到最新结构）；请先停止服务')
    .argument('<file>', 'gongkai backup 生成的备份文件')
    .option('--yes', '确认替换现有数据库中的全部数据')
    .action(async (file: string, flags: { yes?: boolean }) => {
      const config = configOrExit();
      if (!config) return;
      await reporting(async () => {
        const result = await restoreDatabase(config.databaseUrl, file, { overwrite: flags.yes === true });
        process.stdout.write(
          `已从 ${file} 恢复到 ${result.dialect === 'sqlite' ? '数据库文件' : 'PostgreSQL 模式'} ${result.target}\n`,
        );
        if (result.migrated.length > 0)
          process.stdout.write(
            `备份来自旧版本，已执行迁移：\n${result.migrated.map((m) => `  ${m}`).join('\n')}\n`,
          );
      });
    });
};
