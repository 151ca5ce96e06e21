import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NarrativeSection, Report } from '../../../src/reports/model/report.ts';
import { extractReport } from '../../../src/reports/parse/extract/index.ts';
import { readText } from '../../../src/reports/parse/formats/text.ts';
import { findNarrativeFigures } from '../../../src/reports/validate/narrative-figures.ts';
import { s4Rows, validReport, withoutCells } from '../factories.ts';
import { findingsOf } from './helpers.ts';

const FIXTURES = new URL('../../../../shared/fixtures/reports/', import.meta.url);

/** The narrative of a real report, as the parser reads it. */
const narrativeOf = (name: string): readonly NarrativeSection[] => {
  const parsed = extractReport(readText(readFileSync(new URL(name, FIXTURES), 'utf8')));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report.narrative;
};

const withText = (report: Report, text: string): Report => ({
  ...report,
  narrative: report.narrative.map((n) => (n.section === 1 ? { ...n, text } : n)),
});

describe('TEXT-FIGURE on real narratives', () => {
  const gulou = narrativeOf('gulou-2019.txt');
  /** gulou's own table figures: 27 new applications, 3 reconsiderations, 7 + 0 lawsuits. */
  const gulouTables = validReport('2019', {
    cells: {
      's3.new.total': 27,
      's3.carried.total': 0,
      ...s4Rows({ reconsideration: [0, 0, 0, 3, 3], litigationDirect: [6, 1, 0, 0, 7] }),
    },
  });

  it('reads gulou-2019\'s three figures, and not "其中信函申请26件" or "其中受理…27件"', () => {
    expect(findNarrativeFigures(gulou, 2019).map((f) => [f.measure, f.value, f.phrase])).toEqual([
      ['applications', 27, '受理依申请公开27件'],
      ['reconsideration', 3, '行政复议3件'],
      ['litigation', 7, '行政诉讼7件'],
    ]);
  });

  it('finds nothing in gulou-2019, whose narrative agrees with its tables', () => {
    expect(findingsOf('TEXT-FIGURE', { ...gulouTables, narrative: gulou })).toEqual([]);
  });

  it('finds each figure of gulou-2019 that the table contradicts', () => {
    const report: Report = {
      ...gulouTables,
      cells: { ...gulouTables.cells, 's3.new.total': 26, 's4.reconsideration.total': 4 },
      narrative: gulou,
    };
    expect(findingsOf('TEXT-FIGURE', report)).toEqual([
      {
        rule: 'TEXT-FIGURE',
        severity: 'warning',
        cells: ['s3.new.total'],
        expected: 26,
        actual: 27,
        message:
          "第一部分正文写明\"受理依申请公开27件\"，但第三部分表格'一、本年新收政府信息公开申请数量'行'总计'列为26，两者不一致",
      },
      expect.objectContaining({ cells: ['s4.reconsideration.total'], expected: 4, actual: 3 }),
    ]);
  });

  it('reads "共收到8份政府信息公开申请" in hanyang-2022', () => {
    const narrative = narrativeOf('hanyang-2022-partial.txt');
    const report = (total: number): Report => ({
      ...validReport('2021', { year: 2022, cells: { 's3.new.total': total, 's3.carried.total': 0 } }),
      narrative,
    });
    expect(findingsOf('TEXT-FIGURE', report(8))).toEqual([]);
    expect(findingsOf('TEXT-FIGURE', report(9))).toEqual([
      expect.objectContaining({
        cells: ['s3.new.total'],
        expected: 9,
        actual: 8,
        message: expect.stringContaining('第三部分正文写明"收到8份政府信息公开申请"'),
      }),
    ]);
  });

  it('reads "全年无因政府信息公开申请引起的行政复议和行政诉讼" in donghu-2025 as 0 and 0', () => {
    const narrative = narrativeOf('donghu-office-2025-partial.txt');
    expect(findNarrativeFigures(narrative, 2025).map((f) => [f.measure, f.value])).toEqual([
      ['applications', 2],
      ['reconsideration', 0],
      ['litigation', 0],
    ]);
    // "收到公民提出的政府信息公开申请2份" too: the table says 2.
    const base = validReport('2021', { year: 2025, cells: { 's3.new.total': 2 } });
    const none = {
      ...base,
      narrative,
      cells: { ...base.cells, ...s4Rows({ reconsideration: [0, 0, 0, 0, 0] }) },
    };
    const noneAtAll = { ...none, cells: { ...none.cells, ...s4Rows({ litigationDirect: [0, 0, 0, 0, 0] }) } };
    expect(findingsOf('TEXT-FIGURE', noneAtAll)).toEqual([]);
    expect(findingsOf('TEXT-FIGURE', { ...base, narrative })).toEqual([
      expect.objectContaining({ cells: ['s4.reconsideration.total'], expected: 2, actual: 0 }),
      expect.objectContaining({
        cells: ['s4.litigationDirect.total', 's4.litigationAfterReview.total'],
        expected: 1,
        actual: 0,
      }),
    ]);
  });

  it('compares nothing where the table cells are missing (donghu-2025 is cut before them)', () => {
    const narrative = narrativeOf('donghu-office-2025-partial.txt');
    const cut = withoutCells(validReport('2021', { year: 2025, cells: { 's3.new.total': 5 } }), (k) =>
      /^s[34]\./.test(k),
    );
    expect(findingsOf('TEXT-FIGURE', { ...cut, narrative })).toEqual([]);
  });
});

describe('TEXT-FIGURE on phrases', () => {
  const check = (text: string): number[] =>
    findingsOf('TEXT-FIGURE', withText(validReport('2021'), text)).map((f) => f.actual ?? Number.NaN);

  it('compares the whole count, and accepts new + carried for 受理/收到', () => {
    // The factory's tables: 5 new + 1 carried applications, 2 reconsiderations, 1 + 0 lawsuits.
    expect(check('全年共收到政府信息公开申请5件。')).toEqual([]);
    expect(check('全年共受理政府信息公开申请6件（含上年结转1件）。')).toEqual([]);
    expect(check('全年共收到政府信息公开申请7件。')).toEqual([7]);
    expect(check('发生行政复议2件，行政诉讼1件。')).toEqual([]);
    expect(check('发生行政复议案件共4件，行政诉讼1件。')).toEqual([4]);
    expect(check('发生行政复议2件，行政诉讼3起。')).toEqual([3]);
  });

  it('skips parts of the whole, other years and ambiguous figures', () => {
    expect(check('共受理申请5件，其中信函申请26件，网上申请3件。')).toEqual([]);
    expect(check('其中，收到自然人政府信息公开申请9件。')).toEqual([]);
    expect(check('收到法人或其他组织政府信息公开申请9件。')).toEqual([]);
    expect(check('2020年共收到政府信息公开申请9件。')).toEqual([]);
    expect(check('较上年共收到政府信息公开申请9件有所增加。')).toEqual([]);
    expect(check('收到3份申请人补正材料。')).toEqual([]);
    expect(check('上半年收到申请7件；下半年收到申请9件。')).toEqual([]);
    expect(check('其中未经复议直接起诉的行政诉讼4件。')).toEqual([]);
    expect(check('无行政复议和行政诉讼被纠错的情况。')).toEqual([]);
  });
});
