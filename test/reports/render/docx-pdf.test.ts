import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderReportDocx } from '../../../src/reports/render/docx.ts';
import { validReport } from '../factories.ts';

const run = promisify(execFile);
const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => existsSync(p));
const PDFTOTEXT = ['/usr/bin/pdftotext'].find((p) => existsSync(p));

/** Only where LibreOffice is installed (Debian libreoffice-writer-nogui); skipped elsewhere. */
describe.skipIf(SOFFICE === undefined)('the DOCX in LibreOffice', () => {
  it('converts to a PDF that carries the form’s text', async () => {
    if (!SOFFICE) return;
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-docx-'));
    try {
      const docx = join(dir, 'report.docx');
      writeFileSync(docx, await renderReportDocx(validReport('2021')));
      // A profile of its own, so that a LibreOffice already running elsewhere does not interfere.
      const profile = pathToFileURL(join(dir, 'profile')).href;
      await run(
        SOFFICE,
        ['--headless', `-env:UserInstallation=${profile}`, '--convert-to', 'pdf', '--outdir', dir, docx],
        {
          timeout: 90_000,
        },
      );
      const pdf = join(dir, 'report.pdf');
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      if (!PDFTOTEXT) return;
      const { stdout } = await run(PDFTOTEXT, ['-layout', pdf, '-']);
      for (const text of ['示例区人民政府2021年政府信息公开工作年度报告', '申请人情况', '未经复议直接起诉']) {
        expect(stdout.replace(/\s+/g, '')).toContain(text);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
