import { appealsTable, S4_COLUMNS, S4_GROUPS } from '../../model/appeals-table.ts';
import { cellKey } from '../../model/edition.ts';
import type { CellWriter } from './cell-writer.ts';
import type { TableRead } from './form-tables.ts';
import { foldLabel } from './normalize.ts';
import { isValueLike } from './number.ts';
import { findToken, startsRow, type Token } from './tokens.ts';

/**
 * Section 四's table: the form prints the three groups side by side under a three-row
 * header, then one row of fifteen values (行政复议 ×5, 未经复议直接起诉 ×5, 复议后起诉 ×5).
 */

const HEADER_WORDS = new Set(
  ['行政复议', '行政诉讼', ...S4_GROUPS.map((g) => g.label), ...S4_COLUMNS.map((c) => c.label)].map(
    foldLabel,
  ),
);
const isHeader = (t: Token): boolean => HEADER_WORDS.has(t.folded);
const TOTAL = foldLabel('总计');

export const readAppealsTable = (tokens: readonly Token[], from: number, out: CellWriter): TableRead => {
  const start = findToken(tokens, from, tokens.length, (t) => t.folded === foldLabel('行政复议'));
  if (start < 0) return { end: from, span: null, truncated: false };
  // The header ends at the third 总计 (one per group), or at the last header word before a number.
  let headerEnd = start;
  let totals = 0;
  for (let i = start; i < Math.min(tokens.length, start + 60); i++) {
    const t = tokens[i];
    if (!t) break;
    if (isHeader(t)) {
      headerEnd = i;
      if (t.folded === TOTAL && ++totals === 3) break;
    } else if (t.folded !== '') {
      break;
    }
  }
  let i = headerEnd + 1;
  const header = tokens[headerEnd];
  if (header && header.row >= 0) {
    // Known rows: the values are the next row; blank cells of the header row are not values.
    while (i < tokens.length && !startsRow(tokens, i)) i++;
  }
  const values: string[] = [];
  const count = S4_GROUPS.length * S4_COLUMNS.length;
  const dataRow = tokens[i]?.row ?? -1;
  for (; i < tokens.length && values.length < count; i++) {
    const t = tokens[i];
    if (!t) break;
    if (dataRow >= 0 && t.row !== dataRow) break;
    if (!isValueLike(t.text)) break;
    values.push(t.text);
  }
  let rest = i;
  while (rest < tokens.length && tokens[rest]?.folded === '') rest++;
  const truncated = values.length < count && rest >= tokens.length;
  S4_GROUPS.forEach((group, g) => {
    S4_COLUMNS.forEach((column, c) => {
      const key = cellKey(appealsTable, group.key, column.key);
      const raw = values[g * S4_COLUMNS.length + c];
      if (raw !== undefined) out.write(key, raw, column);
      else if (!truncated && values.length > 0) out.blank(key);
    });
  });
  if (truncated && values.length > 0) {
    out.note({ level: 'warning', message: '文本在此截断，其后的单元格缺失' });
  }
  return { end: i, span: values.length > 0 ? [start, i] : null, truncated };
};
