import type { Finding, Report } from '../model/report.ts';
import { escapeHtml } from './escape.ts';
import { findingsByCell, findingsList, type NumberedFinding, numberFindings } from './html-findings.ts';
import { renderTableHtml } from './html-tables.ts';
import { layoutEdition } from './layout.ts';
import {
  narrativeLines,
  reportEdition,
  reportSections,
  reportTitle,
  sectionHeading,
} from './report-outline.ts';
import { layoutValueCells, type TableLayout } from './table-layout.ts';

export interface ArticleOptions {
  readonly findings?: readonly Finding[] | undefined;
  /** Prefixes every id of the article, so that several reports can share a page. */
  readonly idPrefix?: string;
  /** Level of the title heading (1 for a page of its own); sections are one level below. */
  readonly headingLevel?: 1 | 2 | 3 | 4 | 5;
  /** Notes printed at the end, numbered (the compile rules, acknowledged findings …). */
  readonly footnotes?: readonly string[] | undefined;
}

/** The notes at the end of the report: '注：' and a numbered list; nothing without notes. */
export const footnotesHtml = (notes: readonly string[] | undefined, idPrefix = ''): string =>
  notes === undefined || notes.length === 0
    ? ''
    : `<footer class="report-notes" aria-labelledby="${escapeHtml(idPrefix)}report-notes-title">` +
      `<p id="${escapeHtml(idPrefix)}report-notes-title" class="report-notes__title">注：</p><ol>` +
      notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('') +
      '</ol></footer>';

/**
 * Each finding is listed once: under the first table holding one of its cells, or, when it
 * concerns no cell of a table (SECTIONS, LATE …), under the title.
 */
const placeFindings = (
  layouts: readonly TableLayout[],
  numbered: readonly NumberedFinding[],
): { byTable: Map<string, NumberedFinding[]>; general: NumberedFinding[] } => {
  const keysByTable = layouts.map((l) => ({
    id: l.id,
    keys: new Set(layoutValueCells(l).map((c) => c.key)),
  }));
  const byTable = new Map<string, NumberedFinding[]>();
  const general: NumberedFinding[] = [];
  for (const entry of numbered) {
    const home = keysByTable.find((t) => entry.finding.cells.some((c) => t.keys.has(c)));
    if (!home) {
      general.push(entry);
      continue;
    }
    byTable.set(home.id, [...(byTable.get(home.id) ?? []), entry]);
  }
  return { byTable, general };
};

/** The report as an <article>: title, the six sections with their text and tables. */
export const renderReportArticle = (report: Report, options: ArticleOptions = {}): string => {
  const idPrefix = options.idPrefix ?? '';
  const level = options.headingLevel ?? 1;
  const edition = reportEdition(report);
  const layouts = edition ? layoutEdition(edition) : [];
  const numbered = numberFindings(options.findings ?? []);
  const byCell = findingsByCell(numbered);
  const placed = placeFindings(layouts, numbered);

  const sections = reportSections(report).map((section) => {
    const headingId = `${idPrefix}section-${section.number}`;
    const paragraphs = narrativeLines(report, section.number).map((line) => `<p>${escapeHtml(line)}</p>`);
    const tables = layouts
      .filter((l) => l.section === section.number)
      .map(
        (l) =>
          renderTableHtml(l, { report, idPrefix, labelledBy: headingId, findingsByCell: byCell }) +
          findingsList(placed.byTable.get(l.id) ?? [], idPrefix),
      );
    return (
      `<section class="report-section" aria-labelledby="${escapeHtml(headingId)}">` +
      `<h${level + 1} id="${escapeHtml(headingId)}">${escapeHtml(sectionHeading(section))}</h${level + 1}>` +
      `${paragraphs.join('')}${tables.join('')}</section>`
    );
  });

  return (
    `<article class="report" lang="zh-CN">` +
    `<h${level} class="report-title">${escapeHtml(reportTitle(report))}</h${level}>` +
    `${findingsList(placed.general, idPrefix)}${sections.join('\n')}` +
    `${footnotesHtml(options.footnotes, idPrefix)}</article>`
  );
};
