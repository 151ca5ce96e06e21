import { describe, expect, it } from 'vitest';
import { S4_LITIGATION_LABEL } from '../../../src/reports/model/appeals-table.ts';
import { S3_HEADER } from '../../../src/reports/model/applications-table.ts';
import { editionCells } from '../../../src/reports/model/cells.ts';
import { EDITION_IDS } from '../../../src/reports/model/edition.ts';
import { EDITIONS } from '../../../src/reports/model/editions.ts';
import { renderReportHtml } from '../../../src/reports/render/html.ts';
import { validReport } from '../factories.ts';
import { S4_MERGES, s3Merges, TABLE_WIDTHS } from './form-merges.ts';
import { cellsWithText, expandTable, type Grid, loadHtml } from './html-grid.ts';

const only = (grid: Grid, text: string) => {
  const found = cellsWithText(grid, text);
  expect(found, text).toHaveLength(1);
  const [cell] = found;
  if (!cell) throw new Error(`no cell ${text}`);
  return cell;
};

describe.each(EDITION_IDS)('HTML layout of the %s edition', (id) => {
  const edition = EDITIONS[id];
  const $ = loadHtml(renderReportHtml(validReport(id)));
  const s2 = expandTable($, '#table-s2');
  const s3 = expandTable($, '#table-s3');
  const s4 = expandTable($, '#table-s4');

  it('draws every table as a rectangular grid once spans are expanded', () => {
    for (const [grid, width] of [
      [s2, TABLE_WIDTHS.s2],
      [s3, TABLE_WIDTHS.s3],
      [s4, TABLE_WIDTHS.s4],
    ] as const) {
      expect(grid.problems).toEqual([]);
      expect(new Set(grid.rowWidths)).toEqual(new Set([width]));
    }
  });

  it('prints the title, then the edition’s six headings in order', () => {
    expect($('h1').text()).toBe(`示例区人民政府${id === '2019' ? 2019 : 2021}年政府信息公开工作年度报告`);
    expect(
      $('h2')
        .toArray()
        .map((h) => $(h).text()),
    ).toEqual(edition.sections.map((s) => `${s.numeral}、${s.heading}`));
  });

  it('prints every row, column and group label of the edition exactly', () => {
    const headers = (grid: Grid) => new Set(grid.cells.filter((c) => c.tag === 'th').map((c) => c.text));
    const byTable = { 2: headers(s2), 3: headers(s3), 4: headers(s4) };
    for (const table of edition.tables) {
      const seen = byTable[table.section];
      const labels = [
        table.title,
        ...table.rows.flatMap((r) => [r.label, ...(r.groups ?? [])]),
        ...table.columns.map((c) => c.label),
      ].filter((l) => l !== '');
      for (const label of labels) expect(seen.has(label), `${table.id}: ${label}`).toBe(true);
    }
    expect(byTable[2].has('信息内容')).toBe(true);
    expect(byTable[4].has(S4_LITIGATION_LABEL)).toBe(true);
  });

  it('gives every cell of the edition a data-cell, in the form’s order', () => {
    const keys = $('td[data-cell]')
      .toArray()
      .map((td) => $(td).attr('data-cell'));
    expect(keys).toEqual(editionCells(edition).map((c) => c.key));
  });

  it('heads section 二 with one full-width caption per article item and 信息内容', () => {
    const items = edition.tables.filter((t) => t.section === 2);
    const captions = s2.cells.filter((c) => c.attrs.scope === 'rowgroup');
    expect(captions.map((c) => [c.text, c.colSpan, c.col])).toEqual(items.map((t) => [t.title, 4, 0]));
    expect(cellsWithText(s2, '信息内容')).toHaveLength(items.length);
    expect($('#table-s2 tbody')).toHaveLength(items.length);
  });

  it('widens the last column of the narrower items of section 二, as the form does', () => {
    const spanOf = (key: string) => s2.cells.find((c) => c.attrs['data-cell'] === key)?.colSpan;
    if (id === '2019') {
      expect([spanOf('s2.fees.prevItems'), spanOf('s2.fees.change')]).toEqual([1, 2]);
      expect([spanOf('s2.procurement.projects'), spanOf('s2.procurement.amountWan')]).toEqual([1, 2]);
      expect(spanOf('s2.penalty.decisions')).toBe(1);
    } else {
      expect(spanOf('s2.licensing.decisions')).toBe(3);
      expect(spanOf('s2.fees.amountWan')).toBe(3);
      expect(spanOf('s2.rules.inForce')).toBe(1);
    }
  });

  it('merges the header and row labels of section 三 exactly as the form', () => {
    for (const [text, rowSpan, colSpan] of s3Merges(id)) {
      const cell = only(s3, text);
      expect([text, cell.rowSpan, cell.colSpan]).toEqual([text, rowSpan, colSpan]);
    }
    expect(only(s3, S3_HEADER.balanceNote)).toMatchObject({ row: 0, col: 0 });
    expect(only(s3, '申请人情况')).toMatchObject({ row: 0, col: 3 });
    expect(only(s3, '自然人')).toMatchObject({ row: 1, col: 3 });
    expect(only(s3, '法人或其他组织')).toMatchObject({ row: 1, col: 4 });
    expect(cellsWithText(s3, '总计').map((c) => [c.row, c.col, c.rowSpan])).toEqual([[1, 9, 2]]);
    const third = s3.cells.filter((c) => c.row === 2).map((c) => [c.text, c.col]);
    expect(third).toEqual(
      ['商业企业', '科研机构', '社会公益组织', '法律服务机构', '其他'].map((t, i) => [t, 4 + i]),
    );
  });

  it('lets 三、本年度办理结果 run from （一）予以公开 down to （七）总计', () => {
    const results = only(s3, '三、本年度办理结果');
    expect(results.col).toBe(0);
    expect(only(s3, '（一）予以公开').row).toBe(results.row);
    expect(only(s3, '（七）总计').row).toBe(results.row + results.rowSpan - 1);
    expect(only(s3, '四、结转下年度继续办理').row).toBe(results.row + results.rowSpan);
  });

  it('puts each value of section 三 under its applicant column', () => {
    const columns = edition.tables.find((t) => t.section === 3)?.columns.map((c) => c.key) ?? [];
    const values = s3.cells.filter((c) => c.tag === 'td');
    expect(values).toHaveLength(columns.length * (s3.rowWidths.length - 3));
    for (const cell of values) {
      expect(cell.attrs['data-cell']?.split('.').at(-1)).toBe(columns[cell.col - 3]);
    }
  });

  it('sets section 四 side by side under its three-row header, with one row of 15 values', () => {
    for (const [text, rowSpan, colSpan] of S4_MERGES) {
      expect(only(s4, text)).toMatchObject({ rowSpan, colSpan });
    }
    expect(only(s4, '行政复议')).toMatchObject({ row: 0, col: 0, colSpan: 5, rowSpan: 1 });
    expect(only(s4, '行政诉讼')).toMatchObject({ row: 0, col: 5, colSpan: 10, rowSpan: 1 });
    expect(only(s4, '未经复议直接起诉')).toMatchObject({ row: 1, col: 5, colSpan: 5 });
    expect(only(s4, '复议后起诉')).toMatchObject({ row: 1, col: 10, colSpan: 5 });
    const results = ['结果维持', '结果纠正', '其他结果', '尚未审结', '总计'];
    const second = s4.cells.filter((c) => c.row === 1 && c.col < 5);
    expect(second.map((c) => [c.text, c.col, c.rowSpan])).toEqual(results.map((t, i) => [t, i, 2]));
    const third = s4.cells.filter((c) => c.row === 2);
    expect(third.map((c) => c.text)).toEqual([...results, ...results]);
    expect(third.map((c) => c.col)).toEqual(Array.from({ length: 10 }, (_, i) => 5 + i));
    const data = s4.cells.filter((c) => c.row === 3);
    const groups = ['reconsideration', 'litigationDirect', 'litigationAfterReview'];
    const columns = ['upheld', 'corrected', 'other', 'pending', 'total'];
    expect(data.map((c) => c.attrs['data-cell'])).toEqual(
      groups.flatMap((g) => columns.map((col) => `s4.${g}.${col}`)),
    );
  });

  it('is accessible: lang, scoped headers, tables named by their section heading', () => {
    expect($('html').attr('lang')).toBe('zh-CN');
    for (const th of $('table th').toArray()) {
      expect(['col', 'colgroup', 'row', 'rowgroup']).toContain($(th).attr('scope'));
    }
    for (const table of $('table').toArray()) {
      const heading = $(`#${$(table).attr('aria-labelledby')}`);
      expect(heading.prop('tagName')).toBe('H2');
    }
    expect($('script')).toHaveLength(0);
  });
});
