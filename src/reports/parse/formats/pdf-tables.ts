import type { RuledCell, RuledTable } from './pdf-grid.ts';
import { cellText } from './pdf-lines.ts';
import { joinPieces } from './text-pieces.ts';

/**
 * A ruled table's cells as text, and a table that a page break cut in two put back together.
 * At the top of the next page, a cell under a stretch of the previous page's bottom edge that
 * has no line drawn is the rest of the cell above (a merged label running on, or a row cut
 * in half): its text joins that cell. The other cells start a new row.
 */

export interface CellText {
  readonly left: number;
  readonly right: number;
  /** Reaches the bottom edge of the table as read so far. */
  atBottom: boolean;
  text: string;
}

const toText = (cell: RuledCell): CellText => ({
  left: cell.left,
  right: cell.right,
  atBottom: cell.atBottom,
  text: cellText(cell.texts),
});

export const tableCells = (table: RuledTable): CellText[][] => table.rows.map((r) => r.map(toText));

/** Pieces of one table line up to within this on both sides. */
const ALIGN = 3;

const overlap = (from: number, to: number, left: number, right: number): number =>
  Math.max(0, Math.min(to, right) - Math.max(from, left));

const share = (a: CellText, b: CellText): number =>
  overlap(a.left, a.right, b.left, b.right) / Math.max(1, Math.min(a.right - a.left, b.right - b.left));

const underLine = (line: RuledTable['bottomLine'], cell: CellText): boolean =>
  line.reduce((sum, [from, to]) => sum + overlap(from, to, cell.left, cell.right), 0) >=
  (cell.right - cell.left) * 0.5;

/**
 * The rows of `before` (the table so far, whose last piece is `previous`) with `after`
 * appended, if `after` carries on the same table (same left and right edges); else null.
 */
export const continueTable = (
  previous: RuledTable,
  before: readonly CellText[][],
  after: RuledTable,
): CellText[][] | null => {
  if (Math.abs(previous.left - after.left) > ALIGN || Math.abs(previous.right - after.right) > ALIGN)
    return null;
  const rows = tableCells(after);
  const first = rows[0] ?? [];
  const above = before.flat().filter((c) => c.atBottom);
  for (const c of above) c.atBottom = false;
  const starting: CellText[] = [];
  for (const cell of first) {
    const target = underLine(previous.bottomLine, cell)
      ? null
      : above.reduce<CellText | null>(
          (best, c) => (share(c, cell) > 0.5 && (!best || share(c, cell) > share(best, cell)) ? c : best),
          null,
        );
    if (target) {
      target.text = joinPieces(target.text, cell.text);
      target.atBottom = cell.atBottom;
    } else {
      starting.push(cell);
    }
  }
  const last = before.at(-1) ?? [];
  const next = tailOfRow(starting, last) ? [] : starting.filter((c) => c.text !== '' || matchIn(last, c));
  return [...before, ...(next.length > 0 ? [next] : []), ...rows.slice(1)];
};

const matchIn = (row: readonly CellText[], cell: CellText): CellText | undefined =>
  row.find((c) => share(c, cell) > 0.5);

const VALUE = /^[\d,.，．+\-—–/%\s]+$/;
const NUMBERED = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])/;

/**
 * Whether a row at the top of a page is the rest of the row the previous page ended with
 * (drawn with a line at the page break all the same, as LibreOffice does): only a few cells
 * have text, each under a cell of that row that has text too, and none is a figure or a
 * numbered label of its own. The text joins the cells above.
 */
const tailOfRow = (row: readonly CellText[], last: readonly CellText[]): boolean => {
  const filled = row.filter((c) => c.text !== '');
  const fits =
    filled.length > 0 &&
    filled.length * 2 <= row.length &&
    filled.every((c) => !VALUE.test(c.text) && !NUMBERED.test(c.text) && matchIn(last, c)?.text);
  if (!fits) return false;
  for (const cell of filled) {
    const target = matchIn(last, cell);
    if (target) target.text = joinPieces(target.text, cell.text);
  }
  return true;
};
