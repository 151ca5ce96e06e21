import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Command } from 'commander';
import { confirmImport, saveImport } from '../../applications/import/application-imports.ts';
import { checkImport, type ImportSummary } from '../../applications/import/check-import.ts';
import { MAX_IMPORT_FILE_BYTES } from '../../applications/import/import-columns.ts';
import {
  ImportFileError,
  type ImportSource,
  readImportFiles,
} from '../../applications/import/read-import-file.ts';
import { systemActor } from '../../audit-log/actor.ts';
import { openDatabase } from '../../db/database.ts';
import { isAppError } from '../../errors/app-error.ts';
import { findAgency } from '../../orgs/agency.repository.ts';
import { configOrExit } from '../cli-config.ts';
import { UsageError } from '../usage-error.ts';

/** Exit statuses of `gongkai import applications`: 1 row errors (nothing stored), 2 unreadable file. */
export const EXIT_ROW_ERRORS = 1;
export const EXIT_UNREADABLE = 2;

const say = (line: string) => process.stderr.write(`${line}\n`);

/** The preview, in Chinese, as the workbench shows it: counts, row errors, warnings. */
export const printSummary = (s: ImportSummary): void => {
  say(
    `可导入申请 ${s.applications} 件：未办结 ${s.open} 件（其中已决定待送达 ${s.decidedNotDelivered} 件），已办结 ${s.closed} 件；办理事件 ${s.events} 个。`,
  );
  say(`其中${s.year}年以前收到、${s.year}年1月1日时尚未答复（上年结转）${s.carriedOver} 件。`);
  if (s.errorCount > 0) {
    say(
      `错误 ${s.errorCount} 处${s.errorCount > s.errors.length ? `（列出前 ${s.errors.length} 处）` : ''}：`,
    );
    for (const e of s.errors) {
      const where = [
        e.sheet === null ? '' : `「${e.sheet}」表`,
        e.row === null ? '' : `第 ${e.row} 行`,
        e.column === null ? '' : `「${e.column}」列`,
      ].join('');
      say(`  ${where}${where === '' ? '' : '：'}${e.message}`);
    }
  }
  if (s.warningCount > 0) {
    say(`提示（${s.warningCount} 件申请，按原样导入）：`);
    for (const w of s.warnings) say(`  导入编号 ${w.ref}（第 ${w.row} 行）：${w.messages.join('；')}`);
  }
};

const readSource = async (path: string): Promise<ImportSource> => {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new ImportFileError(`“${path}”不是文件`);
    if (info.size > MAX_IMPORT_FILE_BYTES)
      throw new ImportFileError(
        `文件“${path}”超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB，请分成几个文件导入`,
      );
    return { fileName: basename(path), bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    if (error instanceof ImportFileError) throw error;
    throw new ImportFileError(
      `无法读取文件“${path}”：${error instanceof Error ? error.message : String(error)}`,
    );
  }
};

const importApplications = async (
  file: string,
  eventsFile: string | undefined,
  flags: { agency: string; dryRun?: boolean },
): Promise<void> => {
  const agencyId = Number(flags.agency);
  if (!/^\d+$/.test(flags.agency.trim()) || !Number.isSafeInteger(agencyId) || agencyId <= 0)
    throw new UsageError(`--agency 须为机关的编号（正整数），收到“${flags.agency}”`);
  const config = configOrExit();
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  try {
    if ((await findAgency(database.db, agencyId)) === null) throw new UsageError(`机关 ${agencyId} 不存在`);
    let raw: Awaited<ReturnType<typeof readImportFiles>>;
    const sources: ImportSource[] = [];
    try {
      sources.push(await readSource(file));
      if (eventsFile !== undefined) sources.push(await readSource(eventsFile));
      const [main, events] = sources as [ImportSource, ImportSource | undefined];
      raw = await readImportFiles(main, events);
    } catch (error) {
      if (!(error instanceof ImportFileError)) throw error;
      say(`gongkai: ${error.message}`);
      process.exitCode = EXIT_UNREADABLE;
      return;
    }
    const now = new Date();
    const checked = await checkImport(database.db, { agencyId, raw, now });
    printSummary(checked.summary);
    if (checked.summary.errorCount > 0) {
      say('文件中有错误，未导入任何数据。');
      process.exitCode = EXIT_ROW_ERRORS;
      return;
    }
    if (flags.dryRun) {
      say('试运行（--dry-run）：检查通过，未导入任何数据。');
      return;
    }
    const importId = await saveImport(database.db, {
      agencyId,
      userId: null,
      fileName: sources.map((s) => s.fileName).join(' + '),
      checked,
      now,
    });
    try {
      const result = await confirmImport(database.db, { importId, actor: systemActor('命令行导入'), now });
      process.stdout.write(`已导入 ${result.applications} 件申请、${result.events} 个办理事件。\n`);
    } catch (error) {
      if (!isAppError(error, 'CONFLICT') && !isAppError(error, 'VALIDATION')) throw error;
      say(`gongkai: ${error.details?.[0]?.message ?? error.message}`);
      process.exitCode = EXIT_ROW_ERRORS;
    }
  } finally {
    await database.close();
  }
};

/**
 * `gongkai import applications FILE [EVENTS_CSV] --agency ID [--dry-run]`: past and in-flight
 * applications with their events, checked like the workbench's upload and stored in one
 * transaction. Exit 0 imported (or a clean dry run), 1 row errors (nothing stored), 2 a file
 * that cannot be read, 64 wrong usage.
 */
export const registerImport = (program: Command): void => {
  const command = program.command('import').description('导入数据');
  command
    .command('applications')
    .description('导入以往和正在办理的依申请公开申请及其办理事件（XLSX，或申请 CSV 加事件 CSV）')
    .argument('<file>', 'XLSX 工作簿（「申请」「事件」两表），或申请的 CSV 文件')
    .argument('[events]', '事件的 CSV 文件（申请用 CSV 时）')
    .requiredOption('--agency <id>', '受理机关的编号')
    .option('--dry-run', '只检查并显示预览，不导入')
    .action(importApplications);
};
