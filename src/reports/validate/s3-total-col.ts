import { S3_APPLICANT_COLUMNS } from '../model/applications-table.ts';
import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { show } from './context.ts';
import { cellName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { blankNote, checkSum } from './sum.ts';

/** For each row of section 三: 总计 = 自然人 + the five kinds of 法人或其他组织. */
export const s3TotalCol = defineRule('S3-TOTAL-COL', 'error', (ctx) => {
  if (!ctx.edition) return [];
  const table = tableById(ctx.edition, 's3');
  return table.rows.flatMap((row) => {
    const stated = cellKey(table, row.key, 'total');
    const parts = S3_APPLICANT_COLUMNS.map((column) => cellKey(table, row.key, column));
    const sum = checkSum(ctx.cell, [stated], parts);
    if (!sum || sum.ok) return [];
    const message = `${cellName(table, row.key, 'total')}为${show(sum.actual)}，但各类申请人之和为${show(sum.expected)}${blankNote(sum)}`;
    return [draft([stated, ...parts], message, sum)];
  });
});
