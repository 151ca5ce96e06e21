import type { Report } from '../model/report.ts';
import { escapeHtml } from './escape.ts';
import { formatCellValue } from './format-value.ts';
import { type CellFinding, findingClass, findingMarkers } from './html-findings.ts';
import type { LabelCell, LayoutRow, TableLayout, ValueCell } from './table-layout.ts';

export interface TableContext {
  readonly report: Report;
  /** Prefixes every id, so that several reports can share a page. */
  readonly idPrefix: string;
  /** The id of the section heading that names the table. */
  readonly labelledBy: string;
  readonly findingsByCell: ReadonlyMap<string, readonly CellFinding[]>;
}

const spans = (rowSpan: number, colSpan: number): string =>
  `${rowSpan > 1 ? ` rowspan="${rowSpan}"` : ''}${colSpan > 1 ? ` colspan="${colSpan}"` : ''}`;

const classAttr = (classes: readonly (string | null | false)[]): string => {
  const names = classes.filter((c): c is string => typeof c === 'string' && c !== '');
  return names.length > 0 ? ` class="${names.join(' ')}"` : '';
};

const labelCell = (cell: LabelCell): string =>
  `<th scope="${cell.scope}"${spans(cell.rowSpan, cell.colSpan)}${classAttr([cell.align === 'left' && 'left'])}>` +
  `${escapeHtml(cell.text)}</th>`;

/**
 * A value cell. A blank cell (null) is empty; a cell the document lacks is empty too, but
 * marked by class "missing", aria-label 缺失 and a title: the page must not print a mark such
 * as "—", which a parser reads back as a blank cell (null), not as a missing one.
 */
const valueCell = (cell: ValueCell, ctx: TableContext): string => {
  const present = Object.hasOwn(ctx.report.cells, cell.key);
  const findings = ctx.findingsByCell.get(cell.key) ?? [];
  const attrs =
    ` data-cell="${escapeHtml(cell.key)}"${spans(1, cell.colSpan)}` +
    classAttr([cell.cellKind === 'amount' && 'amount', !present && 'missing', findingClass(findings)]) +
    (present ? '' : ' aria-label="缺失" title="文档中缺少此项"');
  const text = present ? escapeHtml(formatCellValue(ctx.report.cells[cell.key])) : '';
  return `<td${attrs}>${text}${findingMarkers(findings, ctx.idPrefix)}</td>`;
};

const row = (r: LayoutRow, ctx: TableContext): string =>
  `<tr>${r.cells.map((c) => (c.kind === 'label' ? labelCell(c) : valueCell(c, ctx))).join('')}</tr>`;

/** One table of the form, merged cells and all, as the layout lays it out. */
export const renderTableHtml = (layout: TableLayout, ctx: TableContext): string => {
  const cols = layout.widths.map((w) => `<col style="width:${w.toFixed(2)}%">`).join('');
  const head = layout.head.length > 0 ? `<thead>${layout.head.map((r) => row(r, ctx)).join('')}</thead>` : '';
  const bodies = layout.bodies
    .map((body) => `<tbody>${body.map((r) => row(r, ctx)).join('')}</tbody>`)
    .join('');
  return (
    `<table class="form-table ${layout.className}" id="${escapeHtml(`${ctx.idPrefix}table-${layout.id}`)}"` +
    ` aria-labelledby="${escapeHtml(ctx.labelledBy)}"><colgroup>${cols}</colgroup>${head}${bodies}</table>`
  );
};
