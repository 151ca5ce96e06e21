import { outcomeRowKeys } from '../model/applications-table.ts';
import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { show } from './context.ts';
import { cellName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { blankNote, checkSum } from './sum.ts';

/** For each column of section 三: （七）总计 = the sum of every outcome row, 予以公开 … 其他处理. */
export const s3TotalRow = defineRule('S3-TOTAL-ROW', 'error', (ctx) => {
  if (!ctx.edition) return [];
  const table = tableById(ctx.edition, 's3');
  const outcomes = outcomeRowKeys(table);
  return table.columns.flatMap((column) => {
    const stated = cellKey(table, 'total', column.key);
    const parts = outcomes.map((row) => cellKey(table, row, column.key));
    const sum = checkSum(ctx.cell, [stated], parts);
    if (!sum || sum.ok) return [];
    const message = `${cellName(table, 'total', column.key)}为${show(sum.actual)}，但各办理结果之和为${show(sum.expected)}${blankNote(sum)}`;
    return [draft([stated, ...parts], message, sum)];
  });
});
