import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../src/reports/audit/audit-result.ts';
import { runAudit } from '../../../src/reports/audit/run-audit.ts';
import { renderReportHtml } from '../../../src/reports/render/html.ts';
import { validReport } from '../factories.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-xyear-'));
// 2021 carries 1 application of a natural person forward; 2022 says it carried over 4.
const y2021 = validReport('2021', { year: 2021, agency: '鼓楼区人民政府' });
const y2022 = validReport('2021', {
  year: 2022,
  agency: '鼓楼区人民政府',
  cells: { 's3.carried.natural': 4, 's3.new.natural': 0, 's3.new.total': 2, 's3.carried.total': 4 },
});
const other = validReport('2021', { year: 2021, agency: '龙亭区人民政府' });
const files = {
  a: join(dir, 'a-gulou-2021.html'),
  b: join(dir, 'b-gulou-2022.html'),
  c: join(dir, 'c-longting-2021.html'),
};
writeFileSync(files.a, renderReportHtml(y2021));
writeFileSync(files.b, renderReportHtml(y2022));
writeFileSync(files.c, renderReportHtml(other));

const audit = async (paths: string[]) => {
  const results: AuditResult[] = [];
  await runAudit(paths, { jobs: 2, onResult: (r) => results.push(r) });
  return results;
};

const rules = (r: AuditResult | undefined) => r?.findings.map((f) => f.rule) ?? [];

describe('cross-year rules in a batch', () => {
  it("compare a report with the same agency's previous year, read earlier in the batch", async () => {
    const [a, b, c] = await audit([files.a, files.b, files.c]);
    expect(rules(a)).not.toContain('XYEAR-CARRY');
    expect(rules(c)).not.toContain('XYEAR-CARRY');
    const carry = b?.findings.find((f) => f.rule === 'XYEAR-CARRY');
    expect(carry).toMatchObject({
      severity: 'warning',
      cells: ['s3.carried.natural', 's3.forward.natural'],
      expected: 1,
      actual: 4,
    });
  });

  it('leave another agency alone', async () => {
    const [c, b] = await audit([files.c, files.b]);
    expect(rules(c)).not.toContain('XYEAR-CARRY');
    expect(rules(b)).not.toContain('XYEAR-CARRY');
  });
});
