import { describe, expect, it } from 'vitest';
import { editionCells } from '../../../src/reports/model/cells.ts';
import { EDITIONS } from '../../../src/reports/model/editions.ts';
import { renderReportHtml } from '../../../src/reports/render/html.ts';
import { validReport, withoutCells } from '../factories.ts';
import { loadHtml } from './html-grid.ts';

const cellText = (html: string, key: string) => {
  const $ = loadHtml(html);
  const td = $(`td[data-cell="${key}"]`);
  return { text: td.text(), classes: td.attr('class') ?? '', aria: td.attr('aria-label') };
};

describe('values in the HTML tables', () => {
  it('prints each value in its own cell, in the form’s order', () => {
    const keys = editionCells(EDITIONS['2019']).map((c) => c.key);
    const report = validReport('2019', { cells: Object.fromEntries(keys.map((k, i) => [k, i + 1])) });
    const $ = loadHtml(renderReportHtml(report));
    const texts = $('td[data-cell]')
      .toArray()
      .map((td) => $(td).text());
    expect(texts).toEqual(keys.map((_, i) => String(i + 1)));
  });

  it('prints amounts with up to 4 decimals, signed changes, no separators or exponents', () => {
    const html = renderReportHtml(
      validReport('2019', {
        cells: {
          's2.procurement.amountWan': 6356.8,
          's2.licensing.change': -8,
          's2.penalty.prevItems': 1066,
          's3.new.natural': 1e21,
        },
      }),
    );
    expect(cellText(html, 's2.procurement.amountWan').text).toBe('6356.8');
    expect(cellText(html, 's2.licensing.change').text).toBe('-8');
    expect(cellText(html, 's2.penalty.prevItems').text).toBe('1066');
    expect(cellText(html, 's3.new.natural').text).toBe('1000000000000000000000');
    expect(cellText(renderReportHtml(validReport('2021')), 's2.fees.amountWan').text).toBe('0.5');
  });

  it('leaves a blank cell empty and unmarked', () => {
    const html = renderReportHtml(validReport('2021', { cells: { 's3.total.total': null } }));
    expect(cellText(html, 's3.total.total')).toEqual({ text: '', classes: '', aria: undefined });
  });

  it('leaves a missing cell empty too, marked by class and label, never by a "—" a parser would read as blank', () => {
    const report = withoutCells(validReport('2021'), (k) => k.startsWith('s4.litigationAfterReview.'));
    const $ = loadHtml(renderReportHtml(report));
    const missing = $('td.missing').toArray();
    expect(missing.map((td) => $(td).attr('data-cell'))).toEqual([
      's4.litigationAfterReview.upheld',
      's4.litigationAfterReview.corrected',
      's4.litigationAfterReview.other',
      's4.litigationAfterReview.pending',
      's4.litigationAfterReview.total',
    ]);
    for (const td of missing) {
      expect($(td).text()).toBe('');
      expect($(td).attr('aria-label')).toBe('缺失');
      expect($(td).attr('title')).toBe('文档中缺少此项');
    }
    expect($('td').text()).not.toMatch(/[—–\-/]/);
  });
});

describe('text of the HTML report', () => {
  it('leaves out an unknown agency or year from the title', () => {
    const title = (agency: string | null, year: number | null) =>
      loadHtml(renderReportHtml(validReport('2021', { agency, year })))('h1').text();
    expect(title('某局', 2022)).toBe('某局2022年政府信息公开工作年度报告');
    expect(title(null, 2022)).toBe('2022年政府信息公开工作年度报告');
    expect(title('某局', null)).toBe('某局政府信息公开工作年度报告');
    expect(title(null, null)).toBe('政府信息公开工作年度报告');
  });

  it('prints one paragraph per line of narrative, under the edition’s heading', () => {
    const report = validReport('2019', {
      narrative: [
        { section: 1, heading: '概述', text: '第一行\n\n  第二行  \r\n第三行' },
        { section: 5, heading: '存在的问题与不足', text: '问题' },
      ],
    });
    const $ = loadHtml(renderReportHtml(report));
    expect(
      $('#section-1 ~ p')
        .toArray()
        .map((p) => $(p).text()),
    ).toEqual(['第一行', '第二行', '第三行']);
    expect($('#section-5').text()).toBe('五、政府信息公开工作存在的主要问题及改进情况');
    expect($('#section-5').parent().find('p').text()).toBe('问题');
  });

  it('escapes user text: agency, narrative, headings never become markup', () => {
    const evil = '<script>alert("x")</script>&\'';
    const html = renderReportHtml(
      validReport('2019', { agency: evil, narrative: [{ section: 1, heading: evil, text: evil }] }),
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39;');
    const $ = loadHtml(html);
    expect($('script')).toHaveLength(0);
    expect($('h1').text()).toBe(`${evil}2019年政府信息公开工作年度报告`);
    expect($('title').text()).toBe(`${evil}2019年政府信息公开工作年度报告`);
    expect($('#section-1').parent().find('p').text()).toBe(evil);
  });

  it('makes a full A4 page by default and a bare article on request', () => {
    const report = validReport('2021');
    const page = renderReportHtml(report);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).toMatch(/@page \{ size: A4;/);
    expect(page).toContain('"方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", serif');
    expect(page).toContain('"仿宋_GB2312", "FangSong", "FangSong_GB2312", "Noto Serif CJK SC", serif');
    const article = renderReportHtml(report, { standalone: false });
    expect(article.startsWith('<article class="report" lang="zh-CN">')).toBe(true);
    expect(article).not.toContain('<style>');
    expect(page).toContain(article);
  });

  it('prints the six headings and no tables for a report without an edition', () => {
    const $ = loadHtml(
      renderReportHtml({ edition: null, year: 2020, agency: null, cells: {}, narrative: [] }),
    );
    expect($('h2')).toHaveLength(6);
    expect($('h2').last().text()).toBe('六、其他需要报告的事项');
    expect($('table')).toHaveLength(0);
  });
});
