import { describe, expect, it } from 'vitest';
import { outcomeRowKeys } from '../../../src/reports/model/applications-table.ts';
import { EDITIONS, tableById } from '../../../src/reports/model/editions.ts';
import { validReport, withoutCells } from '../factories.ts';
import { findingsOf } from './helpers.ts';

describe.each(['2019', '2021'] as const)('section 三 sums, %s edition', (edition) => {
  const outcomes = outcomeRowKeys(tableById(EDITIONS[edition], 's3'));
  const applicants = ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg'];

  describe('S3-TOTAL-ROW', () => {
    it('finds one error per column whose （七）总计 is not the sum of its outcomes', () => {
      const report = validReport(edition, { cells: { 's3.granted.commercial': 2 } });
      expect(findingsOf('S3-TOTAL-ROW', report)).toEqual([
        {
          rule: 'S3-TOTAL-ROW',
          severity: 'error',
          cells: ['s3.total.commercial', ...outcomes.map((r) => `s3.${r}.commercial`)],
          expected: 2,
          actual: 1,
          message: "第三部分表格'（七）总计'行'商业企业'列为1，但各办理结果之和为2",
        },
      ]);
    });

    it('counts the last outcome row of the edition', () => {
      const last = outcomes[outcomes.length - 1];
      const report = validReport(edition, { cells: { [`s3.${last}.research`]: 1 } });
      expect(findingsOf('S3-TOTAL-ROW', report).map((f) => f.cells[0])).toEqual(['s3.total.research']);
    });

    it('takes no blank outcome for an error by itself: it could hold the difference', () => {
      const report = validReport(edition, { cells: { 's3.granted.natural': null } });
      expect(findingsOf('S3-TOTAL-ROW', report)).toEqual([]);
    });

    it('still fails a column whose other outcomes already exceed its total, counting the blank as 0', () => {
      const report = validReport(edition, { cells: { 's3.granted.natural': null, 's3.partial.natural': 9 } });
      const [finding] = findingsOf('S3-TOTAL-ROW', report);
      expect(finding).toMatchObject({ expected: 9, actual: 3 });
      expect(finding?.message).toContain('空白单元格按0计');
    });

    it('does not check a column whose total is blank or whose outcome is missing', () => {
      const blank = validReport(edition, { cells: { 's3.total.natural': null, 's3.granted.natural': 9 } });
      expect(findingsOf('S3-TOTAL-ROW', blank)).toEqual([]);
      // 自然人 no longer adds up, but one of its cells is missing: not checked.
      expect(
        findingsOf('S3-TOTAL-ROW', validReport(edition, { cells: { 's3.granted.natural': 8 } })),
      ).toHaveLength(1);
      const cut = withoutCells(
        validReport(edition, { cells: { 's3.granted.natural': 8 } }),
        (k) => k === 's3.partial.natural',
      );
      expect(findingsOf('S3-TOTAL-ROW', cut).map((f) => f.cells[0])).toEqual([]);
    });
  });

  describe('S3-TOTAL-COL', () => {
    it('finds one error per row whose 总计 is not the sum of the six applicant columns', () => {
      const report = validReport(edition, { cells: { 's3.new.total': 6 } });
      expect(findingsOf('S3-TOTAL-COL', report)).toEqual([
        {
          rule: 'S3-TOTAL-COL',
          severity: 'error',
          cells: ['s3.new.total', ...applicants.map((c) => `s3.new.${c}`)],
          expected: 5,
          actual: 6,
          message: "第三部分表格'一、本年新收政府信息公开申请数量'行'总计'列为6，但各类申请人之和为5",
        },
      ]);
    });

    it('names a numbered row with its group', () => {
      const report = validReport(edition, { cells: { 's3.unable.notHeld.total': 2 } });
      expect(findingsOf('S3-TOTAL-COL', report)[0]?.message).toBe(
        "第三部分表格'（四）无法提供 1.本机关不掌握相关政府信息'行'总计'列为2，但各类申请人之和为1",
      );
    });

    it('does not check a row whose 总计 is blank', () => {
      const report = validReport(edition, { cells: { 's3.granted.total': null } });
      expect(findingsOf('S3-TOTAL-COL', report)).toEqual([]);
    });
  });

  describe('S3-BALANCE', () => {
    it('finds one error per column where new + carried ≠ total + forward', () => {
      const report = validReport(edition, { cells: { 's3.forward.legalService': 2, 's3.forward.total': 3 } });
      const findings = findingsOf('S3-BALANCE', report);
      expect(findings).toEqual([
        {
          rule: 'S3-BALANCE',
          severity: 'error',
          cells: [
            's3.new.legalService',
            's3.carried.legalService',
            's3.total.legalService',
            's3.forward.legalService',
          ],
          expected: 1,
          actual: 3,
          message:
            "第三部分'法律服务机构'列：本年新收(1)+上年结转(0)=1，但办理结果总计(1)+结转下年度(2)=3，不符合勾稽关系",
        },
        expect.objectContaining({
          cells: expect.arrayContaining(['s3.forward.total']),
          expected: 6,
          actual: 8,
        }),
      ]);
    });

    it('takes no blank for an error by itself, and fails a side that exceeds the other even so', () => {
      const blank = validReport(edition, { cells: { 's3.carried.natural': null } });
      expect(findingsOf('S3-BALANCE', blank)).toEqual([]);
      const over = validReport(edition, { cells: { 's3.carried.natural': null, 's3.new.natural': 6 } });
      expect(findingsOf('S3-BALANCE', over)).toEqual([
        expect.objectContaining({
          expected: 6,
          actual: 4,
          message:
            "第三部分'自然人'列：本年新收(6)+上年结转(空白)=6，但办理结果总计(3)+结转下年度(1)=4，不符合勾稽关系（空白单元格按0计）",
        }),
      ]);
      const bothSides = validReport(edition, {
        cells: { 's3.carried.natural': null, 's3.forward.natural': null },
      });
      expect(findingsOf('S3-BALANCE', bothSides)).toEqual([]);
    });

    it('does not check a column whose total and forward are both blank, or one that is missing', () => {
      const blank = validReport(edition, { cells: { 's3.total.natural': null, 's3.forward.natural': null } });
      expect(findingsOf('S3-BALANCE', blank)).toEqual([]);
      const cut = withoutCells(validReport(edition, { cells: { 's3.new.natural': 7 } }), (k) =>
        k.startsWith('s3.forward.'),
      );
      expect(findingsOf('S3-BALANCE', cut)).toEqual([]);
    });
  });
});
