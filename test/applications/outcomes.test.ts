import { describe, expect, it } from 'vitest';
import {
  OUTCOME_DEFINITIONS,
  OUTCOMES,
  outcomeFamily,
  reportRowOf,
} from '../../src/applications/outcomes.ts';
import { outcomeRowKeys } from '../../src/reports/model/applications-table.ts';
import { EDITIONS, tableById } from '../../src/reports/model/editions.ts';
import { foldLabel, stripNumbering } from '../../src/reports/parse/extract/normalize.ts';

describe('the outcomes of an application', () => {
  it('are exactly the outcome rows of section 三 of the 2021 edition, in the form order and wording', () => {
    const table = tableById(EDITIONS['2021'], 's3');
    expect([...OUTCOMES]).toEqual(outcomeRowKeys(table));
    for (const outcome of OUTCOMES) {
      const row = table.rows.find((r) => r.key === outcome);
      const formLabel = stripNumbering(foldLabel(row?.label ?? ''));
      expect(formLabel.startsWith(foldLabel(OUTCOME_DEFINITIONS[outcome].label))).toBe(true);
    }
  });

  it('count in one row of each edition; the 2019 edition has one row for the three 其他处理', () => {
    const rows2019 = outcomeRowKeys(tableById(EDITIONS['2019'], 's3'));
    for (const outcome of OUTCOMES) expect(rows2019).toContain(reportRowOf(outcome, '2019'));
    expect(reportRowOf('other.noFee', '2019')).toBe('other');
    expect(reportRowOf('other.noFee', '2021')).toBe('other.noFee');
    expect(reportRowOf('partial', '2019')).toBe('partial');
  });

  it('each have a legal basis and a reason, and a family for the reply letter', () => {
    for (const outcome of OUTCOMES) {
      expect(OUTCOME_DEFINITIONS[outcome].basis).toMatch(/条例|办法/);
      expect(OUTCOME_DEFINITIONS[outcome].reason.length).toBeGreaterThan(10);
    }
    expect(outcomeFamily('withheld.thirdParty')).toBe('withheld');
    expect(outcomeFamily('other.noCorrection')).toBe('other');
    expect(outcomeFamily('granted')).toBe('granted');
  });
});
