import type { CellKind } from '../model/edition.ts';

/**
 * A table of the form laid out as a grid of possibly merged cells, independent of the
 * output format: the HTML and DOCX renderers draw the same layout, so the merges are
 * decided once, here and in the layout-s*.ts files.
 */

export type HeaderScope = 'col' | 'colgroup' | 'row' | 'rowgroup';

/** A label cell: a column or row header, a group label spanning rows, a sub-caption. */
export interface LabelCell {
  readonly kind: 'label';
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  readonly scope: HeaderScope;
  /** Row labels read left-aligned like the form; column headers are centred. */
  readonly align: 'left' | 'center';
}

/** A cell holding one value of the report, named by its cell key. */
export interface ValueCell {
  readonly kind: 'value';
  readonly key: string;
  readonly cellKind: CellKind;
  readonly colSpan: number;
}

export type LayoutCell = LabelCell | ValueCell;

export interface LayoutRow {
  readonly cells: readonly LayoutCell[];
}

export interface TableLayout {
  /** 's2', 's3', 's4': one table per section, as the form prints it. */
  readonly id: 's2' | 's3' | 's4';
  readonly section: 2 | 3 | 4;
  /** Relative column widths, one per grid column, adding up to 100. */
  readonly widths: readonly number[];
  /** Header rows that repeat on every page (thead). */
  readonly head: readonly LayoutRow[];
  /** Row groups (tbody): section 二 has one per article item, the others one. */
  readonly bodies: readonly (readonly LayoutRow[])[];
  /** Extra class for the renderer's styles (e.g. a smaller font for the wide tables). */
  readonly className: string;
}

export const label = (
  text: string,
  scope: HeaderScope,
  span: { rowSpan?: number; colSpan?: number; align?: 'left' | 'center' } = {},
): LabelCell => ({
  kind: 'label',
  text,
  scope,
  rowSpan: span.rowSpan ?? 1,
  colSpan: span.colSpan ?? 1,
  align: span.align ?? 'center',
});

/** Every value cell of a layout, in reading order. */
export const layoutValueCells = (layout: TableLayout): ValueCell[] =>
  [...layout.head, ...layout.bodies.flat()].flatMap((row) =>
    row.cells.filter((c): c is ValueCell => c.kind === 'value'),
  );
