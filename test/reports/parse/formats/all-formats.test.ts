import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../../../src/reports/parse/index.ts';
import { readFixture } from './gulou-expected.ts';

const GULOU_TXT = new URL('../../../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

/** The same real report in every shape the format fixtures hold reads to the same figures. */
describe('the gulou report in every format gives the cells of its text original', async () => {
  const original = await parseReport(new Uint8Array(readFileSync(GULOU_TXT)));
  if (!original.ok) throw new Error(original.error);

  it.each([
    ['gulou-2019.cms.utf8.html', 'html', '2020-01-20'],
    ['gulou-2019.cms.gbk.html', 'html', '2020-01-20'],
    ['gulou-2019.flattened.utf8.html', 'html', '2020-01-20'],
    ['gulou-2019.word-unicode-text.utf16le.txt', 'text', undefined],
    ['gulou-2019.docx-package.docx', 'docx', undefined],
    ['gulou-2019.libreoffice-from-html.docx', 'docx', '2020-01-20'],
    ['gulou-2019.libreoffice-from-docx.pdf', 'pdf', undefined],
    ['gulou-2019.chromium-print.pdf', 'pdf', '2020-01-20'],
  ])('%s', async (name, format, publishedOn) => {
    const parsed = await parseReport(readFixture(name));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.format).toBe(format);
    expect(parsed.publishedOn).toBe(publishedOn);
    expect(parsed.report.cells).toEqual(original.report.cells);
    expect(parsed.report.year).toBe(2019);
    expect(parsed.report.agency).toBe('鼓楼区人民政府');
    expect(parsed.report.narrative.map((n) => n.heading)).toEqual(
      original.report.narrative.map((n) => n.heading),
    );
  });
});
