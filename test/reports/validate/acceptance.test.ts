import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EDITION_2019 } from '../../../src/reports/model/editions.ts';
import type { Report } from '../../../src/reports/model/report.ts';
import { extractReport } from '../../../src/reports/parse/extract/index.ts';
import { readText } from '../../../src/reports/parse/formats/text.ts';
import { RULES, validateAcrossYears, validateReport } from '../../../src/reports/validate/index.ts';
import { rows, s3Rows, s4Rows, validReport } from '../factories.ts';

const FIXTURES = new URL('../../../../shared/fixtures/reports/', import.meta.url);

const zero = [0, 0, 0, 0, 0, 0, 0];

/** gulou-2019.txt's figures, copied from the printed tables by hand. */
const gulou: Report = {
  edition: '2019',
  year: 2019,
  agency: '鼓楼区人民政府',
  cells: {
    ...rows('s2', ['made', 'published', 'total'], { rules: [0, 0, 0], normativeDocs: [0, 0, 0] }),
    ...rows('s2', ['prevItems', 'change', 'decisions'], {
      licensing: [58, 14, 318],
      otherServices: [117, 21, 254],
      penalty: [1066, 112, 2816],
      coercion: [36, 24, 60],
    }),
    ...rows('s2', ['prevItems', 'change'], { fees: [5, 0] }),
    ...rows('s2', ['projects', 'amountWan'], { procurement: [95, 6356.8] }),
    ...s3Rows({
      new: [25, 0, 0, 0, 0, 2, 27],
      carried: zero,
      granted: [25, 0, 0, 0, 0, 0, 25],
      partial: zero,
      'withheld.stateSecret': zero,
      'withheld.lawForbids': zero,
      'withheld.safetyStability': zero,
      'withheld.thirdParty': zero,
      'withheld.internal': zero,
      'withheld.process': zero,
      'withheld.enforcementFile': zero,
      'withheld.query': zero,
      'unable.notHeld': [0, 0, 0, 0, 0, 1, 1],
      'unable.needsCreation': [0, 0, 0, 0, 0, 1, 1],
      'unable.stillUnclear': zero,
      'rejected.petition': zero,
      'rejected.repeated': zero,
      'rejected.publication': zero,
      'rejected.massRepeated': zero,
      'rejected.confirmation': zero,
      other: zero,
      total: [15, 0, 0, 0, 0, 2, 17],
      forward: zero,
    }),
    ...s4Rows({
      reconsideration: [0, 0, 0, 3, 3],
      litigationDirect: [6, 1, 0, 0, 7],
      litigationAfterReview: [0, 0, 0, 0, 0],
    }),
  },
  narrative: EDITION_2019.sections.map((s) => ({ section: s.number, heading: s.heading, text: '' })),
};

const OUTCOMES = [
  'granted',
  'partial',
  'withheld.stateSecret',
  'withheld.lawForbids',
  'withheld.safetyStability',
  'withheld.thirdParty',
  'withheld.internal',
  'withheld.process',
  'withheld.enforcementFile',
  'withheld.query',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.stillUnclear',
  'rejected.petition',
  'rejected.repeated',
  'rejected.publication',
  'rejected.massRepeated',
  'rejected.confirmation',
  'other',
];

/** The spec's table of the sample's errors, in the order the validator gives them. */
const GULOU_ERRORS = [
  {
    rule: 'S3-TOTAL-ROW',
    severity: 'error',
    cells: ['s3.total.natural', ...OUTCOMES.map((r) => `s3.${r}.natural`)],
    expected: 25,
    actual: 15,
    message: "第三部分表格'（七）总计'行'自然人'列为15，但各办理结果之和为25",
  },
  {
    rule: 'S3-TOTAL-ROW',
    severity: 'error',
    cells: ['s3.total.total', ...OUTCOMES.map((r) => `s3.${r}.total`)],
    expected: 27,
    actual: 17,
    message: "第三部分表格'（七）总计'行'总计'列为17，但各办理结果之和为27",
  },
  {
    rule: 'S3-BALANCE',
    severity: 'error',
    cells: ['s3.new.natural', 's3.carried.natural', 's3.total.natural', 's3.forward.natural'],
    expected: 25,
    actual: 15,
    message:
      "第三部分'自然人'列：本年新收(25)+上年结转(0)=25，但办理结果总计(15)+结转下年度(0)=15，不符合勾稽关系",
  },
  {
    rule: 'S3-BALANCE',
    severity: 'error',
    cells: ['s3.new.total', 's3.carried.total', 's3.total.total', 's3.forward.total'],
    expected: 27,
    actual: 17,
    message:
      "第三部分'总计'列：本年新收(27)+上年结转(0)=27，但办理结果总计(17)+结转下年度(0)=17，不符合勾稽关系",
  },
];

describe('the sample report (gulou-2019)', () => {
  it('gives exactly the four errors of the spec, and nothing else', () => {
    expect(validateReport(gulou)).toEqual(GULOU_ERRORS);
  });

  it('gives the same four errors, and no TEXT-FIGURE, when read from the published text', () => {
    const parsed = extractReport(readText(readFileSync(new URL('gulou-2019.txt', FIXTURES), 'utf8')));
    if (!parsed.ok) throw new Error(parsed.error);
    const findings = validateReport(parsed.report);
    expect(findings.filter((f) => f.severity === 'error')).toEqual(GULOU_ERRORS);
    expect(findings.filter((f) => f.rule === 'TEXT-FIGURE')).toEqual([]);
  });
});

describe.each(['2019', '2021'] as const)('a valid %s-edition report', (edition) => {
  it('breaks no rule', () => {
    expect(validateReport(validReport(edition))).toEqual([]);
  });

  it('breaks no rule beside a valid report of the year before, published in time', () => {
    const year = edition === '2019' ? 2020 : 2022;
    const report = validReport(edition, { year });
    // 现行有效件数 of the year before, so that this year's 制发 and 废止 lead to this year's.
    const previous = validReport(edition, { year: year - 1, cells: { 's2.normativeDocs.inForce': 9 } });
    expect(validateReport(report, { previous, publishedOn: `${year + 1}-01-15` })).toEqual([]);
  });
});

describe('RULES', () => {
  it('lists every rule of the spec once, plus S2-TOTAL-PUBLISHED', () => {
    expect(RULES.map((r) => r.id)).toEqual([
      'S3-TOTAL-ROW',
      'S3-TOTAL-COL',
      'S3-BALANCE',
      'S4-TOTAL',
      'S2-TOTAL-PUBLISHED',
      'CELL-FORMAT',
      'CELL-MISSING',
      'CELL-BLANK',
      'EDITION-YEAR',
      'TEXT-FIGURE',
      'XYEAR-CARRY',
      'XYEAR-INFORCE',
      'SECTIONS',
      'CONTENT-FEES',
      'LATE',
    ]);
  });

  it('gives the arithmetic rules and CELL-FORMAT the severity error, the others warning', () => {
    const errors = RULES.filter((r) => r.severity === 'error').map((r) => r.id);
    expect(errors).toEqual(['S3-TOTAL-ROW', 'S3-TOTAL-COL', 'S3-BALANCE', 'S4-TOTAL', 'CELL-FORMAT']);
  });

  it('says of a report without tables (images) only that the form its year owes is missing', () => {
    const report: Report = { ...gulou, edition: null, cells: {} };
    const findings = validateReport(report);
    expect(findings.every((f) => f.rule === 'CELL-MISSING')).toBe(true);
    // One finding per missing table of the 2019 form: five of section 二, 三, 四.
    expect(findings).toHaveLength(7);
    expect(validateReport({ ...report, year: null })).toEqual([]);
  });
});

describe('validateAcrossYears', () => {
  it('gives only the cross-year findings', () => {
    const report = validReport('2021', { year: 2022, cells: { 's3.carried.natural': 2 } });
    const previous = validReport('2021', { year: 2021 });
    // 行政规范性文件: 10 in force last year + 2 issued − 1 repealed is 11, not the 10 stated.
    expect(validateAcrossYears(report, previous).map((f) => f.rule)).toEqual([
      'XYEAR-CARRY',
      'XYEAR-INFORCE',
    ]);
  });
});
