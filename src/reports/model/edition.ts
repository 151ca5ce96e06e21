/**
 * The annual report's editions as data. The parser, validator, renderers and editor all
 * read these definitions; nothing else in the code base spells out a row, column or key.
 * See ../../../../shared/spec/annual-report.md (kept beside the repository as shared/spec).
 */

export const EDITION_IDS = ['2019', '2021'] as const;
export type EditionId = (typeof EDITION_IDS)[number];

export const SECTION_NUMBERS = [1, 2, 3, 4, 5, 6] as const;
export type SectionNumber = (typeof SECTION_NUMBERS)[number];

/** How a cell's value is read and checked (CELL-FORMAT). */
export type CellKind = 'count' | 'signed' | 'amount';

export interface ColumnDef {
  readonly key: string;
  /** The form's fixed wording. */
  readonly label: string;
  readonly kind: CellKind;
}

export interface RowDef {
  readonly key: string;
  /** The form's fixed wording of the row's own label cell. */
  readonly label: string;
  /**
   * Merged label cells that stand in front of this row in the form, outermost first
   * (e.g. ['三、本年度办理结果', '（三）不予公开']). Rows that share a group share the merged cell.
   */
  readonly groups?: readonly string[];
  /** Other wordings real reports use for the row's label. */
  readonly aliases?: readonly string[];
}

export interface TableDef {
  /** Stable id, used in findings and renderers: 's2.item1', 's3', 's4'. */
  readonly id: string;
  readonly section: 2 | 3 | 4;
  /** The table's caption in the form, e.g. '第二十条第（一）项'. Empty where the form has none. */
  readonly title: string;
  readonly rows: readonly RowDef[];
  readonly columns: readonly ColumnDef[];
}

export interface SectionDef {
  readonly number: SectionNumber;
  readonly numeral: string;
  readonly heading: string;
}

export interface EditionDef {
  readonly id: EditionId;
  /** The circular that fixed the format. */
  readonly source: string;
  /** Report years this edition is used for (inclusive); `to` null means still in use. */
  readonly years: { readonly from: number; readonly to: number | null };
  readonly sections: readonly SectionDef[];
  readonly tables: readonly TableDef[];
}

export const cellKey = (table: TableDef, row: string, column: string): string =>
  `${table.id.split('.')[0]}.${row}.${column}`;
