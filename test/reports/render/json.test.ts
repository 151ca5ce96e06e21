import { describe, expect, it } from 'vitest';
import { readReportJson } from '../../../src/reports/model/report-json.ts';
import { renderReportJson } from '../../../src/reports/render/json.ts';
import { validReport, withoutCells } from '../factories.ts';

describe('renderReportJson', () => {
  const report = withoutCells(validReport('2019', { cells: { 's3.total.total': null } }), (k) =>
    k.startsWith('s4.'),
  );
  const text = renderReportJson(report);

  it('writes the interchange object, pretty-printed, with a final newline', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schema": "gongkai.annual-report/1",');
    const data = JSON.parse(text);
    expect(Object.keys(data)).toEqual(['schema', 'edition', 'year', 'agency', 'cells', 'narrative']);
    expect(data.cells['s3.total.total']).toBeNull();
    expect('s4.reconsideration.total' in data.cells).toBe(false);
  });

  it('reads back as the same report', () => {
    expect(readReportJson(text)).toEqual({ ok: true, report });
  });
});
