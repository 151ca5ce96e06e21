import { describe, expect, it } from 'vitest';
import { validReport, withoutCells } from '../factories.ts';
import { findingsOf } from './helpers.ts';

describe('S4-TOTAL', () => {
  it('finds one error per group whose 总计 is not the sum of its four results', () => {
    const report = validReport('2021', { cells: { 's4.litigationDirect.pending': 2 } });
    expect(findingsOf('S4-TOTAL', report)).toEqual([
      {
        rule: 'S4-TOTAL',
        severity: 'error',
        cells: [
          's4.litigationDirect.total',
          's4.litigationDirect.upheld',
          's4.litigationDirect.corrected',
          's4.litigationDirect.other',
          's4.litigationDirect.pending',
        ],
        expected: 3,
        actual: 1,
        message:
          "第四部分表格'行政诉讼（未经复议直接起诉）'的'总计'为1，但结果维持、结果纠正、其他结果、尚未审结之和为3",
      },
    ]);
  });

  it('holds for a valid report, and skips a blank total or a missing result', () => {
    expect(findingsOf('S4-TOTAL', validReport('2019'))).toEqual([]);
    const blank = validReport('2019', { cells: { 's4.reconsideration.total': null } });
    expect(findingsOf('S4-TOTAL', blank)).toEqual([]);
    const cut = withoutCells(validReport('2019', { cells: { 's4.reconsideration.total': 7 } }), (k) =>
      k.endsWith('.pending'),
    );
    expect(findingsOf('S4-TOTAL', cut)).toEqual([]);
  });
});

describe('S2-TOTAL-PUBLISHED (2019 edition)', () => {
  it('warns where 对外公开总数量 is below 本年新公开数量', () => {
    const report = validReport('2019', { cells: { 's2.normativeDocs.published': 12 } });
    expect(findingsOf('S2-TOTAL-PUBLISHED', report)).toEqual([
      {
        rule: 'S2-TOTAL-PUBLISHED',
        severity: 'warning',
        cells: ['s2.normativeDocs.total', 's2.normativeDocs.published'],
        expected: 12,
        actual: 10,
        message:
          "第二部分'第二十条第（一）项'表格'规范性文件'行'对外公开总数量'列为10，小于'本年新公开数量'12：对外公开总数量应包含本年新公开的文件",
      },
    ]);
  });

  it('accepts a total equal to what was published, and does not apply to the 2021 edition', () => {
    expect(
      findingsOf('S2-TOTAL-PUBLISHED', validReport('2019', { cells: { 's2.rules.published': 3 } })),
    ).toEqual([]);
    expect(
      findingsOf('S2-TOTAL-PUBLISHED', validReport('2021', { cells: { 's2.rules.published': 9 } })),
    ).toEqual([]);
  });
});
