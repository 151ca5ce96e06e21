import type { PdfText, Segment } from './pdf-page.ts';
import {
  cluster,
  connectedGroups,
  covered,
  type Line,
  pageLines,
  TOLERANCE,
  UnionFind,
} from './pdf-rulings.ts';

/**
 * Tables drawn with rulings: the lines a page draws are joined into grids, and a grid's
 * cells are the regions its lines enclose, so a merged cell (no line through it) is one cell
 * however its text wraps. Each cell's pieces of text are collected by where they sit.
 */

export interface RuledCell {
  readonly left: number;
  readonly right: number;
  /** Reaches the table's bottom edge. */
  readonly atBottom: boolean;
  readonly texts: PdfText[];
}

export interface RuledTable {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
  /** Per row of the grid, the cells that start in it, left to right. */
  readonly rows: readonly (readonly RuledCell[])[];
  /** Stretches of the bottom edge that have a line drawn: none where a page break cut the table. */
  readonly bottomLine: readonly (readonly [number, number])[];
}

/** Pages drawing more lines than this (pairs of horizontal and vertical) are drawings. */
const MAX_LINE_PAIRS = 1_000_000;
/** A grid bigger than this is not a table a report prints. */
const MAX_GRID_CELLS = 20_000;

interface Grid {
  readonly xs: readonly number[];
  /** Top to bottom. */
  readonly ys: readonly number[];
  readonly cells: UnionFind;
  readonly bottomLine: readonly (readonly [number, number])[];
}

/**
 * The grid's edges: where lines are drawn, and where the lines across them end (a table cut
 * by a page break has no line along the cut, and one without side borders none at its sides).
 */
const edges = (
  at: readonly number[],
  across: readonly Line[],
): { values: number[]; low: boolean; high: boolean } => {
  const values = cluster(at);
  const first = values[0];
  const last = values.at(-1);
  if (first === undefined || last === undefined) return { values, low: false, high: false };
  const low = Math.min(...across.map((l) => l.from));
  const high = Math.max(...across.map((l) => l.to));
  const openLow = low < first - TOLERANCE * 2;
  const openHigh = high > last + TOLERANCE * 2;
  return {
    values: [...(openLow ? [low] : []), ...values, ...(openHigh ? [high] : [])],
    low: openLow,
    high: openHigh,
  };
};

const buildGrid = (hs: readonly Line[], vs: readonly Line[]): Grid | null => {
  const xs = edges(
    vs.map((v) => v.at),
    hs,
  ).values;
  const yEdges = edges(
    hs.map((h) => h.at),
    vs,
  );
  const ys = [...yEdges.values].reverse();
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1 || rows * cols > MAX_GRID_CELLS) return null;
  const cells = new UnionFind(rows * cols);
  for (let r = 0; r < rows; r++) {
    const top = ys[r] ?? 0;
    const bottom = ys[r + 1] ?? 0;
    for (let c = 0; c < cols; c++) {
      const left = xs[c] ?? 0;
      const right = xs[c + 1] ?? 0;
      if (c + 1 < cols && !covered(vs, right, bottom, top)) cells.union(r * cols + c, r * cols + c + 1);
      if (r + 1 < rows && !covered(hs, bottom, left, right)) cells.union(r * cols + c, (r + 1) * cols + c);
    }
  }
  const bottom = ys.at(-1) ?? 0;
  const bottomLine = yEdges.low
    ? []
    : hs.filter((h) => Math.abs(h.at - bottom) <= TOLERANCE).map((h) => [h.from, h.to] as const);
  return { xs, ys, cells, bottomLine };
};

/** Text this close outside a table's edge is still in it (a glyph set low in a cell cut by a page break). */
const SLACK = 3;

const indexIn = (edges: readonly number[], v: number, descending: boolean): number => {
  const n = edges.length - 1;
  const first = edges[0] ?? 0;
  const last = edges[n] ?? 0;
  if (descending ? v > first + SLACK || v < last - SLACK : v < first - SLACK || v > last + SLACK) return -1;
  for (let i = 0; i < n; i++) {
    const b = edges[i + 1] ?? 0;
    if (descending ? v > b : v < b) return i;
  }
  return n - 1;
};

/** Where a piece of text sits: the middle of its x-height. */
const anchor = (t: PdfText): [number, number] => [t.x + t.width / 2, t.y + t.size * 0.35];

const tableOf = (grid: Grid, byCell: ReadonlyMap<number, PdfText[]>): RuledTable => {
  const cols = grid.xs.length - 1;
  const rowCount = grid.ys.length - 1;
  const extent = new Map<number, { left: number; right: number; rows: Set<number> }>();
  for (let r = 0; r < rowCount; r++) {
    for (let c = 0; c < cols; c++) {
      const id = grid.cells.find(r * cols + c);
      const e = extent.get(id) ?? { left: c, right: c + 1, rows: new Set<number>() };
      e.left = Math.min(e.left, c);
      e.right = Math.max(e.right, c + 1);
      e.rows.add(r);
      extent.set(id, e);
    }
  }
  const rows: RuledCell[][] = [];
  const seen = new Set<number>();
  for (let r = 0; r < rowCount; r++) {
    const row: RuledCell[] = [];
    for (let c = 0; c < cols; c++) {
      const id = grid.cells.find(r * cols + c);
      if (seen.has(id)) continue;
      seen.add(id);
      const e = extent.get(id);
      row.push({
        left: grid.xs[e?.left ?? c] ?? 0,
        right: grid.xs[e?.right ?? c + 1] ?? 0,
        atBottom: e?.rows.has(rowCount - 1) ?? r === rowCount - 1,
        texts: byCell.get(id) ?? [],
      });
    }
    if (row.length > 0) rows.push(row);
  }
  return {
    top: grid.ys[0] ?? 0,
    bottom: grid.ys.at(-1) ?? 0,
    left: grid.xs[0] ?? 0,
    right: grid.xs.at(-1) ?? 0,
    rows,
    bottomLine: grid.bottomLine,
  };
};

export interface RuledTables {
  readonly tables: RuledTable[];
  /** The pieces of text outside every table. */
  readonly rest: PdfText[];
}

export const findRuledTables = (segments: readonly Segment[], texts: readonly PdfText[]): RuledTables => {
  const { hs, vs } = pageLines(segments);
  // A drawing (a map, a chart) draws thousands of lines and holds no form table.
  if (hs.length * vs.length > MAX_LINE_PAIRS) return { tables: [], rest: [...texts] };
  const grids = connectedGroups(hs, vs)
    .map((g) => buildGrid(g.hs, g.vs))
    .filter((g): g is Grid => g !== null);

  const pieces = new Map<Grid, Map<number, PdfText[]>>();
  const rest: PdfText[] = [];
  for (const t of texts) {
    const [x, y] = anchor(t);
    const grid = grids.find((g) => indexIn(g.xs, x, false) >= 0 && indexIn(g.ys, y, true) >= 0);
    if (!grid) {
      rest.push(t);
      continue;
    }
    const cols = grid.xs.length - 1;
    const cell = grid.cells.find(indexIn(grid.ys, y, true) * cols + indexIn(grid.xs, x, false));
    let byCell = pieces.get(grid);
    if (!byCell) {
      byCell = new Map();
      pieces.set(grid, byCell);
    }
    const list = byCell.get(cell) ?? [];
    list.push(t);
    byCell.set(cell, list);
  }

  const tables: RuledTable[] = [];
  for (const grid of grids) {
    const byCell = pieces.get(grid);
    if (byCell) tables.push(tableOf(grid, byCell));
  }
  return { tables, rest };
};
