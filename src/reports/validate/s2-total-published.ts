// S2-TOTAL-PUBLISHED (warning, 2019 edition): in 第二十条第（一）项, 对外公开总数量 ≥ 本年新公开数量 for 规章 and 规范性文件.
import { cellKey } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { show } from './context.ts';
import { cellName, columnLabel } from './labels.ts';
import { defineRule, draft } from './rule.ts';

/**
 * What was newly published this year is part of what is published in all, so the total cannot
 * be smaller. Missing or blank cells: not checked (a blank 总数量 states nothing, and a blank
 * 新公开 counted as 0 could never fail).
 */
export const s2TotalPublished = defineRule('S2-TOTAL-PUBLISHED', 'warning', (ctx) => {
  if (ctx.edition?.id !== '2019') return [];
  const table = tableById(ctx.edition, 's2.item1');
  return table.rows.flatMap((row) => {
    const totalKey = cellKey(table, row.key, 'total');
    const publishedKey = cellKey(table, row.key, 'published');
    const total = ctx.cell(totalKey);
    const published = ctx.cell(publishedKey);
    if (total.kind !== 'value' || published.kind !== 'value' || total.value >= published.value) return [];
    const message = `${cellName(table, row.key, 'total')}为${show(total.value)}，小于'${columnLabel(table, 'published')}'${show(published.value)}：对外公开总数量应包含本年新公开的文件`;
    return [draft([totalKey, publishedKey], message, { expected: published.value, actual: total.value })];
  });
});
