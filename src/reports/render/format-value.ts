import type { CellValue } from '../model/report.ts';

/** Counts are whole numbers; amounts in 万元 carry at most 4 decimals (CELL-FORMAT). */
const MAX_DECIMALS = 4;

/**
 * A cell's value as the form prints it: no thousands separators, no exponent, at most
 * 4 decimals with trailing zeros dropped (6356.8, not 6,356.8000). Blank and missing cells
 * print nothing; the caller tells them apart by markup, not by text, so that reading the
 * rendered report back gives the same cells.
 */
export const formatCellValue = (value: CellValue | undefined): string => {
  if (value === null || value === undefined || !Number.isFinite(value)) return '';
  if (Number.isInteger(value)) {
    // toFixed switches to exponent notation from 1e21 on; BigInt never does.
    return Object.is(value, -0) ? '0' : BigInt(value).toString();
  }
  const fixed = value.toFixed(MAX_DECIMALS).replace(/0+$/, '').replace(/\.$/, '');
  return fixed === '-0' ? '0' : fixed;
};
