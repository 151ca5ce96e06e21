import { type Report, toReportJson } from '../model/report.ts';

/** The interchange JSON of spec/annual-report.md, pretty-printed, with a final newline. */
export function renderReportJson(report: Report): string {
  return `${JSON.stringify(toReportJson(report), null, 2)}\n`;
}
