import { describe, expect, it } from 'vitest';
import { isCountyOrAboveGovernment, reportDeadline } from '../../../src/reports/validate/late.ts';
import { validReport } from '../factories.ts';
import { findingsOf } from './helpers.ts';

describe('the deadline (条例第四十九条)', () => {
  it("is 31 March for a people's government of county level or above", () => {
    expect(reportDeadline('鼓楼区人民政府', 2019)).toBe('2020-03-31');
    expect(reportDeadline('武汉市人民政府', 2024)).toBe('2025-03-31');
  });

  it('is 31 January for departments, offices, townships and sub-districts', () => {
    for (const agency of [
      '武汉市汉阳区人民政府办公室',
      '深圳市龙岗区教育局',
      '武汉市东湖生态旅游风景区城乡工作办事处',
      '某某镇人民政府',
      '某某民族乡人民政府',
      '某某街道办事处',
    ]) {
      expect(isCountyOrAboveGovernment(agency)).toBe(false);
      expect(reportDeadline(agency, 2024)).toBe('2025-01-31');
    }
  });
});

describe('LATE', () => {
  const government = validReport('2021', { year: 2024, agency: '某某区人民政府' });
  const office = validReport('2021', { year: 2024, agency: '某某区人民政府办公室' });

  it('accepts a report published on the deadline', () => {
    expect(findingsOf('LATE', government, { publishedOn: '2025-03-31' })).toEqual([]);
    expect(findingsOf('LATE', office, { publishedOn: '2025-01-31' })).toEqual([]);
  });

  it('warns for a report published the day after', () => {
    expect(findingsOf('LATE', government, { publishedOn: '2025-04-01' })).toEqual([
      {
        rule: 'LATE',
        severity: 'warning',
        cells: [],
        message:
          '报告于2025-04-01公布，晚于法定期限2025-03-31（《政府信息公开条例》第四十九条：县级以上人民政府的2024年度报告应于2025-03-31前公布）',
      },
    ]);
    expect(findingsOf('LATE', office, { publishedOn: '2025-02-01' })).toHaveLength(1);
  });

  it('is not evaluated without a valid date, a year or an agency', () => {
    expect(findingsOf('LATE', office)).toEqual([]);
    expect(findingsOf('LATE', office, { publishedOn: '2025-02-30' })).toEqual([]);
    expect(findingsOf('LATE', { ...office, agency: null }, { publishedOn: '2026-01-01' })).toEqual([]);
    expect(findingsOf('LATE', { ...office, year: null }, { publishedOn: '2026-01-01' })).toEqual([]);
  });
});
