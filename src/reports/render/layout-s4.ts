import { S4_LITIGATION_LABEL } from '../model/appeals-table.ts';
import { cellKey, type EditionDef } from '../model/edition.ts';
import { label, type TableLayout } from './table-layout.ts';

/**
 * Section 四 as the form prints it: the model's three groups side by side, 行政复议 with its
 * five results, then 行政诉讼 over its two groups (未经复议直接起诉, 复议后起诉) of five each;
 * one data row of fifteen values. The model's first group is 行政复议, the others litigation.
 */
export const layoutSection4 = (edition: EditionDef): TableLayout | null => {
  const table = edition.tables.find((t) => t.section === 4);
  const [review, ...litigation] = table?.rows ?? [];
  if (!table || !review) return null;
  const columns = table.columns;
  const width = columns.length * table.rows.length;
  return {
    id: 's4',
    section: 4,
    className: 'appeals',
    widths: Array.from({ length: width }, () => 100 / width),
    head: [
      {
        cells: [
          label(review.label, 'colgroup', { colSpan: columns.length }),
          label(S4_LITIGATION_LABEL, 'colgroup', { colSpan: columns.length * litigation.length }),
        ],
      },
      {
        cells: [
          ...columns.map((c) => label(c.label, 'col', { rowSpan: 2 })),
          ...litigation.map((g) => label(g.label, 'colgroup', { colSpan: columns.length })),
        ],
      },
      { cells: litigation.flatMap(() => columns.map((c) => label(c.label, 'col'))) },
    ],
    bodies: [
      [
        {
          cells: table.rows.flatMap((g) =>
            columns.map((c) => ({
              kind: 'value' as const,
              key: cellKey(table, g.key, c.key),
              cellKind: c.kind,
              colSpan: 1,
            })),
          ),
        },
      ],
    ],
  };
};
