import { tableCells } from '../model/cells.ts';
import { tableName } from './labels.ts';
import { defineRule, draft } from './rule.ts';
import { describeRun, runsOf } from './runs.ts';

/**
 * Cells the document left blank (null). One finding per run of consecutive blank cells within
 * one row, so a row of blanks is one finding and a blank column is one finding per row; each
 * lists its cell keys. The sums count them as 0, which the arithmetic messages also say.
 */
export const cellBlank = defineRule('CELL-BLANK', 'warning', (ctx) => {
  const { edition } = ctx;
  if (!edition) return [];
  return edition.tables.flatMap((table) =>
    table.rows.flatMap((row) => {
      const cells = tableCells(edition, table).filter((cell) => cell.row === row.key);
      return runsOf(cells, (cell) => ctx.cell(cell.key).kind === 'blank').map((run) =>
        draft(
          run.map((cell) => cell.key),
          `${tableName(table)}${describeRun(run)}为空白（未填写数字）`,
        ),
      );
    }),
  );
});
