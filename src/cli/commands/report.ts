import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { readReportJson } from '../../reports/model/report-json.ts';
import { UsageError } from '../usage-error.ts';

const TARGETS = ['html', 'docx', 'json'] as const;
type Target = (typeof TARGETS)[number];

export const registerReport = (program: Command): void => {
  const report = program.command('report').description('年度报告：生成与输出');
  report
    .command('render')
    .description('把年度报告 JSON（gongkai.annual-report/1）输出为 HTML、DOCX 或 JSON')
    .argument('<file>', '报告 JSON 文件')
    .requiredOption('--to <format>', '输出格式：html | docx | json')
    .option('-o, --output <file>', '写入文件（DOCX 必须指定，或重定向标准输出）')
    .action(async (file: string, flags: { to: string; output?: string }) => {
      if (!TARGETS.includes(flags.to as Target)) {
        throw new UsageError(`未知的输出格式"${flags.to}"，可选：${TARGETS.join('、')}`);
      }
      const parsed = readReportJson(await readFile(file, 'utf8'));
      if (!parsed.ok) {
        process.stderr.write(`${file}: ${parsed.error}\n`);
        process.exitCode = 2;
        return;
      }
      const to = flags.to as Target;
      // Renderers (the docx package above all) load only when a report is rendered.
      const { renderReportDocx } = await import('../../reports/render/docx.ts');
      const { renderReportHtml } = await import('../../reports/render/html.ts');
      const { renderReportJson } = await import('../../reports/render/json.ts');
      const out: string | Buffer =
        to === 'docx'
          ? await renderReportDocx(parsed.report)
          : to === 'html'
            ? renderReportHtml(parsed.report)
            : renderReportJson(parsed.report);
      if (flags.output) await writeFile(flags.output, out);
      else if (to === 'docx' && process.stdout.isTTY)
        throw new UsageError('DOCX 是二进制文件：请用 -o 指定输出文件');
      else process.stdout.write(out);
    });
};
