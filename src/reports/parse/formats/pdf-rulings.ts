import type { Segment } from './pdf-page.ts';

/**
 * The straight lines a PDF page draws, joined where they continue each other and grouped
 * where they touch: the raw material of ruled tables (pdf-grid.ts).
 */

/** Lines closer than this are the same line; ends closer than this touch. */
export const TOLERANCE = 2;
/** A horizontal or a vertical line. */
export interface Line {
  /** y of a horizontal line, x of a vertical one. */
  readonly at: number;
  from: number;
  to: number;
}

/** Joins collinear pieces (Chromium draws each cell's border on its own). */
const mergeLines = (lines: readonly Line[]): Line[] => {
  const byAt = [...lines].sort((a, b) => a.at - b.at);
  const groups: Line[][] = [];
  for (const line of byAt) {
    const group = groups.at(-1);
    const first = group?.[0];
    if (group && first && line.at - first.at <= TOLERANCE) group.push(line);
    else groups.push([line]);
  }
  const out: Line[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.from - b.from);
    let current: Line | null = null;
    for (const line of group) {
      if (current && line.from <= current.to + TOLERANCE) {
        current.to = Math.max(current.to, line.to);
      } else {
        current = { ...line };
        out.push(current);
      }
    }
  }
  return out;
};

/** Values closer than the tolerance taken as one (the first of them). */
export const cluster = (values: readonly number[]): number[] => {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  for (const v of sorted) {
    const last = out.at(-1);
    if (last === undefined || v - last > TOLERANCE) out.push(v);
  }
  return out;
};

export class UnionFind {
  private readonly parent: number[];
  constructor(n: number) {
    this.parent = Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root] ?? root;
    let j = i;
    while (this.parent[j] !== root) {
      const next = this.parent[j] ?? root;
      this.parent[j] = root;
      j = next;
    }
    return root;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/** Whether lines at `at` cover most of [from, to]. */
export const covered = (lines: readonly Line[], at: number, from: number, to: number): boolean => {
  let length = 0;
  for (const l of lines) {
    if (Math.abs(l.at - at) > TOLERANCE) continue;
    length += Math.max(0, Math.min(l.to, to) - Math.max(l.from, from));
  }
  return length >= (to - from) * 0.5;
};

/** Splits the page's lines into connected groups: one per drawn table. */
export const connectedGroups = (hs: readonly Line[], vs: readonly Line[]): { hs: Line[]; vs: Line[] }[] => {
  const sets = new UnionFind(hs.length + vs.length);
  hs.forEach((h, i) => {
    vs.forEach((v, j) => {
      const touches =
        v.at >= h.from - TOLERANCE &&
        v.at <= h.to + TOLERANCE &&
        h.at >= v.from - TOLERANCE &&
        h.at <= v.to + TOLERANCE;
      if (touches) sets.union(i, hs.length + j);
    });
  });
  const groups = new Map<number, { hs: Line[]; vs: Line[] }>();
  const group = (root: number) => {
    let g = groups.get(root);
    if (!g) {
      g = { hs: [], vs: [] };
      groups.set(root, g);
    }
    return g;
  };
  hs.forEach((h, i) => {
    group(sets.find(i)).hs.push(h);
  });
  vs.forEach((v, j) => {
    group(sets.find(hs.length + j)).vs.push(v);
  });
  return [...groups.values()].filter((g) => g.hs.length >= 2 && g.vs.length >= 2);
};

/** The page's horizontal and vertical lines, each joined up. */
export const pageLines = (segments: readonly Segment[]): { hs: Line[]; vs: Line[] } => ({
  hs: mergeLines(segments.filter((s) => s.y1 === s.y2).map((s) => ({ at: s.y1, from: s.x1, to: s.x2 }))),
  vs: mergeLines(segments.filter((s) => s.x1 === s.x2).map((s) => ({ at: s.x1, from: s.y1, to: s.y2 }))),
});
