import { cellKey, type EditionDef, type TableDef } from '../../model/edition.ts';
import type { CellWriter } from './cell-writer.ts';
import { foldLabel, type LabelMatcher, labelMatcher, matchesLabel } from './normalize.ts';
import { readRowValues } from './row-values.ts';
import { findToken, type Token } from './tokens.ts';

/** The form's tables of sections 二 and 三, read row by row by their labels. */

const ITEM_TITLE = /^第二十条第\(?([一二三四五六七八九十]+|\d+)\)?项/;
const ITEM_NUMBERS: Record<string, string> = { 一: '1', 五: '5', 六: '6', 八: '8', 九: '9' };

export const itemOfTitle = (folded: string): string | null => {
  const m = ITEM_TITLE.exec(folded);
  if (!m?.[1]) return null;
  return ITEM_NUMBERS[m[1]] ?? m[1];
};

interface RowMatcher {
  readonly key: string;
  readonly matcher: LabelMatcher;
}

const rowMatchers = (table: TableDef): RowMatcher[] =>
  table.rows.map((r) => ({ key: r.key, matcher: labelMatcher([r.label, ...(r.aliases ?? [])]) }));

const matcherCache = new WeakMap<EditionDef, LabelMatcher[]>();

/** Every row, group and column label of the edition: what can end a row's run of values. */
const allLabels = (edition: EditionDef): LabelMatcher[] => {
  const known = matcherCache.get(edition);
  if (known) return known;
  const labels = new Set<string>();
  for (const t of edition.tables) {
    for (const r of t.rows) {
      labels.add(r.label);
      for (const g of r.groups ?? []) labels.add(g);
      for (const a of r.aliases ?? []) labels.add(a);
    }
    for (const c of t.columns) labels.add(c.label);
  }
  const matchers = [...labels].map((l) => labelMatcher([l]));
  matcherCache.set(edition, matchers);
  return matchers;
};

export interface TableRead {
  /** Index of the first token after the last row read, or `from` where none was. */
  readonly end: number;
  /** Token range the table's cells came from (for telling narrative from table). */
  readonly span: readonly [number, number] | null;
  readonly truncated: boolean;
}

/** Whether the amount column of a table is headed in yuan rather than 万元. */
const amountHeadedInYuan = (tokens: readonly Token[], from: number, to: number): boolean => {
  for (let i = from; i < to; i++) {
    const f = tokens[i]?.folded ?? '';
    if (f.includes('金额') || f.includes('单位')) return f.includes('元') && !f.includes('万元');
  }
  return false;
};

export const readFormTable = (
  tokens: readonly Token[],
  edition: EditionDef,
  table: TableDef,
  from: number,
  to: number,
  out: CellWriter,
): TableRead => {
  const labels = allLabels(edition);
  const isLabel = (t: Token) => labels.some((m) => matchesLabel(t.folded, m));
  let cursor = from;
  let first = -1;
  let truncated = false;
  for (const row of rowMatchers(table)) {
    const at = findToken(tokens, cursor, to, (t) => matchesLabel(t.folded, row.matcher));
    if (at < 0) continue;
    const read = readRowValues(tokens, at, table.columns.length, isLabel);
    const label = table.rows.find((r) => r.key === row.key)?.label ?? row.key;
    if (read.values.length === 0 && !read.truncated) {
      // A label with no value cell after it: the figures are elsewhere (an image, a note).
      out.note({
        level: 'warning',
        message: `找到'${label}'行，但其后没有数值`,
        cell: cellKey(table, row.key, table.columns[0]?.key ?? ''),
      });
      continue;
    }
    if (first < 0) first = at;
    const yuan = table.columns.some((c) => c.kind === 'amount') && amountHeadedInYuan(tokens, from, at);
    table.columns.forEach((column, i) => {
      const key = cellKey(table, row.key, column.key);
      const raw = read.values[i];
      if (raw !== undefined) out.write(key, raw, column, yuan);
      else if (!read.truncated) out.blank(key);
    });
    if (read.values.length < table.columns.length && !read.truncated && read.values.length > 0) {
      out.note({
        level: 'info',
        message: `'${label}'行只有${read.values.length}个数值，其余按空白处理`,
        cell: cellKey(table, row.key, table.columns[read.values.length]?.key ?? ''),
      });
    }
    if (read.truncated) {
      truncated = true;
      const firstMissing = table.columns[read.values.length];
      out.note({
        level: 'warning',
        message: '文本在此截断，其后的单元格缺失',
        cell: cellKey(table, row.key, firstMissing?.key ?? ''),
      });
    }
    cursor = read.end;
  }
  return { end: first < 0 ? from : cursor, span: first < 0 ? null : [first, cursor], truncated };
};

/** Index of the caption '第二十条第（N）项' of a section 二 table, or -1. */
export const findItemTitle = (tokens: readonly Token[], item: string, from: number, to: number): number =>
  findToken(tokens, from, to, (t) => t.folded.length < 30 && itemOfTitle(t.folded) === item);

/** Where section 三's table starts: its note on the 勾稽关系, its header, or its first row. */
export const findApplicationsTable = (tokens: readonly Token[], from: number): number => {
  const newRow = labelMatcher(['一、本年新收政府信息公开申请数量']);
  return findToken(
    tokens,
    from,
    tokens.length,
    (t) =>
      (t.folded.includes('勾稽关系') && t.folded.length < 60) ||
      t.folded === '申请人情况' ||
      matchesLabel(t.folded, newRow),
  );
};

export const foldedEquals = (t: Token | undefined, label: string): boolean => t?.folded === foldLabel(label);
