import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport } from '../../../src/reports/parse/extract/index.ts';
import { readText } from '../../../src/reports/parse/formats/text.ts';
import { FIXTURES, rowsToCells, S3_KEYS, S4_KEYS } from './expected-cells.ts';

const parseFixture = (name: string) => {
  const result = extractReport(readText(readFileSync(new URL(name, FIXTURES), 'utf8')));
  if (!result.ok) throw new Error(result.error);
  return result;
};

describe('gulou-2019.txt (Word text dump, 2019 edition, whole)', () => {
  const { report, diagnostics } = parseFixture('gulou-2019.txt');

  it('finds edition, year and agency in the title', () => {
    expect(report.edition).toBe('2019');
    expect(report.year).toBe(2019);
    expect(report.agency).toBe('鼓楼区人民政府');
  });

  it('reads every cell of sections 二, 三 and 四 as printed', () => {
    const expected = {
      ...rowsToCells('s2', ['made', 'published', 'total'], { rules: [0, 0, 0], normativeDocs: [0, 0, 0] }),
      ...rowsToCells('s2', ['prevItems', 'change', 'decisions'], {
        licensing: [58, 14, 318],
        otherServices: [117, 21, 254],
        penalty: [1066, 112, 2816],
        coercion: [36, 24, 60],
      }),
      ...rowsToCells('s2', ['prevItems', 'change'], { fees: [5, 0] }),
      ...rowsToCells('s2', ['projects', 'amountWan'], { procurement: [95, 6356.8] }),
      ...rowsToCells('s3', S3_KEYS, {
        new: [25, 0, 0, 0, 0, 2, 27],
        carried: [0, 0, 0, 0, 0, 0, 0],
        granted: [25, 0, 0, 0, 0, 0, 25],
        partial: [0, 0, 0, 0, 0, 0, 0],
        'withheld.stateSecret': [0, 0, 0, 0, 0, 0, 0],
        'withheld.lawForbids': [0, 0, 0, 0, 0, 0, 0],
        'withheld.safetyStability': [0, 0, 0, 0, 0, 0, 0],
        'withheld.thirdParty': [0, 0, 0, 0, 0, 0, 0],
        'withheld.internal': [0, 0, 0, 0, 0, 0, 0],
        'withheld.process': [0, 0, 0, 0, 0, 0, 0],
        'withheld.enforcementFile': [0, 0, 0, 0, 0, 0, 0],
        'withheld.query': [0, 0, 0, 0, 0, 0, 0],
        'unable.notHeld': [0, 0, 0, 0, 0, 1, 1],
        'unable.needsCreation': [0, 0, 0, 0, 0, 1, 1],
        'unable.stillUnclear': [0, 0, 0, 0, 0, 0, 0],
        'rejected.petition': [0, 0, 0, 0, 0, 0, 0],
        'rejected.repeated': [0, 0, 0, 0, 0, 0, 0],
        'rejected.publication': [0, 0, 0, 0, 0, 0, 0],
        'rejected.massRepeated': [0, 0, 0, 0, 0, 0, 0],
        'rejected.confirmation': [0, 0, 0, 0, 0, 0, 0],
        other: [0, 0, 0, 0, 0, 0, 0],
        total: [15, 0, 0, 0, 0, 2, 17],
        forward: [0, 0, 0, 0, 0, 0, 0],
      }),
      ...rowsToCells('s4', S4_KEYS, {
        reconsideration: [0, 0, 0, 3, 3],
        litigationDirect: [6, 1, 0, 0, 7],
        litigationAfterReview: [0, 0, 0, 0, 0],
      }),
    };
    expect(Object.keys(expected)).toHaveLength(22 + 23 * 7 + 15);
    expect(report.cells).toEqual(expected);
  });

  it('maps the six parts, keeping the headings the report uses', () => {
    expect(report.narrative.map((n) => [n.section, n.heading])).toEqual([
      [1, '总体情况'],
      [2, '主动公开政府信息情况'],
      [3, '收到和处理政府信息公开申请情况'],
      [4, '政府信息公开行政复议、行政诉讼情况'],
      [5, '存在的问题与不足'],
      [6, '下一步工作打算'],
    ]);
    const first = report.narrative[0]?.text ?? '';
    expect(first).toContain('共受理依申请公开27件');
    expect(first).not.toContain('[bookmark');
    expect(report.narrative[5]?.text).toContain('重点抓好以下工作');
  });

  it('has nothing to say about a whole, readable document', () => {
    expect(diagnostics).toEqual([]);
  });
});

describe('hanyang-2022-partial.txt (one cell per line, 2021 edition, cut after row 二 of 三)', () => {
  const { report, diagnostics } = parseFixture('hanyang-2022-partial.txt');

  it('finds the edition and the year; the text names no agency', () => {
    expect(report.edition).toBe('2021');
    expect(report.year).toBe(2022);
    expect(report.agency).toBeNull();
  });

  it('reads what is there, keeps the blank cell blank and leaves the rest out', () => {
    expect(report.cells).toEqual({
      ...rowsToCells('s2', ['issued', 'repealed', 'inForce'], {
        rules: [0, 0, null],
        normativeDocs: [5, 12, 8],
      }),
      's2.licensing.decisions': 0,
      's2.penalty.decisions': 0,
      's2.coercion.decisions': 0,
      's2.fees.amountWan': 0,
      ...rowsToCells('s3', S3_KEYS, { new: [8, 0, 0, 0, 0, 0, 8], carried: [0, 0, 0, 0, 0, 0, 0] }),
    });
  });

  it('says where the text was cut off', () => {
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        level: 'warning',
        cell: 's3.granted.natural',
        message: expect.stringContaining('截断'),
      }),
    );
  });

  it('keeps the narrative of part 三 without table text', () => {
    const s3 = report.narrative.find((n) => n.section === 3);
    expect(s3?.text).toBe(
      '2022年,区政府办公室共收到8份政府信息公开申请,均为自然人申请。其中,予以公开2件,部分公开2件,属于四类过程性性信息1件,本办不掌握相关政府信息2件,其他1件(申请人自主撤销)。无下年度结转。',
    );
  });
});

describe('longgang-department-2024-partial.txt (one row per line, cut inside row 7 of 不予公开)', () => {
  const { report, diagnostics } = parseFixture('longgang-department-2024-partial.txt');

  it('reads edition and year from the tables and the period', () => {
    expect(report.edition).toBe('2021');
    expect(report.year).toBe(2024);
    expect(report.agency).toBeNull();
  });

  it('reads every cell up to the cut and no further', () => {
    const zero = [0, 0, 0, 0, 0, 0, 0];
    expect(report.cells).toEqual({
      ...rowsToCells('s2', ['issued', 'repealed', 'inForce'], {
        rules: [0, 0, 0],
        normativeDocs: [5, 1, 25],
      }),
      's2.licensing.decisions': 0,
      's2.penalty.decisions': 0,
      's2.coercion.decisions': 0,
      's2.fees.amountWan': 0,
      ...rowsToCells('s3', S3_KEYS, {
        new: [58, 7, 0, 0, 1, 0, 66],
        carried: [2, 0, 0, 0, 0, 0, 2],
        granted: [2, 1, 0, 0, 0, 0, 3],
        partial: [16, 1, 0, 0, 0, 0, 17],
        'withheld.stateSecret': zero,
        'withheld.lawForbids': zero,
        'withheld.safetyStability': zero,
        'withheld.thirdParty': zero,
        'withheld.internal': [1, 0, 0, 0, 0, 0, 1],
        'withheld.process': zero,
        'withheld.enforcementFile': [0, 0, 0, 0, 0, 0],
      }),
    });
    expect(report.cells).not.toHaveProperty(['s3.withheld.enforcementFile.total']);
    expect(diagnostics).toEqual([
      expect.objectContaining({ level: 'warning', cell: 's3.withheld.enforcementFile.total' }),
    ]);
  });
});

describe('donghu-office-2025-partial.txt (one cell per paragraph, cut in the header of 三)', () => {
  const { report, diagnostics } = parseFixture('donghu-office-2025-partial.txt');

  it('reads title, edition and section 二 from paragraphs', () => {
    expect(report.edition).toBe('2021');
    expect(report.year).toBe(2025);
    expect(report.agency).toBe('武汉市东湖生态旅游风景区城乡工作办事处');
    expect(report.cells).toEqual({
      ...rowsToCells('s2', ['issued', 'repealed', 'inForce'], { rules: [0, 0, 0], normativeDocs: [0, 0, 0] }),
      's2.licensing.decisions': 0,
      's2.penalty.decisions': 0,
      's2.coercion.decisions': 0,
      's2.fees.amountWan': 0,
    });
  });

  it('never takes a header word for a row, and says where the text stops', () => {
    expect(Object.keys(report.cells).some((k) => k.startsWith('s3.'))).toBe(false);
    expect(diagnostics).toContainEqual(expect.objectContaining({ cell: 's3.new.natural' }));
  });

  it('keeps the narrative of part 一 and leaves table words out of part 二', () => {
    expect(report.narrative[0]?.text).toContain('主动公开政府信息87条');
    expect(report.narrative.find((n) => n.section === 2)?.text).toBe('');
  });
});
