import { describe, expect, it } from 'vitest';
import { cleanRichText, isSafeHref, sanitizeHtml } from '../../src/disclosure/sanitize-html.ts';

describe('the rich-text sanitiser', () => {
  it('removes scripts, styles, frames and what they hold', () => {
    const out = sanitizeHtml(
      '<p>前</p><script>alert(1)</script><style>p{color:red}</style><iframe src="https://x"><p>框</p></iframe>' +
        '<svg><script>alert(2)</script></svg><object data="x"></object><noscript><p>无</p></noscript><p>后</p>',
    );
    expect(out).toBe('<p>前</p><p>后</p>');
  });

  it('removes event handlers, styles, classes and unknown attributes', () => {
    const out = sanitizeHtml(
      '<p onclick="alert(1)" style="x" class="c" id="i">正文<strong onmouseover="x">重点</strong></p><img src=x onerror=alert(1)>',
    );
    expect(out).toBe('<p>正文<strong>重点</strong></p>');
  });

  it('removes javascript: and other unsafe link addresses, however they are spelt', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      '&#106;avascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
    ]) {
      expect(sanitizeHtml(`<a href="${href}">链接</a>`), href).toBe('链接');
    }
    expect(isSafeHref('https://www.gov.cn/x?a=1')).toBe(true);
    expect(isSafeHref('mailto:office@example.cn')).toBe(true);
    expect(isSafeHref('/agencies/1')).toBe(true);
    expect(isSafeHref('../a/b:c')).toBe(true);
    expect(isSafeHref('')).toBe(false);
    expect(sanitizeHtml('<a href="https://www.gov.cn/" target="_blank" onclick="x">中国政府网</a>')).toBe(
      '<a href="https://www.gov.cn/">中国政府网</a>',
    );
  });

  it('keeps tables with colspan and rowspan, and headings', () => {
    const html =
      '<h1>标题</h1><h2>一、概述</h2><h3>（一）</h3><h4>1.</h4>' +
      '<table border="1" style="x"><caption>表</caption><thead><tr><th colspan="2" scope="col" width="9">项目</th></tr></thead>' +
      '<tbody><tr><td rowspan="2" onclick="x">低保</td><td colspan="abc">100</td></tr></tbody></table>';
    expect(sanitizeHtml(html)).toBe(
      '<h2>标题</h2><h2>一、概述</h2><h3>（一）</h3><h4>1.</h4>' +
        '<table><caption>表</caption><thead><tr><th colspan="2" scope="col">项目</th></tr></thead>' +
        '<tbody><tr><td rowspan="2">低保</td><td>100</td></tr></tbody></table>',
    );
  });

  it('unwraps unknown elements, keeps lists and line breaks, escapes text', () => {
    expect(
      sanitizeHtml('<div>一段<span>文字</span></div><ul><li>甲</li></ul><ol><li>乙<br/>丙</li></ol>'),
    ).toBe('<p>一段文字</p><ul><li>甲</li></ul><ol><li>乙<br>丙</li></ol>');
    expect(sanitizeHtml('<p>a &lt;b&gt; &amp; "c"</p><!-- 注释 -->')).toBe('<p>a &lt;b&gt; &amp; "c"</p>');
    expect(sanitizeHtml('<p title="x&quot;y"><a href="/a?x=1&amp;y=&quot;2">链</a></p>')).toBe(
      '<p><a href="/a?x=1&amp;y=&quot;2">链</a></p>',
    );
  });

  it('is idempotent and gives the plain text a reader sees', () => {
    const html =
      '<h2>通知</h2><p>各  单位：</p><table><tr><td>低保</td><td>100元</td></tr></table><p>特此<br>通知</p>';
    const once = cleanRichText(html);
    expect(sanitizeHtml(once.html)).toBe(once.html);
    expect(once.text).toBe('通知\n各 单位：\n低保 100元\n特此\n通知');
  });
});
