import { describe, expect, it } from 'vitest';
import { validReport, withoutCells } from '../factories.ts';
import { findingsOf } from './helpers.ts';

describe('XYEAR-CARRY', () => {
  const previous = validReport('2019', { year: 2020 });

  it("finds one warning per column whose 上年结转 is not last year's 结转下年度", () => {
    // 2020 (2019 edition) carried 1 自然人 forward; the 2021 report says 3.
    const report = validReport('2021', {
      year: 2021,
      cells: { 's3.carried.natural': 3, 's3.carried.total': 3 },
    });
    expect(findingsOf('XYEAR-CARRY', report, { previous })).toEqual([
      {
        rule: 'XYEAR-CARRY',
        severity: 'warning',
        cells: ['s3.carried.natural', 's3.forward.natural'],
        expected: 1,
        actual: 3,
        message:
          "第三部分'自然人'列：本年度'二、上年结转政府信息公开申请数量'为3，但2020年度报告'四、结转下年度继续办理'为1（第二个单元格指2020年度报告的单元格）",
      },
      expect.objectContaining({ cells: ['s3.carried.total', 's3.forward.total'], expected: 1, actual: 3 }),
    ]);
  });

  it('holds when the figures carry over', () => {
    expect(findingsOf('XYEAR-CARRY', validReport('2021', { year: 2021 }), { previous })).toEqual([]);
  });

  it('is not evaluated without the year just before, or with a cell missing or blank', () => {
    const report = validReport('2021', { year: 2022, cells: { 's3.carried.natural': 3 } });
    expect(findingsOf('XYEAR-CARRY', report, { previous })).toEqual([]);
    const next = { ...report, year: 2021 };
    expect(findingsOf('XYEAR-CARRY', next)).toEqual([]);
    const cut = withoutCells(previous, (k) => k === 's3.forward.natural');
    expect(findingsOf('XYEAR-CARRY', next, { previous: cut })).toEqual([]);
    const blank = validReport('2019', { year: 2020, cells: { 's3.forward.natural': null } });
    expect(findingsOf('XYEAR-CARRY', next, { previous: blank })).toEqual([]);
  });
});

describe('XYEAR-INFORCE', () => {
  const previous = validReport('2021', { year: 2022, cells: { 's2.normativeDocs.inForce': 9 } });

  it("holds when 现行有效 = last year's + 制发 − 废止", () => {
    expect(findingsOf('XYEAR-INFORCE', validReport('2021', { year: 2023 }), { previous })).toEqual([]);
  });

  it('warns for each row that does not follow from last year', () => {
    const report = validReport('2021', { year: 2023, cells: { 's2.rules.issued': 2 } });
    expect(findingsOf('XYEAR-INFORCE', report, { previous })).toEqual([
      {
        rule: 'XYEAR-INFORCE',
        severity: 'warning',
        cells: ['s2.rules.inForce', 's2.rules.inForce', 's2.rules.issued', 's2.rules.repealed'],
        expected: 5,
        actual: 3,
        message:
          "第二部分'第二十条第（一）项'表格'规章'行：2022年度现行有效(3)+本年制发(2)-本年废止(0)=5，但本年度现行有效件数为3（第二个单元格指2022年度报告的单元格）",
      },
    ]);
  });

  it('counts a blank 现行有效 of last year as 0, as the hanyang report leaves it', () => {
    const blank = validReport('2021', {
      year: 2022,
      cells: { 's2.rules.inForce': null, 's2.normativeDocs.inForce': 9 },
    });
    expect(findingsOf('XYEAR-INFORCE', validReport('2021', { year: 2023 }), { previous: blank })).toEqual([
      expect.objectContaining({
        cells: expect.arrayContaining(['s2.rules.inForce']),
        expected: 0,
        actual: 3,
      }),
    ]);
  });

  it('needs the 2021 edition in both years, the year just before, and its cells', () => {
    const report = validReport('2021', { year: 2021, cells: { 's2.rules.issued': 2 } });
    expect(findingsOf('XYEAR-INFORCE', report, { previous: validReport('2019', { year: 2020 }) })).toEqual(
      [],
    );
    expect(findingsOf('XYEAR-INFORCE', { ...report, year: 2024 }, { previous })).toEqual([]);
    const cut = withoutCells(previous, (k) => k.startsWith('s2.'));
    expect(findingsOf('XYEAR-INFORCE', { ...report, year: 2023 }, { previous: cut })).toEqual([]);
  });
});
