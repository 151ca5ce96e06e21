import { type CellKind, cellKey, type EditionDef, type TableDef } from './edition.ts';

export interface CellDef {
  readonly key: string;
  readonly table: TableDef;
  readonly row: string;
  readonly column: string;
  readonly kind: CellKind;
}

const cache = new WeakMap<EditionDef, readonly CellDef[]>();

/** Every cell of an edition, in the order the form prints them (table by table, row by row). */
export const editionCells = (edition: EditionDef): readonly CellDef[] => {
  const known = cache.get(edition);
  if (known) return known;
  const cells: CellDef[] = [];
  for (const table of edition.tables) {
    for (const row of table.rows) {
      for (const column of table.columns) {
        cells.push({
          key: cellKey(table, row.key, column.key),
          table,
          row: row.key,
          column: column.key,
          kind: column.kind,
        });
      }
    }
  }
  cache.set(edition, cells);
  return cells;
};

export const tableCells = (edition: EditionDef, table: TableDef): readonly CellDef[] =>
  editionCells(edition).filter((c) => c.table === table);

export const findCell = (edition: EditionDef, key: string): CellDef | undefined =>
  editionCells(edition).find((c) => c.key === key);
