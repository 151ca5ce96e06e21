/**
 * Styles of a rendered report, for the screen and for A4 paper. The fonts are those of the
 * official format (GB/T 9704): 方正小标宋简体 for the title, 黑体 for the section headings,
 * 仿宋_GB2312 for the text, each falling back to the Noto CJK faces Debian ships.
 */
const TITLE_FONT = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif';
const HEADING_FONT = '"黑体", "SimHei", "Noto Sans CJK SC", sans-serif';
const BODY_FONT = '"仿宋_GB2312", "FangSong", "FangSong_GB2312", "Noto Serif CJK SC", serif';

export const REPORT_CSS = `
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
html { color: #000; background: #fff; }
body { margin: 0 auto; padding: 12mm 0; max-width: 156mm;
  font-family: ${BODY_FONT}; font-size: 16pt; line-height: 1.75; }
.report { margin-bottom: 2em; }
.report-title { font-family: ${TITLE_FONT}; font-size: 22pt; font-weight: normal;
  text-align: center; line-height: 1.5; margin: 0 0 1em; text-wrap: balance; }
.report-section > h2, .report-section > h3, .report-section > h4, .report-section > h5, .report-section > h6 {
  font-family: ${HEADING_FONT}; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.3em;
  break-after: avoid; }
.report p { margin: 0; text-indent: 2em; text-align: justify; overflow-wrap: anywhere; }
table.form-table { width: 100%; border-collapse: collapse; table-layout: fixed; break-inside: avoid;
  font-size: 10.5pt; line-height: 1.35; margin: 0.4em 0 0.8em; }
table.form-table.appeals { font-size: 9pt; }
.form-table th, .form-table td { border: 1px solid #000; padding: 3px 2px; vertical-align: middle;
  text-align: center; font-weight: normal; overflow-wrap: anywhere; }
.form-table th.left { text-align: left; padding-left: 4px; }
.form-table td { font-variant-numeric: tabular-nums; }
.form-table thead { display: table-header-group; }
.form-table tr { break-inside: avoid; }
.form-table td.missing { background: repeating-linear-gradient(135deg, #fff 0 4px, #bbb 4px 5px);
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.form-table td.finding-error { background-color: #fde0dc; box-shadow: inset 0 0 0 2px #c62828; }
.form-table td.finding-warning { background-color: #fff3c4; box-shadow: inset 0 0 0 2px #b7791f; }
.form-table td.finding-related { box-shadow: inset 0 0 0 1px #c62828; }
.form-table td.finding-info { box-shadow: inset 0 0 0 1px #1565c0; }
.form-table td[class*="finding-"] { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.finding-ref { font-size: 7pt; line-height: 0; margin-left: 1px; }
.finding-ref a { color: #c62828; text-decoration: none; }
.finding-ref-warning a { color: #8a5a00; }
.finding-ref-info a { color: #1565c0; }
ol.findings { font-size: 10.5pt; line-height: 1.5; margin: 0.2em 0 1em; padding-left: 2.5em; }
ol.findings .severity { font-weight: bold; }
ol.findings .finding-error .severity { color: #c62828; }
ol.findings .finding-warning .severity { color: #8a5a00; }
ol.findings code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 9pt; }
ol.findings li:target { background: #fff3c4; }
.report-notes { font-size: 12pt; line-height: 1.6; margin-top: 1.5em; border-top: 1px solid #000; padding-top: 0.4em; }
.report .report-notes p { text-indent: 0; }
.report-notes ol { margin: 0; padding-left: 2em; }
@media print {
  body { max-width: none; padding: 0; }
  /* Section 三 fits one A4 page, as in the form: 小五 (9 pt) and tight cells (the 2021 edition at 五号 runs over). */
  table.form-table.applications { font-size: 9pt; line-height: 1.25; }
  .form-table th, .form-table td { padding: 1px 2px; }
  a { color: inherit; }
}
`;
