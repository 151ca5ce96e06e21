import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/reports/model/report.ts';
import { mentionsFees } from '../../../src/reports/validate/content-fees.ts';
import { validReport } from '../factories.ts';
import { findingsOf } from './helpers.ts';

const sectionsOnly = (report: Report, numbers: readonly number[]): Report => ({
  ...report,
  narrative: numbers.flatMap((n) => report.narrative.filter((s) => s.section === n)),
});

describe('EDITION-YEAR', () => {
  it('accepts 2019 for 2019–2020 and 2021 from 2021', () => {
    for (const [edition, year] of [
      ['2019', 2019],
      ['2019', 2020],
      ['2021', 2021],
      ['2021', 2030],
    ] as const) {
      expect(findingsOf('EDITION-YEAR', validReport(edition, { year }))).toEqual([]);
    }
  });

  it('warns when the edition does not fit the year', () => {
    expect(findingsOf('EDITION-YEAR', validReport('2019', { year: 2022 }))).toEqual([
      {
        rule: 'EDITION-YEAR',
        severity: 'warning',
        cells: [],
        message:
          '报告年度为2022年，应使用2021年版格式（国办公开办函〔2021〕30号），但本报告使用2019年版格式（国办公开办函〔2019〕60号）',
      },
    ]);
    expect(findingsOf('EDITION-YEAR', validReport('2021', { year: 2020 }))).toHaveLength(1);
  });

  it('warns for a year before either format existed, and says nothing without a year', () => {
    expect(findingsOf('EDITION-YEAR', validReport('2019', { year: 2018 }))[0]?.message).toContain(
      '年度报告格式自2019年度起才使用',
    );
    expect(findingsOf('EDITION-YEAR', validReport('2019', { year: null }))).toEqual([]);
  });
});

describe('SECTIONS', () => {
  it('says nothing when the six sections come in order', () => {
    expect(findingsOf('SECTIONS', validReport('2019'))).toEqual([]);
  });

  it('lists the missing sections in one warning', () => {
    expect(findingsOf('SECTIONS', sectionsOnly(validReport('2021'), [1, 2, 3]))).toEqual([
      {
        rule: 'SECTIONS',
        severity: 'warning',
        cells: [],
        message:
          "报告缺少第四部分'政府信息公开行政复议、行政诉讼情况'、第五部分'存在的主要问题及改进情况'、第六部分'其他需要报告的事项'",
      },
    ]);
  });

  it('warns when the sections are out of order or repeated', () => {
    expect(findingsOf('SECTIONS', sectionsOnly(validReport('2019'), [1, 3, 2, 4, 5, 6]))).toEqual([
      expect.objectContaining({
        message:
          '报告各部分顺序为第一部分、第三部分、第二部分、第四部分、第五部分、第六部分，应按第一至第六部分依次排列且不重复',
      }),
    ]);
    expect(findingsOf('SECTIONS', sectionsOnly(validReport('2019'), [1, 2, 3, 3, 4, 5, 6]))).toHaveLength(1);
  });
});

describe('CONTENT-FEES', () => {
  const withSix = (text: string): Report => {
    const report = validReport('2021');
    return { ...report, narrative: report.narrative.map((n) => (n.section === 6 ? { ...n, text } : n)) };
  };

  it('says nothing when section 六 speaks of the fee', () => {
    expect(findingsOf('CONTENT-FEES', withSix('本年度未收取信息处理费。'))).toEqual([]);
    expect(findingsOf('CONTENT-FEES', withSix('本机关依申请提供政府信息，未收取任何费用。'))).toEqual([]);
  });

  it('warns when section 六 does not say whether fees were charged', () => {
    expect(findingsOf('CONTENT-FEES', withSix('无其他需要报告的事项。'))).toEqual([
      {
        rule: 'CONTENT-FEES',
        severity: 'warning',
        cells: [],
        message: '第六部分（其他需要报告的事项）未说明本年度是否收取信息处理费（2021年版格式要求说明）',
      },
    ]);
  });

  it('warns when section 六 is missing, and only for the 2021 edition', () => {
    expect(
      findingsOf('CONTENT-FEES', sectionsOnly(validReport('2021'), [1, 2, 3, 4, 5]))[0]?.message,
    ).toContain('报告缺少第六部分');
    expect(findingsOf('CONTENT-FEES', sectionsOnly(validReport('2019'), [1, 2, 3, 4, 5]))).toEqual([]);
  });

  it('does not take 经费 for a fee', () => {
    expect(mentionsFees('已收到上级拨付的工作经费。')).toBe(false);
    expect(mentionsFees('本年度无收费情况。')).toBe(true);
  });
});
