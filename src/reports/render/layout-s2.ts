import { cellKey, type EditionDef, type TableDef } from '../model/edition.ts';
import { type LayoutRow, label, type TableLayout } from './table-layout.ts';

/** The header over the row labels of every item table of section 二 (form wording). */
export const S2_CONTENT_HEADER = '信息内容';

const LABEL_WIDTH = 28;

/**
 * Column spans that spread `count` columns over `width` grid columns: the last column takes
 * what is left, as the form widens its last cell (采购总金额 under two columns of 第（一）项).
 */
export const spreadSpans = (count: number, width: number): number[] => {
  const base = Math.max(1, Math.floor(width / count));
  return Array.from({ length: count }, (_, i) => (i === count - 1 ? width - base * (count - 1) : base));
};

const itemRows = (table: TableDef, valueColumns: number): LayoutRow[] => {
  const spans = spreadSpans(table.columns.length, valueColumns);
  return [
    { cells: [label(table.title, 'rowgroup', { colSpan: valueColumns + 1 })] },
    {
      cells: [
        label(S2_CONTENT_HEADER, 'col'),
        ...table.columns.map((c, i) => label(c.label, 'col', { colSpan: spans[i] ?? 1 })),
      ],
    },
    ...table.rows.map(
      (row): LayoutRow => ({
        cells: [
          label(row.label, 'row'),
          ...table.columns.map((c, i) => ({
            kind: 'value' as const,
            key: cellKey(table, row.key, c.key),
            cellKind: c.kind,
            colSpan: spans[i] ?? 1,
          })),
        ],
      }),
    ),
  ];
};

/**
 * Section 二 as one table, like the form: each article item is a row group headed by its
 * caption (第二十条第（一）项) across the full width, then 信息内容 and the item's column
 * labels, then its rows. Items with fewer columns than the widest span the rest, so the
 * grid stays rectangular.
 */
export const layoutSection2 = (edition: EditionDef): TableLayout | null => {
  const tables = edition.tables.filter((t) => t.section === 2);
  if (tables.length === 0) return null;
  const valueColumns = Math.max(...tables.map((t) => t.columns.length));
  const valueWidth = (100 - LABEL_WIDTH) / valueColumns;
  return {
    id: 's2',
    section: 2,
    className: 'items',
    widths: [LABEL_WIDTH, ...Array.from({ length: valueColumns }, () => valueWidth)],
    head: [],
    bodies: tables.map((t) => itemRows(t, valueColumns)),
  };
};
