import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { toReportJson } from '../../src/reports/model/report.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { validReport } from '../reports/factories.ts';
import { ndjson, runCli, SAMPLE } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-render-'));

describe('gongkai report render', () => {
  it('prints the audited sample as HTML and DOCX that read back to the same cells', async () => {
    const audit = await runCli(['audit', SAMPLE, '--json']);
    const [line] = ndjson(audit.stdout);
    const file = join(dir, 'gulou.json');
    writeFileSync(file, JSON.stringify(line?.report));

    const html = await runCli(['report', 'render', file, '--to', 'html']);
    expect(html.code).toBe(0);
    expect(html.stdout).toContain('鼓楼区人民政府2019年政府信息公开工作年度报告');
    const docxFile = join(dir, 'gulou.docx');
    const docx = await runCli(['report', 'render', file, '--to', 'docx', '-o', docxFile]);
    expect(docx.code).toBe(0);
    const bytes = new Uint8Array(readFileSync(docxFile));
    expect(Object.keys(unzipSync(bytes))).toContain('word/document.xml');

    const expected = (line?.report as { cells: Record<string, number | null> } | undefined)?.cells;
    for (const rendered of [new TextEncoder().encode(html.stdout), bytes]) {
      const parsed = await parseReport(rendered);
      expect(parsed.ok && parsed.report.cells).toEqual(expected);
    }
  });

  it('prints the interchange JSON unchanged', async () => {
    const report = validReport('2021');
    const file = join(dir, 'valid.json');
    writeFileSync(file, JSON.stringify(toReportJson(report)));
    const json = await runCli(['report', 'render', file, '--to', 'json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(toReportJson(report));
  });

  it('names the bad field of a broken report, and refuses an unknown format', async () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({ ...toReportJson(validReport('2019')), cells: { 's3.bogus.total': 1 } }),
    );
    const bad = await runCli(['report', 'render', file, '--to', 'html']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('s3.bogus.total');
    expect((await runCli(['report', 'render', file, '--to', 'pdf'])).code).toBe(64);
  });
});
