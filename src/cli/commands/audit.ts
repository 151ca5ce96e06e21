import { cpus } from 'node:os';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { systemActor } from '../../audit-log/actor.ts';
import { openDatabase } from '../../db/database.ts';
import { type AuditResult, auditExitCode, auditJsonLine } from '../../reports/audit/audit-result.ts';
import { csvHeader, formatResultCsv } from '../../reports/audit/format-csv.ts';
import { formatResultText, formatSummaryText } from '../../reports/audit/format-table.ts';
import { runAudit } from '../../reports/audit/run-audit.ts';
import { AuditState } from '../../reports/audit/state.ts';
import { AuditBatchCollector, storeAuditBatch } from '../../reports/audit/store.ts';
import { renderAuditHtml } from '../../reports/render/audit-html.ts';
import { configOrExit } from '../cli-config.ts';
import { UsageError } from '../usage-error.ts';

const FORMATS = ['table', 'csv', 'html', 'json'] as const;
type Format = (typeof FORMATS)[number];

interface AuditFlags {
  json?: boolean;
  format?: string;
  jobs?: string;
  publishedOn?: string;
  timeout?: string;
  progress?: boolean;
  state?: string;
  store?: string;
}

const positiveInt = (value: string, flag: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} 须为正整数，收到"${value}"`);
  return n;
};

const write = (text: string) => process.stdout.write(text);

export const registerAudit = (program: Command): void => {
  program
    .command('audit')
    .description('解析并核查已发布的政府信息公开工作年度报告（文本、HTML、DOCX、PDF）')
    .argument('<paths...>', '报告文件或目录（目录按名称顺序遍历）')
    .option('--json', '每个文件输出一行 JSON（NDJSON），格式见 spec/annual-report.md')
    .option('--format <format>', '输出格式：table | csv | html | json', 'table')
    .option('--jobs <n>', '并行解析的进程数', '1')
    .option('--published-on <date>', '已知的发布日期 YYYY-MM-DD（用于逾期检查）')
    .option('--timeout <seconds>', '单个文件的解析时限（秒）', '30')
    .option('--no-progress', '不显示进度条')
    .option(
      '--state <file>',
      '续跑状态文件（JSONL）：记下每个文件的大小、修改时间、SHA-256 和结果；再次运行时跳过未改动的文件，输出与完整运行相同',
    )
    .option('--store <name>', '把本批结果以该名称保存到数据库，在工作台“年报批量核查”中查看、筛选、导出')
    .action(async (paths: string[], flags: AuditFlags) => {
      const format: Format = flags.json ? 'json' : ((flags.format ?? 'table') as Format);
      if (!FORMATS.includes(format))
        throw new UsageError(`未知的输出格式"${flags.format}"，可选：${FORMATS.join('、')}`);
      const jobs = positiveInt(flags.jobs ?? '1', '--jobs');
      const timeoutMs = positiveInt(flags.timeout ?? '30', '--timeout') * 1000;
      if (flags.publishedOn !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(flags.publishedOn)) {
        throw new UsageError(`--published-on 须为 YYYY-MM-DD 格式，收到"${flags.publishedOn}"`);
      }
      if (jobs > cpus().length * 4) throw new UsageError(`--jobs 过大（本机 ${cpus().length} 核）`);

      const showProgress = flags.progress !== false && process.stderr.isTTY === true;
      const bar = showProgress
        ? new SingleBar({
            format: '核查中 [{bar}] {value}/{total} 个文件',
            stream: process.stderr,
            clearOnComplete: true,
          })
        : null;
      let barStarted = false;
      const html: AuditResult[] = [];
      if (format === 'csv') write(csvHeader());

      if (flags.store !== undefined && flags.store.trim() === '')
        throw new UsageError('--store 须给出批次名称');
      const config = flags.store !== undefined ? configOrExit() : undefined;
      if (config === null) return;
      const collector = flags.store !== undefined ? new AuditBatchCollector() : null;

      const state = flags.state
        ? await AuditState.open(flags.state, {
            timeoutMs,
            ...(flags.publishedOn ? { publishedOn: flags.publishedOn } : {}),
          })
        : null;

      const summary = await runAudit(paths, {
        jobs,
        ...(state ? { known: state.known, onAudited: state.onAudited } : {}),
        timeoutMs,
        ...(flags.publishedOn ? { publishedOn: flags.publishedOn } : {}),
        onResult: (result) => {
          collector?.add(result);
          if (format === 'json') write(`${auditJsonLine(result)}\n`);
          else if (format === 'csv') write(formatResultCsv(result));
          else if (format === 'table') write(formatResultText(result));
          else html.push(result);
        },
        onProgress: (done, total) => {
          if (!bar || total === null || total < 2) return;
          if (!barStarted) {
            bar.start(total, done);
            barStarted = true;
          } else bar.update(done);
        },
      });
      bar?.stop();
      if (state) {
        await state.close();
        process.stderr.write(
          `续跑：跳过 ${state.skipped} 个未改动的文件（沿用 ${state.path} 中的结果），核查 ${state.audited} 个。\n`,
        );
      }
      if (collector && config && flags.store !== undefined) {
        const database = openDatabase(config.databaseUrl);
        try {
          const batch = await storeAuditBatch(database.db, {
            name: flags.store,
            rows: collector.rows,
            actor: systemActor('命令行 gongkai audit --store'),
          });
          process.stderr.write(
            `已保存为核查批次 ${batch.id}（${batch.name}，${batch.file_count} 个文件）。\n`,
          );
        } finally {
          await database.close();
        }
      }
      if (format === 'html') write(renderAuditHtml(html));
      if (format === 'table') write(formatSummaryText(summary));
      process.exitCode = auditExitCode(summary);
    });
};
