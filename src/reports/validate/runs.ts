import type { CellDef } from '../model/cells.ts';
import { columnLabel, rowLabel } from './labels.ts';

/** Splits a table's cells, in form order, into runs of consecutive cells that pass `test`. */
export const runsOf = (cells: readonly CellDef[], test: (cell: CellDef) => boolean): CellDef[][] => {
  const runs: CellDef[][] = [];
  let current: CellDef[] = [];
  for (const cell of cells) {
    if (test(cell)) {
      current.push(cell);
    } else if (current.length > 0) {
      runs.push(current);
      current = [];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
};

/**
 * Names a run of cells within one table the way a clerk reads the form: whole rows by their
 * labels ('A'行至'B'行), otherwise from the first cell to the last.
 */
export const describeRun = (run: readonly CellDef[]): string => {
  const first = run[0];
  const last = run[run.length - 1];
  if (!first || !last) return '';
  const table = first.table;
  const columns = table.columns;
  const wholeRows = first.column === columns[0]?.key && last.column === columns[columns.length - 1]?.key;
  const row = (key: string): string => `'${rowLabel(table, key)}'行`;
  const col = (key: string): string => `'${columnLabel(table, key)}'列`;
  if (wholeRows) return first.row === last.row ? row(first.row) : `${row(first.row)}至${row(last.row)}`;
  if (first === last) return `${row(first.row)}${col(first.column)}`;
  if (first.row === last.row) return `${row(first.row)}${col(first.column)}至${col(last.column)}`;
  return `${row(first.row)}${col(first.column)}至${row(last.row)}${col(last.column)}`;
};
