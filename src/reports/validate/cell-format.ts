import { type CellDef, editionCells } from '../model/cells.ts';
import type { CellKind } from '../model/edition.ts';
import { show } from './context.ts';
import { cellName } from './labels.ts';
import { defineRule, draft } from './rule.ts';

/** Amounts are in 万元 with at most 4 decimals; the tolerance absorbs binary float (6356.8 × 10⁴). */
const hasAtMostFourDecimals = (v: number): boolean => Math.abs(v * 1e4 - Math.round(v * 1e4)) < 1e-6;

const FITS: Record<CellKind, (v: number) => boolean> = {
  count: (v) => Number.isInteger(v) && v >= 0,
  signed: (v) => Number.isInteger(v),
  amount: (v) => Number.isFinite(v) && v >= 0 && hasAtMostFourDecimals(v),
};

const SHOULD_BE: Record<CellKind, string> = {
  count: '应为不小于0的整数',
  signed: '应为整数（本年增/减可为负数）',
  amount: '应为不小于0、最多保留4位小数的金额（万元）',
};

const describe = (cell: CellDef, value: number): string =>
  `${cellName(cell.table, cell.row, cell.column)}为${show(value)}，${SHOULD_BE[cell.kind]}`;

/** One finding per cell whose number cannot be what the form asks for; blanks and missing cells are not numbers. */
export const cellFormat = defineRule('CELL-FORMAT', 'error', (ctx) => {
  if (!ctx.edition) return [];
  return editionCells(ctx.edition).flatMap((cell) => {
    const read = ctx.cell(cell.key);
    if (read.kind !== 'value' || FITS[cell.kind](read.value)) return [];
    return [draft([cell.key], describe(cell, read.value), { actual: read.value })];
  });
});
