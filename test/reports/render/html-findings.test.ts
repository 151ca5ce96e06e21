import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/reports/model/report.ts';
import { renderReportHtml } from '../../../src/reports/render/html.ts';
import { validReport } from '../factories.ts';
import { loadHtml } from './html-grid.ts';

const findings: Finding[] = [
  {
    rule: 'S3-TOTAL-ROW',
    severity: 'error',
    cells: ['s3.total.natural', 's3.granted.natural', 's3.partial.natural'],
    expected: 25,
    actual: 15,
    message: '“总计”与各项办理结果之和不符 <b>',
  },
  {
    rule: 'CELL-BLANK',
    severity: 'warning',
    cells: ['s3.total.natural', 's4.reconsideration.total'],
    message: '留空',
  },
  { rule: 'LATE', severity: 'warning', cells: [], message: '发布晚于 3 月 31 日' },
];

describe('findings on the HTML report', () => {
  const $ = loadHtml(renderReportHtml(validReport('2019'), { findings }));

  it('marks each cell a finding names with the gravest severity and a footnote link', () => {
    const total = $('td[data-cell="s3.total.natural"]');
    expect(total.hasClass('finding-error')).toBe(true);
    expect(
      total
        .find('sup.finding-ref a')
        .map((_, a) => $(a).attr('href'))
        .get(),
    ).toEqual(['#finding-1', '#finding-2']);
    // The cells an arithmetic finding checks the stated one against are outlined, not marked.
    expect($('td[data-cell="s3.granted.natural"]').attr('class')).toBe('finding-related');
    expect($('td[data-cell="s3.granted.natural"] sup')).toHaveLength(0);
    expect($('td[data-cell="s4.reconsideration.total"]').attr('class')).toBe('finding-warning');
    expect($('td[data-cell="s3.new.natural"]').attr('class')).toBeUndefined();
  });

  it('lists each finding once, under the first table it concerns, or under the title', () => {
    const listed = (selector: string) =>
      $(selector)
        .find('li')
        .map((_, li) => $(li).attr('id'))
        .get();
    expect(listed('#table-s3 + ol.findings')).toEqual(['finding-1', 'finding-2']);
    expect($('#table-s4 + ol.findings')).toHaveLength(0);
    expect(listed('h1 + ol.findings')).toEqual(['finding-3']);
    expect($('#finding-1').attr('value')).toBe('1');
    for (const a of $('sup.finding-ref a').toArray()) expect($($(a).attr('href'))).toHaveLength(1);
  });

  it('writes rule, severity, figures and an escaped message in the list', () => {
    const item = $('#finding-1');
    expect(item.text()).toContain('错误 S3-TOTAL-ROW “总计”与各项办理结果之和不符 <b>（应为 25，实为 15）');
    expect(item.find('b')).toHaveLength(0);
    expect(item.find('code').last().text()).toBe('s3.partial.natural');
  });

  it('adds nothing when there are no findings', () => {
    const plain = loadHtml(renderReportHtml(validReport('2019'), { findings: [] }));
    expect(plain('ol.findings, sup.finding-ref, [class*="finding-"]')).toHaveLength(0);
  });
});
