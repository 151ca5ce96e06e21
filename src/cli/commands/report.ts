import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { openDatabase } from '../../db/database.ts';
import { compileReport } from '../../reports/compile/compile-report.ts';
import { type AgencyCandidate, findAgencyByIdOrName } from '../../reports/compile/find-agency.ts';
import { formatCompiledSummary } from '../../reports/compile/format-summary.ts';
import { type Finding, type Report, toReportJson } from '../../reports/model/report.ts';
import { readReportJson } from '../../reports/model/report-json.ts';
import { validateReport } from '../../reports/validate/index.ts';
import { configOrExit } from '../cli-config.ts';
import { UsageError } from '../usage-error.ts';

const TARGETS = ['html', 'docx', 'json'] as const;
type Target = (typeof TARGETS)[number];

const targetOf = (to: string): Target => {
  if (!TARGETS.includes(to as Target))
    throw new UsageError(`未知的输出格式"${to}"，可选：${TARGETS.join('、')}`);
  return to as Target;
};

/** Writes the report in the format asked for, to the file or to standard output. */
const writeRendered = async (
  report: Report,
  to: Target,
  output: string | undefined,
  findings?: readonly Finding[],
): Promise<void> => {
  if (!output && to === 'docx' && process.stdout.isTTY)
    throw new UsageError('DOCX 是二进制文件：请用 -o 指定输出文件');
  // Renderers (the docx package above all) load only when a report is rendered.
  const { renderReportDocx } = await import('../../reports/render/docx.ts');
  const { renderReportHtml } = await import('../../reports/render/html.ts');
  const { renderReportJson } = await import('../../reports/render/json.ts');
  const out: string | Buffer =
    to === 'docx'
      ? await renderReportDocx(report)
      : to === 'html'
        ? renderReportHtml(report, findings ? { findings } : {})
        : renderReportJson(report);
  if (output) await writeFile(output, out);
  else process.stdout.write(out);
};

const describeCandidates = (candidates: readonly AgencyCandidate[]): string =>
  candidates
    .map((c) => `  ${c.id}\t${c.name}${c.parentName === null ? '' : `（上级：${c.parentName}）`}`)
    .join('\n');

interface BuildFlags {
  agency: string;
  year: string;
  json?: boolean;
  to?: string;
  output?: string;
}

/**
 * `gongkai report build --agency ID|NAME --year N [--json | --to html|docx|json [-o FILE]]`:
 * the agency's report for the year compiled from the records, checked by the validator.
 * `--json` prints `{ "report": …, "findings": […] }` (spec/annual-report.md). Exit 1 when a
 * finding is an error, else 0; 64 for wrong usage (an unknown or ambiguous agency among them,
 * with the candidates listed); 78 for a bad configuration.
 */
const build = async (flags: BuildFlags): Promise<void> => {
  const year = Number(flags.year);
  if (!/^\d{4}$/.test(flags.year.trim()) || year < 2008 || year > 2100)
    throw new UsageError(`--year 须为 2008 至 2100 之间的年份，收到"${flags.year}"`);
  if (flags.json && flags.to !== undefined) throw new UsageError('--json 与 --to 只能选择一个');
  if (flags.output !== undefined && flags.to === undefined) throw new UsageError('-o 须与 --to 一起使用');
  const to = flags.to === undefined ? undefined : targetOf(flags.to);
  const config = configOrExit();
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  try {
    const found = await findAgencyByIdOrName(database.db, flags.agency);
    if (!found.ok) {
      if (found.reason === 'ambiguous')
        throw new UsageError(
          `有 ${found.candidates.length} 个机关名为"${flags.agency.trim()}"，请改用机关编号：\n${describeCandidates(found.candidates)}`,
        );
      throw new UsageError(
        found.candidates.length === 0
          ? `未找到机关"${flags.agency.trim()}"（可用机关编号或全称）`
          : `未找到名为"${flags.agency.trim()}"的机关，名称相近的有：\n${describeCandidates(found.candidates)}`,
      );
    }
    const report = await compileReport(database.db, { agencyId: found.agency.id, year });
    const findings = validateReport(report);
    if (flags.json) process.stdout.write(`${JSON.stringify({ report: toReportJson(report), findings })}\n`);
    else if (to !== undefined) await writeRendered(report, to, flags.output, findings);
    else process.stdout.write(formatCompiledSummary(report, findings));
    process.exitCode = findings.some((f) => f.severity === 'error') ? 1 : 0;
  } finally {
    await database.close();
  }
};

export const registerReport = (program: Command): void => {
  const report = program.command('report').description('年度报告：生成与输出');
  report
    .command('render')
    .description('把年度报告 JSON（gongkai.annual-report/1）输出为 HTML、DOCX 或 JSON')
    .argument('<file>', '报告 JSON 文件')
    .requiredOption('--to <format>', '输出格式：html | docx | json')
    .option('-o, --output <file>', '写入文件（DOCX 必须指定，或重定向标准输出）')
    .action(async (file: string, flags: { to: string; output?: string }) => {
      const to = targetOf(flags.to);
      const parsed = readReportJson(await readFile(file, 'utf8'));
      if (!parsed.ok) {
        process.stderr.write(`${file}: ${parsed.error}\n`);
        process.exitCode = 2;
        return;
      }
      await writeRendered(parsed.report, to, flags.output);
    });
  report
    .command('build')
    .description('按登记的记录统计机关某一年度的政府信息公开工作年度报告，并核查')
    .requiredOption('--agency <机关>', '机关编号，或数据库中唯一的机关名称')
    .requiredOption('--year <年度>', '报告年度，如 2019')
    .option('--json', '输出 { "report": …, "findings": […] }（格式见 spec/annual-report.md）')
    .option('--to <format>', '输出报告：html | docx | json（HTML 标出核查结果）')
    .option('-o, --output <file>', '写入文件（与 --to 一起使用；DOCX 须指定或重定向标准输出）')
    .action(build);
};
