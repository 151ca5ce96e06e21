import type { ComponentChildren } from 'preact';
import { ScrollRegion } from './scroll-region.tsx';

export interface Column<Row> {
  readonly header: string;
  readonly cell: (row: Row) => ComponentChildren;
  /** Numbers and dates line up on the right. */
  readonly numeric?: boolean;
  /** Short values (dates, codes) that should not break across lines. */
  readonly nowrap?: boolean;
}

interface Props<Row> {
  readonly caption: string;
  readonly columns: readonly Column<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string | number;
  /** Said instead of an empty table. */
  readonly empty: ComponentChildren;
  /** Many columns: on a phone the table keeps a readable width and scrolls sideways. */
  readonly wide?: boolean;
}

const cellClass = (c: { numeric?: boolean; nowrap?: boolean }): string | undefined =>
  [c.numeric ? 'numeric' : '', c.nowrap ? 'nowrap' : ''].filter(Boolean).join(' ') || undefined;

/** A data table with a caption and column headers; scrolls sideways on a narrow screen. */
export const DataTable = <Row,>({ caption, columns, rows, rowKey, empty, wide }: Props<Row>) =>
  rows.length === 0 ? (
    <div class="empty-state">
      <p class="empty-state__title">{caption}</p>
      <p>{empty}</p>
    </div>
  ) : (
    <ScrollRegion label={caption}>
      <table class={wide ? 'data-table data-table--wide' : 'data-table'}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.header} scope="col" class={c.numeric ? 'numeric' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.header} class={cellClass(c)}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
