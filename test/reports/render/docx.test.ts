import { describe, expect, it } from 'vitest';
import { editionCells } from '../../../src/reports/model/cells.ts';
import { EDITION_IDS } from '../../../src/reports/model/edition.ts';
import { EDITIONS } from '../../../src/reports/model/editions.ts';
import { renderReportDocx } from '../../../src/reports/render/docx.ts';
import { validReport, withoutCells } from '../factories.ts';
import { docxTables, loadXml, rowSpanOf, unzipDocx } from './docx-xml.ts';
import { S4_MERGES, s3Merges, TABLE_WIDTHS } from './form-merges.ts';

/** A4 width less the 28 mm and 26 mm side margins of GB/T 9704, in twips. */
const TEXT_WIDTH = 11906 - Math.round((28 / 25.4) * 1440) - Math.round((26 / 25.4) * 1440);

/** Every cell a value of its own (its position + 1), so that order and placement show. */
const numberedReport = (id: (typeof EDITION_IDS)[number]) => {
  const keys = editionCells(EDITIONS[id]).map((c) => c.key);
  return validReport(id, { cells: Object.fromEntries(keys.map((k, i) => [k, i + 1])) });
};

describe.each(EDITION_IDS)('DOCX of the %s edition', (id) => {
  const report = numberedReport(id);
  const docx = renderReportDocx(report).then((buffer) => unzipDocx(buffer));
  const tables = docx.then((part) => docxTables(loadXml(part('word/document.xml'))));

  it('has the three tables, each a rectangular grid filling the text width', async () => {
    const [s2, s3, s4] = await tables;
    for (const [table, width] of [
      [s2, TABLE_WIDTHS.s2],
      [s3, TABLE_WIDTHS.s3],
      [s4, TABLE_WIDTHS.s4],
    ] as const) {
      expect(table?.gridCols).toHaveLength(width);
      expect(table?.gridCols.reduce((a, b) => a + b, 0)).toBe(TEXT_WIDTH);
      for (const row of table?.rows ?? []) expect(row.reduce((n, c) => n + c.gridSpan, 0)).toBe(width);
    }
    expect(await tables).toHaveLength(3);
  });

  it('merges section 三 and 四 as the form, with w:gridSpan and w:vMerge', async () => {
    const [, s3, s4] = await tables;
    for (const [table, merges] of [
      [s3, s3Merges(id)],
      [s4, S4_MERGES],
    ] as const) {
      if (!table) throw new Error('table missing');
      for (const [text, rowSpan, colSpan] of merges) {
        const cell = table.rows.flat().find((c) => c.text === text);
        expect(cell && [text, rowSpanOf(table, cell), cell.gridSpan]).toEqual([text, rowSpan, colSpan]);
      }
      for (const cell of table.rows.flat().filter((c) => c.vMerge === 'continue')) {
        expect(cell.text).toBe('');
      }
    }
    const xml = (await docx)('word/document.xml');
    expect(xml).toContain('<w:vMerge w:val="restart"/>');
    expect(xml).toContain('<w:gridSpan w:val="3"/>');
  });

  it('prints every value in the form’s order, under the same labels', async () => {
    const all = (await tables).flatMap((t) => t.rows.flat().map((c) => c.text));
    const values = all.filter((t) => /^\d+$/.test(t));
    expect(values).toEqual(editionCells(EDITIONS[id]).map((_, i) => String(i + 1)));
    for (const table of EDITIONS[id].tables) {
      for (const label of [...table.rows.map((r) => r.label), ...table.columns.map((c) => c.label)]) {
        expect(all).toContain(label);
      }
    }
  });

  it('sets A4, the official fonts and their Noto fallback', async () => {
    const part = await docx;
    const xml = part('word/document.xml');
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(part('word/styles.xml')).toMatch(/<w:docDefaults>.*w:eastAsia="Noto Serif CJK SC"/s);
    const fonts = loadXml(part('word/fontTable.xml'));
    expect(fonts('w\\:font[w\\:name="仿宋_GB2312"] w\\:altName').attr('w:val')).toBe('Noto Serif CJK SC');
    expect(fonts('w\\:font[w\\:name="方正小标宋简体"] w\\:altName').attr('w:val')).toBe('Noto Serif CJK SC');
  });

  it('writes the title, the edition’s headings and one paragraph per narrative line', async () => {
    const $ = loadXml((await docx)('word/document.xml'));
    const paragraphs = $('w\\:body > w\\:p')
      .toArray()
      .map((p) => $(p).find('w\\:t').text())
      .filter((t) => t !== '');
    expect(paragraphs[0]).toBe(`示例区人民政府${report.year}年政府信息公开工作年度报告`);
    expect(paragraphs).toEqual(
      expect.arrayContaining(EDITIONS[id].sections.map((s) => `${s.numeral}、${s.heading}`)),
    );
    expect(paragraphs).toContain('本年度政府信息公开工作有序开展。');
  });
});

describe('DOCX cells and text', () => {
  it('leaves blank and missing cells empty', async () => {
    const report = withoutCells(validReport('2019', { cells: { 's3.new.total': null } }), (k) =>
      k.startsWith('s4.'),
    );
    const [, s3, s4] = docxTables(loadXml(unzipDocx(await renderReportDocx(report))('word/document.xml')));
    const newRow = s3?.rows.find((r) => r.some((c) => c.text === '一、本年新收政府信息公开申请数量'));
    expect(newRow?.at(-1)?.text).toBe('');
    expect(s4?.rows.at(-1)?.map((c) => c.text)).toEqual(Array.from({ length: 15 }, () => ''));
  });

  it('writes the six headings and no table for a report without an edition', async () => {
    const report = { edition: null, year: 2020, agency: null, cells: {}, narrative: [] };
    const $ = loadXml(unzipDocx(await renderReportDocx(report))('word/document.xml'));
    expect($('w\\:tbl')).toHaveLength(0);
    expect($('w\\:body > w\\:p').length).toBe(7);
  });

  it('keeps markup in user text as text', async () => {
    const evil = '<w:p>&"\'</w:p>';
    const report = validReport('2021', {
      agency: evil,
      narrative: [{ section: 1, heading: '', text: `a\n${evil}` }],
    });
    const $ = loadXml(unzipDocx(await renderReportDocx(report))('word/document.xml'));
    const texts = $('w\\:body > w\\:p')
      .toArray()
      .map((p) => $(p).find('w\\:t').text());
    expect(texts[0]).toBe(`${evil}2021年政府信息公开工作年度报告`);
    expect(texts).toContain(evil);
  });
});
