import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { type CellRead, show } from './context.ts';
import { columnLabel, sectionName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { blankNote, checkSum } from './sum.ts';

const shown = (read: CellRead): string => (read.kind === 'value' ? show(read.value) : '空白');

/**
 * The 勾稽关系 the form prints under section 三's heading, for each column:
 * 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转下年度继续办理.
 * Blanks count as 0 on either side; only when both 总计 and 结转下年度 are blank is the
 * column not checked, since the stated side then says nothing.
 */
export const s3Balance = defineRule('S3-BALANCE', 'error', (ctx) => {
  if (!ctx.edition) return [];
  const table = tableById(ctx.edition, 's3');
  return table.columns.flatMap((column) => {
    const key = (row: string): string => cellKey(table, row, column.key);
    const fresh = key('new');
    const carried = key('carried');
    const total = key('total');
    const forward = key('forward');
    const sum = checkSum(ctx.cell, [total, forward], [fresh, carried]);
    if (!sum || sum.ok) return [];
    const [n, c, t, f] = [fresh, carried, total, forward].map((k) => shown(ctx.cell(k)));
    const message =
      `${sectionName(table.section)}'${columnLabel(table, column.key)}'列：` +
      `本年新收(${n})+上年结转(${c})=${show(sum.expected)}，` +
      `但办理结果总计(${t})+结转下年度(${f})=${show(sum.actual)}，不符合勾稽关系${blankNote(sum)}`;
    return [draft([fresh, carried, total, forward], message, sum)];
  });
});
