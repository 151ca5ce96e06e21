import { S4_GROUPS } from '../model/appeals-table.ts';
import { S3_COLUMNS } from '../model/applications-table.ts';
import { EDITIONS } from '../model/editions.ts';
import type { Finding, Report } from '../model/report.ts';
import { COMPILE_RULES_NOTE } from './rules.ts';

const SEVERITY_LABEL: Record<Finding['severity'], string> = { error: '错误', warning: '警告', info: '提示' };

const S3_SUMMARY_ROWS = [
  ['new', '本年新收'],
  ['carried', '上年结转'],
  ['total', '本年办结（总计）'],
  ['forward', '结转下年度'],
] as const;

const num = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : String(value);

/** A compiled report for a terminal: the main figures of 三 and 四, then the findings. */
export const formatCompiledSummary = (report: Report, findings: readonly Finding[]): string => {
  const cells = report.cells;
  const edition = report.edition === null ? null : EDITIONS[report.edition];
  const lines = [
    `${report.agency ?? '（未知机关）'} ${report.year ?? ''}年政府信息公开工作年度报告（按记录统计）`,
    edition ? `版本：${edition.id}年版（${edition.source}）` : '版本：未知',
    '',
    '三、收到和处理政府信息公开申请情况',
    `  ${['', ...S3_COLUMNS.map((c) => c.label)].join('\t')}`,
    ...S3_SUMMARY_ROWS.map(
      ([row, label]) => `  ${[label, ...S3_COLUMNS.map((c) => num(cells[`s3.${row}.${c.key}`]))].join('\t')}`,
    ),
    '',
    '四、政府信息公开行政复议、行政诉讼情况',
    ...S4_GROUPS.map(
      (g) =>
        `  ${g.label}：维持 ${num(cells[`s4.${g.key}.upheld`])}，纠正 ${num(cells[`s4.${g.key}.corrected`])}，其他 ${num(cells[`s4.${g.key}.other`])}，尚未审结 ${num(cells[`s4.${g.key}.pending`])}，总计 ${num(cells[`s4.${g.key}.total`])}`,
    ),
    '',
    findings.length === 0 ? '核查：未发现问题。' : `核查结果 ${findings.length} 条：`,
    ...findings.map((f) => `  [${SEVERITY_LABEL[f.severity]}] ${f.rule}: ${f.message}`),
    '',
    `注：${COMPILE_RULES_NOTE}`,
    '',
  ];
  return lines.join('\n');
};
