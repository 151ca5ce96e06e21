import type { Diagnostic, Finding, Report } from '../model/report.ts';
import { escapeHtml } from './escape.ts';
import { findingsList, numberFindings, SEVERITY_LABELS } from './html-findings.ts';
import { htmlPage } from './html-page.ts';
import { renderReportArticle } from './html-report.ts';

export interface AuditFileResult {
  file: string;
  status: 'parsed' | 'failed';
  report?: Report;
  findings: readonly Finding[];
  diagnostics: readonly Diagnostic[];
  error?: string;
}

const AUDIT_CSS = `
body { max-width: 180mm; }
main > h2 { font-family: "黑体", "SimHei", "Noto Sans CJK SC", sans-serif; font-size: 16pt; font-weight: normal; }
.audit-file > p { font-size: 10.5pt; }
.audit-file .report-title { font-size: 18pt; margin-top: 1em; }
.audit-summary { width: 100%; border-collapse: collapse; font-size: 10.5pt; line-height: 1.4; margin-bottom: 1.5em; }
.audit-summary th, .audit-summary td { border: 1px solid #000; padding: 3px 6px; text-align: left; }
.audit-summary td.count { text-align: right; font-variant-numeric: tabular-nums; }
.audit-summary .status-failed { color: #c62828; }
.audit-file { border-top: 2px solid #000; margin-top: 2em; padding-top: 0.5em; }
.audit-file > h2 { font-size: 14pt; font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
.audit-file > h3 { font-size: 12pt; margin: 0.8em 0 0.2em; }
.audit-error { color: #c62828; }
ul.diagnostics { font-size: 10.5pt; line-height: 1.5; }
.legend { font-size: 10.5pt; }
.legend .swatch { display: inline-block; width: 2em; height: 1em; border: 1px solid #000; vertical-align: middle; }
@media print { .audit-file { break-before: page; } }
`;

const count = (r: AuditFileResult, severity: Finding['severity']): number =>
  r.findings.filter((f) => f.severity === severity).length;

const orDash = (value: string | number | null | undefined): string =>
  value === null || value === undefined ? '—' : escapeHtml(String(value));

const summaryRow = (r: AuditFileResult, i: number): string =>
  `<tr><th scope="row"><a href="#file-${i + 1}">${escapeHtml(r.file)}</a></th>` +
  `<td class="status-${r.status}">${r.status === 'parsed' ? '已解析' : '解析失败'}</td>` +
  `<td>${r.report?.edition ? `${escapeHtml(r.report.edition)}年版` : '—'}</td>` +
  `<td>${orDash(r.report?.year)}</td><td>${orDash(r.report?.agency)}</td>` +
  `<td class="count">${count(r, 'error')}</td><td class="count">${count(r, 'warning')}</td></tr>`;

const summary = (results: readonly AuditFileResult[]): string =>
  `<table class="audit-summary" aria-labelledby="summary-heading"><thead><tr>` +
  ['文件', '状态', '版本', '年度', '机关', '错误', '警告'].map((h) => `<th scope="col">${h}</th>`).join('') +
  `</tr></thead><tbody>${results.map(summaryRow).join('')}</tbody></table>`;

const diagnosticsList = (diagnostics: readonly Diagnostic[]): string =>
  diagnostics.length === 0
    ? '<p>无。</p>'
    : `<ul class="diagnostics">${diagnostics
        .map(
          (d) =>
            `<li class="diagnostic-${d.level}"><strong>${SEVERITY_LABELS[d.level]}</strong> ${escapeHtml(d.message)}` +
            `${d.cell ? ` <code>${escapeHtml(d.cell)}</code>` : ''}</li>`,
        )
        .join('')}</ul>`;

const fileSection = (r: AuditFileResult, i: number): string => {
  const id = `file-${i + 1}`;
  const parts = [`<h2 id="${id}-heading">${escapeHtml(r.file)}</h2>`];
  if (r.status === 'failed' || !r.report) {
    parts.push(`<p class="audit-error">解析失败：${escapeHtml(r.error ?? '未得到报告')}</p>`);
  } else {
    const findings = numberFindings(r.findings);
    parts.push(
      `<h3>校验结果（${r.findings.length} 项）</h3>`,
      r.findings.length === 0 ? '<p>未发现问题。</p>' : findingsList(findings, null),
    );
  }
  parts.push(`<h3>解析说明（${r.diagnostics.length} 项）</h3>`, diagnosticsList(r.diagnostics));
  if (r.status === 'parsed' && r.report) {
    parts.push(renderReportArticle(r.report, { findings: r.findings, idPrefix: `${id}-`, headingLevel: 3 }));
  }
  return `<section class="audit-file" id="${id}" aria-labelledby="${id}-heading">${parts.join('\n')}</section>`;
};

const LEGEND =
  '<p class="legend">表中：<span class="swatch" style="background:#fde0dc"></span> 有错误的单元格，' +
  '<span class="swatch" style="background:#fff3c4"></span> 有警告的单元格，' +
  '<span class="swatch" style="background:repeating-linear-gradient(135deg,#fff 0 4px,#bbb 4px 5px)"></span> ' +
  '文档中缺少的单元格；空白单元格为文档中留空。上标数字指向表下的问题列表。</p>';

/** One page for a whole audit: a summary of every file, then each file's findings and report. */
export function renderAuditHtml(results: Iterable<AuditFileResult>): string {
  const list = [...results];
  const body =
    `<main><h1 class="report-title">政府信息公开工作年度报告审查结果</h1>` +
    `<h2 id="summary-heading">概览（${list.length} 个文件）</h2>${summary(list)}${LEGEND}` +
    `${list.map(fileSection).join('\n')}</main>`;
  return htmlPage('政府信息公开工作年度报告审查结果', body, AUDIT_CSS);
}
