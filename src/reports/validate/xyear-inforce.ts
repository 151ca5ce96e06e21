import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { type CellRead, show } from './context.ts';
import { rowLabel } from './labels.ts';
import { defineRule, draft } from './rule.ts';

const orZero = (read: CellRead): number => (read.kind === 'value' ? read.value : 0);

/**
 * 2021 edition in both years, for 规章 and 行政规范性文件:
 * 现行有效件数 (N) = 现行有效件数 (N−1) + 本年制发件数 (N) − 本年废止件数 (N).
 * `cells`: this report's 现行有效件数, the previous report's 现行有效件数 (a key of the other
 * report, as the message says), then this report's 制发 and 废止. As in the sums, a missing
 * cell means not evaluated, a blank addend counts as 0, a blank 现行有效件数 (N) is not checked.
 */
export const xyearInforce = defineRule('XYEAR-INFORCE', 'warning', (ctx) => {
  const { edition, previous } = ctx;
  const { year } = ctx.report;
  if (edition?.id !== '2021' || previous?.edition !== '2021' || year === null) return [];
  const table = tableById(edition, 's2.item1');
  return table.rows.flatMap((row) => {
    const key = (column: string): string => cellKey(table, row.key, column);
    const keys = [key('inForce'), key('inForce'), key('issued'), key('repealed')] as const;
    const now = ctx.cell(keys[0]);
    const before = ctx.previousCell(keys[1]);
    const issued = ctx.cell(keys[2]);
    const repealed = ctx.cell(keys[3]);
    if ([now, before, issued, repealed].some((r) => r.kind === 'missing') || now.kind !== 'value') return [];
    const expected = orZero(before) + orZero(issued) - orZero(repealed);
    if (expected === now.value) return [];
    const message =
      `第二部分'${table.title}'表格'${rowLabel(table, row.key)}'行：${year - 1}年度现行有效(${show(orZero(before))})` +
      `+本年制发(${show(orZero(issued))})-本年废止(${show(orZero(repealed))})=${show(expected)}，` +
      `但本年度现行有效件数为${show(now.value)}（第二个单元格指${year - 1}年度报告的单元格）`;
    return [draft(keys, message, { expected, actual: now.value })];
  });
});
