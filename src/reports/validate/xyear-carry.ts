import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { show } from './context.ts';
import { columnLabel, rowLabel } from './labels.ts';
import { defineRule, draft } from './rule.ts';

/**
 * For each column of section 三: 二、上年结转 (year N) = 四、结转下年度继续办理 (year N−1).
 * `cells` holds this report's 上年结转 cell, then the previous year's 结转下年度 cell — a key
 * of the other report, as the message says. Both row keys are the same in either edition.
 * Not evaluated where either cell is missing or blank: a blank says nothing to compare.
 */
export const xyearCarry = defineRule('XYEAR-CARRY', 'warning', (ctx) => {
  const { edition, previous } = ctx;
  const { year } = ctx.report;
  if (!edition || !previous || year === null) return [];
  const table = tableById(edition, 's3');
  return table.columns.flatMap((column) => {
    const carriedKey = cellKey(table, 'carried', column.key);
    const forwardKey = cellKey(table, 'forward', column.key);
    const carried = ctx.cell(carriedKey);
    const forward = ctx.previousCell(forwardKey);
    if (carried.kind !== 'value' || forward.kind !== 'value' || carried.value === forward.value) return [];
    const message =
      `第三部分'${columnLabel(table, column.key)}'列：本年度'${rowLabel(table, 'carried')}'为${show(carried.value)}，` +
      `但${year - 1}年度报告'${rowLabel(table, 'forward')}'为${show(forward.value)}` +
      `（第二个单元格指${year - 1}年度报告的单元格）`;
    return [draft([carriedKey, forwardKey], message, { expected: forward.value, actual: carried.value })];
  });
});
