import { describe, expect, it } from 'vitest';
import { validReport, withoutCells } from '../factories.ts';
import { findingsOf } from './helpers.ts';

describe('CELL-FORMAT', () => {
  it('flags a count that is not a whole number ≥ 0, one finding per cell', () => {
    const report = validReport('2021', {
      cells: { 's3.granted.natural': 2.5, 's4.reconsideration.upheld': -1 },
    });
    expect(findingsOf('CELL-FORMAT', report)).toEqual([
      {
        rule: 'CELL-FORMAT',
        severity: 'error',
        cells: ['s3.granted.natural'],
        actual: 2.5,
        message: "第三部分表格'（一）予以公开'行'自然人'列为2.5，应为不小于0的整数",
      },
      expect.objectContaining({ cells: ['s4.reconsideration.upheld'], actual: -1 }),
    ]);
  });

  it('lets 本年增/减 be negative but not fractional', () => {
    expect(findingsOf('CELL-FORMAT', validReport('2019', { cells: { 's2.penalty.change': -8 } }))).toEqual(
      [],
    );
    expect(findingsOf('CELL-FORMAT', validReport('2019', { cells: { 's2.penalty.change': 1.5 } }))).toEqual([
      expect.objectContaining({
        cells: ['s2.penalty.change'],
        message:
          "第二部分'第二十条第（六）项'表格'行政处罚'行'本年增/减'列为1.5，应为整数（本年增/减可为负数）",
      }),
    ]);
  });

  it('accepts an amount with up to 4 decimals, float noise included, and no more', () => {
    for (const ok of [6356.8, 0.1 + 0.2, 1234.5678, 0]) {
      expect(
        findingsOf('CELL-FORMAT', validReport('2019', { cells: { 's2.procurement.amountWan': ok } })),
      ).toEqual([]);
    }
    for (const bad of [1.23456, -1]) {
      const report = validReport('2021', { cells: { 's2.fees.amountWan': bad } });
      expect(findingsOf('CELL-FORMAT', report)).toEqual([
        expect.objectContaining({ cells: ['s2.fees.amountWan'], actual: bad }),
      ]);
    }
  });

  it('leaves blank and missing cells to their own rules', () => {
    const report = withoutCells(validReport('2019', { cells: { 's3.new.natural': null } }), (k) =>
      k.startsWith('s4.'),
    );
    expect(findingsOf('CELL-FORMAT', report)).toEqual([]);
  });
});

describe('CELL-MISSING', () => {
  it('gives one finding for a wholly missing table', () => {
    const report = withoutCells(validReport('2021'), (k) => k.startsWith('s4.'));
    const findings = findingsOf('CELL-MISSING', report);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'CELL-MISSING',
      severity: 'warning',
      message: '第四部分表格缺失（共15个单元格），相关检查未进行',
    });
    expect(findings[0]?.cells).toHaveLength(15);
    expect(findings[0]?.cells[0]).toBe('s4.reconsideration.upheld');
  });

  it('gives one finding per run, a run ending at a present cell or at the end of a table', () => {
    // Cut off inside row 7 of 不予公开 (as the longgang report is), and one cell lost earlier.
    const cutAt = 's3.withheld.enforcementFile.total';
    const report = validReport('2021');
    const keys = Object.keys(report.cells);
    const after = keys.slice(keys.indexOf(cutAt));
    const cut = withoutCells(report, (k) => k === 's2.rules.inForce' || after.includes(k));
    const findings = findingsOf('CELL-MISSING', cut);
    expect(findings.map((f) => f.message)).toEqual([
      "第二部分'第二十条第（一）项'表格'规章'行'现行有效件数'列缺失（共1个单元格），相关检查未进行",
      "第三部分表格'（三）不予公开 7.属于行政执法案卷'行'总计'列至'四、结转下年度继续办理'行'总计'列缺失（共99个单元格），相关检查未进行",
      '第四部分表格缺失（共15个单元格），相关检查未进行',
    ]);
    expect(findings[1]?.cells[0]).toBe(cutAt);
    expect(findings[1]?.cells.at(-1)).toBe('s3.forward.total');
  });

  it('names whole missing rows by their labels', () => {
    const cut = withoutCells(validReport('2019'), (k) => /^s3\.(granted|partial)\./.test(k));
    expect(findingsOf('CELL-MISSING', cut)).toEqual([
      expect.objectContaining({
        message:
          "第三部分表格'（一）予以公开'行至'（二）部分公开（区分处理的，只计这一情形，不计其他情形）'行缺失（共14个单元格），相关检查未进行",
      }),
    ]);
  });

  it('says nothing for a complete report, nor when neither edition nor year is known', () => {
    expect(findingsOf('CELL-MISSING', validReport('2019'))).toEqual([]);
    expect(
      findingsOf('CELL-MISSING', { ...validReport('2021'), edition: null, year: null, cells: {} }),
    ).toEqual([]);
  });

  it('holds a report with no table to the form of its year', () => {
    const found = findingsOf('CELL-MISSING', {
      ...validReport('2021'),
      edition: null,
      year: 2023,
      cells: {},
    });
    expect(found.map((f) => f.cells[0])).toEqual([
      's2.rules.issued',
      's2.licensing.decisions',
      's2.penalty.decisions',
      's2.fees.amountWan',
      's3.new.natural',
      's4.reconsideration.upheld',
    ]);
  });
});

describe('CELL-BLANK', () => {
  it('gives one finding per run of blanks within a row, listing its cells', () => {
    const report = validReport('2021', {
      cells: {
        's2.rules.inForce': null,
        's3.granted.research': null,
        's3.granted.nonprofit': null,
        's3.granted.otherOrg': null,
        's3.partial.total': null,
      },
    });
    expect(findingsOf('CELL-BLANK', report)).toEqual([
      {
        rule: 'CELL-BLANK',
        severity: 'warning',
        cells: ['s2.rules.inForce'],
        message: "第二部分'第二十条第（一）项'表格'规章'行'现行有效件数'列为空白（未填写数字）",
      },
      expect.objectContaining({
        cells: ['s3.granted.research', 's3.granted.nonprofit'],
        message: "第三部分表格'（一）予以公开'行'科研机构'列至'社会公益组织'列为空白（未填写数字）",
      }),
      expect.objectContaining({ cells: ['s3.granted.otherOrg'] }),
      expect.objectContaining({ cells: ['s3.partial.total'] }),
    ]);
  });

  it('says nothing when no cell is blank', () => {
    expect(findingsOf('CELL-BLANK', validReport('2019'))).toEqual([]);
  });

  it('is the only finding a blank gives where the sums still hold', () => {
    // A blank 0 leaves every sum intact: CELL-BLANK, and no arithmetic error.
    const report = validReport('2019', { cells: { 's3.withheld.query.natural': null } });
    expect(findingsOf('CELL-BLANK', report)).toHaveLength(1);
    expect(findingsOf('S3-TOTAL-ROW', report)).toEqual([]);
    expect(findingsOf('S3-TOTAL-COL', report)).toEqual([]);
  });
});
