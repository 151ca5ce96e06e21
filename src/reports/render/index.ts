export { type AuditFileResult, renderAuditHtml } from './audit-html.ts';
export { renderReportDocx } from './docx.ts';
export { type HtmlRenderOptions, renderReportHtml } from './html.ts';
export { renderReportJson } from './json.ts';
