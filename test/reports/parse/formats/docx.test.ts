import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../../../src/reports/parse/document.ts';
import { readDocx } from '../../../../src/reports/parse/formats/docx.ts';
import {
  GULOU_PARAGRAPHS,
  paragraphs,
  readFixture,
  SECTION_2_PIECE_1,
  SECTION_2_PIECE_2,
  SECTION_3,
  SECTION_4,
  tables,
} from './gulou-expected.ts';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const docx = (body: string): Uint8Array =>
  zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ${W}><w:body>${body}</w:body></w:document>`,
    ),
  });

const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const tc = (inner: string, props = '') => `<w:tc><w:tcPr>${props}</w:tcPr>${inner}</w:tc>`;

/** Sets every size field of a zip's headers: a bomb that lies about how big it is. */
const claimSizes = (zip: Uint8Array, size: number): Uint8Array => {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
  }
  return out;
};

const refusal = (read: () => unknown): UnreadableDocumentError => {
  try {
    read();
  } catch (e) {
    if (e instanceof UnreadableDocumentError) return e;
    throw e;
  }
  throw new Error('read without error');
};

describe('readDocx on the gulou report as Word files', () => {
  it.each(['gulou-2019.docx-package.docx', 'gulou-2019.libreoffice-from-html.docx'])(
    '%s: the form tables, each merged cell once (w:vMerge continue left out, w:gridSpan once)',
    (name) => {
      const doc = readDocx(readFixture(name));
      expect(doc.format).toBe('docx');
      expect(tables(doc.blocks)).toEqual([SECTION_2_PIECE_1, SECTION_2_PIECE_2, SECTION_3, SECTION_4]);
      const texts = paragraphs(doc.blocks);
      for (const heading of GULOU_PARAGRAPHS) expect(texts).toContain(heading);
      expect(doc.diagnostics).toEqual([]);
    },
  );

  it('the package-written file: title first, narrative in order, no date printed', () => {
    const doc = readDocx(readFixture('gulou-2019.docx-package.docx'));
    expect(paragraphs(doc.blocks).slice(0, 3)).toEqual([
      '鼓楼区人民政府2019年政府信息公开工作年度报告',
      '一、总体情况',
      expect.stringMatching(/^根据《中华人民共和国政府信息公开条例》/),
    ]);
    expect(doc.publishedOn).toBeUndefined();
  });

  it('the LibreOffice conversion of the CMS page: its layout tables read through, its date found', () => {
    const doc = readDocx(readFixture('gulou-2019.libreoffice-from-html.docx'));
    expect(paragraphs(doc.blocks)).toContain('当前位置：首页 > 政务公开 > 政府信息公开年报');
    expect(doc.publishedOn).toBe('2020-01-20');
  });

  it('reads a report-sized DOCX fast enough for a batch (≥ 50 a second, loosely)', () => {
    const bytes = readFixture('gulou-2019.docx-package.docx');
    const started = performance.now();
    for (let i = 0; i < 50; i++) readDocx(bytes);
    expect(performance.now() - started).toBeLessThan(5000);
  });
});

describe('readDocx on the parts of document.xml', () => {
  it('keeps text in content controls, hyperlinks, insertions and field results; drops deletions, field codes, hidden text', () => {
    const doc = readDocx(
      docx(
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>控件</w:t></w:r></w:p></w:sdtContent></w:sdt>' +
          '<w:p><w:hyperlink r:id="rId5"><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:ins w:id="1"><w:r><w:t>插入</w:t></w:r></w:ins>' +
          '<w:del w:id="2"><w:r><w:delText>删除</w:delText></w:r></w:del>' +
          '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
          '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
          '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>显示</w:t></w:r></w:p>',
      ),
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '控件' },
      { kind: 'paragraph', text: '链接插入3显示' },
    ]);
  });

  it('reads tabs as spaces, entities, preserved spaces, and splits a paragraph at w:br', () => {
    const doc = readDocx(
      docx(
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>第一行</w:t><w:tab/><w:t>A&amp;B &#x4E2D;</w:t><w:br/><w:t xml:space="preserve">  第二行  </w:t></w:r></w:p>',
      ),
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '第一行 A&B 中' },
      { kind: 'paragraph', text: '第二行' },
    ]);
  });

  it('gives a merged cell once: vMerge restart kept, continue left out; gridSpan once; lines in a cell joined', () => {
    const doc = readDocx(
      docx(
        '<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>' +
          `<w:tr>${tc(p('（三）不予公开'), '<w:vMerge w:val="restart"/>')}${tc(p('1.属于国家秘密'))}${tc(p('0'))}</w:tr>` +
          `<w:tr>${tc('<w:p/>', '<w:vMerge/>')}${tc(p('2.其他法律行政法规禁止公开'))}${tc('<w:p/>')}</w:tr>` +
          `<w:tr>${tc(p('（六）其他处理'), '<w:gridSpan w:val="2"/>')}${tc(p('0'))}</w:tr>` +
          `<w:tr>${tc(`${p('本年新')}${p('制作数量')}`)}${tc('<w:p><w:r><w:t>Total</w:t><w:br/><w:t>count</w:t></w:r></w:p>')}${tc(p('5'))}</w:tr>` +
          '</w:tbl>',
      ),
    );
    expect(doc.blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['（三）不予公开', '1.属于国家秘密', '0'],
          ['2.其他法律行政法规禁止公开', ''],
          ['（六）其他处理', '0'],
          ['本年新制作数量', 'Total count', '5'],
        ],
        rowsKnown: true,
      },
    ]);
  });

  it('reads a table whose cell holds another table as layout: its content in order', () => {
    const inner = `<w:tbl><w:tr>${tc(p('自然人'))}${tc(p('25'))}</w:tr></w:tbl>`;
    const doc = readDocx(
      docx(`<w:tbl><w:tr>${tc(p('左栏'))}${tc(`${p('正文')}${inner}<w:p/>`)}</w:tr></w:tbl>`),
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '左栏' },
      { kind: 'paragraph', text: '正文' },
      { kind: 'table', rows: [['自然人', '25']], rowsKnown: true },
    ]);
  });

  it('reads a text box once (its VML fallback is the same text) and counts the picture', () => {
    const box =
      '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>' +
      p('框内文字') +
      '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict><v:textbox><w:txbxContent>' +
      p('框内文字') +
      '</w:txbxContent></v:textbox></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p>';
    const doc = readDocx(docx(box));
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '框内文字' },
      { kind: 'paragraph', text: '正文' },
    ]);
    expect(doc.diagnostics).toEqual([{ level: 'info', message: '文档含图片，表格可能为图片' }]);
  });
});

describe('readDocx on hostile and broken files', () => {
  it('refuses a zip bomb that admits its size, before inflating anything', () => {
    const bomb = claimSizes(docx(p('报告')), 3_000_000_000);
    const started = performance.now();
    expect(refusal(() => readDocx(bomb)).message).toBe('DOCX 解压后过大，疑似压缩炸弹');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a zip bomb that lies about its size, stopping the inflation at the limit', () => {
    const spaces = new Uint8Array(25 * 1024 * 1024).fill(0x20);
    const bomb = claimSizes(zipSync({ 'word/document.xml': [spaces, { level: 1 }] }), 1000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const started = performance.now();
    expect(refusal(() => readDocx(bomb)).message).toBe('DOCX 解压后过大，疑似压缩炸弹');
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('refuses a zip that is not a Word document, random bytes, an empty file, a damaged zip', () => {
    expect(refusal(() => readDocx(zipSync({ 'content.xml': strToU8('<office/>') }))).message).toBe(
      '不是 DOCX 文件：压缩包里没有 word/document.xml',
    );
    expect(refusal(() => readDocx(new Uint8Array(randomBytes(10_000)))).message).toMatch(/^DOCX 文件已损坏/);
    expect(refusal(() => readDocx(new Uint8Array(0)))).toBeInstanceOf(UnreadableDocumentError);
    const damaged = docx(p('报告'));
    const header = damaged.slice(0, 120);
    expect(refusal(() => readDocx(header))).toBeInstanceOf(UnreadableDocumentError);
  });

  it.each([
    ['stored', 0],
    ['deflated', 6],
  ] as const)('reads what there is of a DOCX cut off inside document.xml (%s), and says so', (_, level) => {
    const paras = Array.from({ length: 2000 }, (_, i) => p(`第${i + 1}段：${'政府信息公开'.repeat(8)}`)).join(
      '',
    );
    const xml = strToU8(`<w:document ${W}><w:body>${paras}</w:body></w:document>`);
    const whole = zipSync({ 'word/document.xml': xml }, { level });
    const doc = readDocx(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(doc.blocks.length).toBeGreaterThan(500);
    expect(doc.blocks.length).toBeLessThan(2000);
    expect(doc.blocks[0]).toEqual({ kind: 'paragraph', text: `第1段：${'政府信息公开'.repeat(8)}` });
    expect(doc.diagnostics.map((d) => d.message)).toEqual([
      'DOCX 文件不完整（缺少文件目录），已尽量读取正文',
      'DOCX 文件不完整：正文在此截断',
    ]);
  });
});
