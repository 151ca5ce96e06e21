import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { show } from './context.ts';
import { columnLabel, rowLabel, tableName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { blankNote, checkSum } from './sum.ts';

const RESULTS = ['upheld', 'corrected', 'other', 'pending'] as const;

/** For each group of section 四: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结. */
export const s4Total = defineRule('S4-TOTAL', 'error', (ctx) => {
  if (!ctx.edition) return [];
  const table = tableById(ctx.edition, 's4');
  return table.rows.flatMap((group) => {
    const stated = cellKey(table, group.key, 'total');
    const parts = RESULTS.map((column) => cellKey(table, group.key, column));
    const sum = checkSum(ctx.cell, [stated], parts);
    if (!sum || sum.ok) return [];
    const message =
      `${tableName(table)}'${rowLabel(table, group.key)}'的'总计'为${show(sum.actual)}，` +
      `但${RESULTS.map((c) => columnLabel(table, c)).join('、')}之和为${show(sum.expected)}${blankNote(sum)}`;
    return [draft([stated, ...parts], message, sum)];
  });
});
