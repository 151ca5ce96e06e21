import { S3_HEADER } from '../model/applications-table.ts';
import { cellKey, type EditionDef, type RowDef, type TableDef } from '../model/edition.ts';
import { type LayoutCell, type LayoutRow, label, type TableLayout } from './table-layout.ts';

/**
 * Widths (of 100) of the row-label block. The inner group column must hold three characters
 * a line ("（三）"), the outer one two ("三、"); the labels take the rest of 40.
 */
const GROUP_WIDTHS: readonly number[] = [6, 8.5];
const LABEL_BLOCK_WIDTH = 40;

const sameGroups = (a: RowDef | undefined, b: RowDef, depth: number): boolean => {
  if (!a) return false;
  for (let d = 0; d <= depth; d++) if (a.groups?.[d] !== b.groups?.[d]) return false;
  return true;
};

/** How many rows from `index` on stand under the same merged label at `depth`. */
const groupSpan = (rows: readonly RowDef[], index: number, depth: number): number => {
  const row = rows[index];
  if (!row) return 0;
  let n = 1;
  while (sameGroups(rows[index + n], row, depth)) n++;
  return n;
};

const header = (table: TableDef, labelColumns: number): LayoutRow[] => {
  const first = table.columns[0];
  const last = table.columns[table.columns.length - 1];
  const organisations = table.columns.slice(1, -1);
  if (!first || !last) return [];
  return [
    {
      cells: [
        label(S3_HEADER.balanceNote, 'col', { rowSpan: 3, colSpan: labelColumns }),
        label(S3_HEADER.applicants, 'colgroup', { colSpan: table.columns.length }),
      ],
    },
    {
      cells: [
        label(first.label, 'col', { rowSpan: 2 }),
        label(S3_HEADER.organisations, 'colgroup', { colSpan: organisations.length }),
        label(last.label, 'col', { rowSpan: 2 }),
      ],
    },
    { cells: organisations.map((c) => label(c.label, 'col')) },
  ];
};

const bodyRow = (table: TableDef, row: RowDef, index: number, labelColumns: number): LayoutRow => {
  const rows = table.rows;
  const groups = row.groups ?? [];
  const cells: LayoutCell[] = [];
  groups.forEach((group, depth) => {
    // A merged group label is drawn once, in the first row it stands in front of.
    if (sameGroups(rows[index - 1], row, depth)) return;
    cells.push(label(group, 'row', { rowSpan: groupSpan(rows, index, depth) }));
  });
  cells.push(label(row.label, 'row', { colSpan: labelColumns - groups.length, align: 'left' }));
  for (const c of table.columns) {
    cells.push({ kind: 'value', key: cellKey(table, row.key, c.key), cellKind: c.kind, colSpan: 1 });
  }
  return { cells };
};

/**
 * Section 三 with the form's merged header (the 勾稽关系 note over the label block,
 * 申请人情况 over the seven applicant columns, 法人或其他组织 over its five) and its merged
 * row labels: each row's groups become cells spanning the rows that share them, and the
 * row's own label spans the label columns its groups leave free (一、… spans all three).
 */
export const layoutSection3 = (edition: EditionDef): TableLayout | null => {
  const table = edition.tables.find((t) => t.section === 3);
  if (!table) return null;
  const labelColumns = 1 + Math.max(0, ...table.rows.map((r) => r.groups?.length ?? 0));
  const groupWidths = Array.from({ length: labelColumns - 1 }, (_, i) => GROUP_WIDTHS[i] ?? 7);
  const labelWidth = LABEL_BLOCK_WIDTH - groupWidths.reduce((a, b) => a + b, 0);
  const valueWidth = (100 - LABEL_BLOCK_WIDTH) / table.columns.length;
  return {
    id: 's3',
    section: 3,
    className: 'applications',
    widths: [...groupWidths, labelWidth, ...table.columns.map(() => valueWidth)],
    head: header(table, labelColumns),
    bodies: [table.rows.map((row, i) => bodyRow(table, row, i, labelColumns))],
  };
};
