import type { Finding, Report } from '../model/report.ts';
import { htmlPage } from './html-page.ts';
import { renderReportArticle } from './html-report.ts';
import { reportTitle } from './report-outline.ts';

export interface HtmlRenderOptions {
  /** Validator findings to show on the cells they concern, with a list under each table. */
  findings?: readonly Finding[];
  /** Default true: a full <!doctype html> page with its styles; false: the <article> alone. */
  standalone?: boolean;
  /** Notes printed at the end of the report, numbered. */
  footnotes?: readonly string[];
}

/**
 * The report in the official layout. Blank cells (null) are empty; cells the document lacks
 * are empty with class "missing" (see html-tables.ts), so that parsing the page gives back
 * the same report. Footnote markers for findings are added to the cells' text: a page
 * rendered with findings is for people, not for reading back.
 */
export function renderReportHtml(report: Report, options: HtmlRenderOptions = {}): string {
  const article = renderReportArticle(report, { findings: options.findings, footnotes: options.footnotes });
  return options.standalone === false ? article : htmlPage(reportTitle(report), `<main>${article}</main>`);
}
