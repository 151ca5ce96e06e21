import type { AuditResult } from './audit-result.ts';
import { countBySeverity } from './audit-result.ts';

const SEVERITY_LABEL = { error: '错误', warning: '警告', info: '提示' } as const;

/** A file's result as lines for a terminal: a heading line, then one line per finding. */
export const formatResultText = (r: AuditResult): string => {
  if (r.status === 'failed') return `✗ ${r.file}\n  失败：${r.error}\n`;
  const { edition, year, agency } = r.report;
  const head = `${countBySeverity(r, 'error') > 0 ? '✗' : '✓'} ${r.file}  ${agency ?? '（未载明机关）'} ${year ?? '—'}年 ${
    edition ? `${edition}年版` : '版本不明'
  }  错误 ${countBySeverity(r, 'error')}，警告 ${countBySeverity(r, 'warning')}`;
  const lines = r.findings.map((f) => `  [${SEVERITY_LABEL[f.severity]}] ${f.rule}: ${f.message}`);
  const notes = r.diagnostics.map((d) => `  （解析说明）${d.message}${d.cell ? ` [${d.cell}]` : ''}`);
  return `${[head, ...lines, ...notes].join('\n')}\n`;
};

export const formatSummaryText = (s: { files: number; failed: number; withErrors: number }): string =>
  `共 ${s.files} 个文件：解析失败 ${s.failed} 个，有错误 ${s.withErrors} 个。\n`;
