import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/reports/model/report.ts';
import { type AuditFileResult, renderAuditHtml } from '../../../src/reports/render/audit-html.ts';
import { validReport } from '../factories.ts';
import { loadHtml } from './html-grid.ts';

const error: Finding = {
  rule: 'S3-BALANCE',
  severity: 'error',
  cells: ['s3.new.total', 's3.carried.total', 's3.total.total', 's3.forward.total'],
  expected: 27,
  actual: 17,
  message: '本年新收加上年结转不等于办理总计加结转下年',
};
const warning: Finding = { rule: 'SECTIONS', severity: 'warning', cells: [], message: '缺少第六部分 <i>' };

const results: AuditFileResult[] = [
  {
    file: 'reports/a<b>.txt',
    status: 'parsed',
    report: validReport('2019'),
    findings: [error, warning],
    diagnostics: [{ level: 'info', message: '金额由“元”换算为“万元”', cell: 's2.procurement.amountWan' }],
  },
  { file: 'b.pdf', status: 'failed', findings: [], diagnostics: [], error: '无法识别 <script>x</script>' },
  { file: 'c.html', status: 'parsed', report: validReport('2021'), findings: [warning], diagnostics: [] },
];

describe('renderAuditHtml', () => {
  const html = renderAuditHtml(results);
  const $ = loadHtml(html);

  it('summarises every file: status, edition, year, agency, errors, warnings', () => {
    const rows = $('table.audit-summary tbody tr')
      .toArray()
      .map((tr) =>
        $(tr)
          .children()
          .toArray()
          .map((c) => $(c).text()),
      );
    expect(rows).toEqual([
      ['reports/a<b>.txt', '已解析', '2019年版', '2019', '示例区人民政府', '1', '1'],
      ['b.pdf', '解析失败', '—', '—', '—', '0', '0'],
      ['c.html', '已解析', '2021年版', '2021', '示例区人民政府', '0', '1'],
    ]);
  });

  it('shows each parsed report with its findings on the cells, and each failure’s error', () => {
    expect($('article.report')).toHaveLength(2);
    expect($('#file-1 td[data-cell="s3.new.total"]').hasClass('finding-error')).toBe(true);
    expect($('#file-1 td[data-cell="s3.new.total"] a').attr('href')).toBe('#file-1-finding-1');
    expect($('#file-1-finding-1').text()).toContain('S3-BALANCE');
    expect($('#file-1 ul.diagnostics').text()).toContain('金额由“元”换算为“万元” s2.procurement.amountWan');
    expect($('#file-2 .audit-error').text()).toBe('解析失败：无法识别 <script>x</script>');
    expect($('#file-2 article')).toHaveLength(0);
  });

  it('keeps every id unique and headings in order', () => {
    const ids = $('[id]')
      .toArray()
      .map((e) => $(e).attr('id'));
    expect(new Set(ids).size).toBe(ids.length);
    for (const [selector, level] of [
      ['#file-1 article .report-title', 'H3'],
      ['#file-1 article section > :first-child', 'H4'],
    ] as const) {
      expect($(selector).first().prop('tagName')).toBe(level);
    }
    for (const table of $('article table').toArray()) {
      expect($(`#${$(table).attr('aria-labelledby')}`)).toHaveLength(1);
    }
  });

  it('escapes file names, messages and errors, and has no script', () => {
    expect($('script')).toHaveLength(0);
    expect($('i')).toHaveLength(0);
    expect(html).toContain('reports/a&lt;b&gt;.txt');
  });

  it('renders an empty audit', () => {
    expect(loadHtml(renderAuditHtml([]))('table.audit-summary tbody tr')).toHaveLength(0);
  });
});
