import { describe, expect, it } from 'vitest';
import { formatCellValue } from '../../../src/reports/render/format-value.ts';

describe('formatCellValue', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [1066, '1066'],
    [-8, '-8'],
    [6356.8, '6356.8'],
    [35.125, '35.125'],
    [0.0001, '0.0001'],
    [1e-7, '0'],
    [2.00004, '2'],
    [1e21, '1000000000000000000000'],
  ])('prints %s as %s', (value, text) => {
    expect(formatCellValue(value)).toBe(text);
  });

  it('prints nothing for a blank or missing cell', () => {
    expect(formatCellValue(null)).toBe('');
    expect(formatCellValue(undefined)).toBe('');
  });
});
