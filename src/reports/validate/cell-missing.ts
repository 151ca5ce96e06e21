import { tableCells } from '../model/cells.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import { tableName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { describeRun, runsOf } from './runs.ts';

/**
 * Cells the edition has that the document does not (cut off, an image, left out): one finding
 * per wholly missing table, else one per run of consecutive missing cells in form order, a run
 * ending at a present cell or at the table's end. A document with no table at all (tables
 * published as images) has no edition of its own: its year says which form it owed.
 */
export const cellMissing = defineRule('CELL-MISSING', 'warning', (ctx) => {
  const { year } = ctx.report;
  const edition = ctx.edition ?? (year === null ? null : EDITIONS[editionForYear(year)]);
  if (!edition) return [];
  return edition.tables.flatMap((table) => {
    const cells = tableCells(edition, table);
    const runs = runsOf(cells, (cell) => ctx.cell(cell.key).kind === 'missing');
    return runs.map((run) => {
      const keys = run.map((cell) => cell.key);
      const message =
        run.length === cells.length
          ? `${tableName(table)}缺失（共${keys.length}个单元格），相关检查未进行`
          : `${tableName(table)}${describeRun(run)}缺失（共${keys.length}个单元格），相关检查未进行`;
      return draft(keys, message);
    });
  });
});
