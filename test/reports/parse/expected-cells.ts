import { S3_COLUMNS } from '../../../src/reports/model/applications-table.ts';
import type { CellValue } from '../../../src/reports/model/report.ts';

/** Builds the cells map a test expects from rows written out by hand. */
export const rowsToCells = (
  prefix: string,
  columns: readonly string[],
  rows: Readonly<Record<string, readonly CellValue[]>>,
): Record<string, CellValue> => {
  const cells: Record<string, CellValue> = {};
  for (const [row, values] of Object.entries(rows)) {
    values.forEach((v, i) => {
      cells[`${prefix}.${row}.${columns[i]}`] = v;
    });
  }
  return cells;
};

export const S3_KEYS = S3_COLUMNS.map((c) => c.key);
export const S4_KEYS = ['upheld', 'corrected', 'other', 'pending', 'total'];

export const FIXTURES = new URL('../../../../shared/fixtures/reports/', import.meta.url);
