import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/reports/parse/formats/decode.ts';
import { readHtml } from '../../../../src/reports/parse/formats/html.ts';
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

const readPage = (name: string) => {
  const { text, encoding } = decodeText(readFixture(name));
  return readHtml(text, encoding);
};

describe('readHtml on a CMS page with the form tables (gulou-2019.cms.utf8.html)', () => {
  const doc = readPage('gulou-2019.cms.utf8.html');

  it('gives the form tables as the page has them, each merged cell once', () => {
    expect(tables(doc.blocks)).toEqual([SECTION_2_PIECE_1, SECTION_2_PIECE_2, SECTION_3, SECTION_4]);
    expect(doc.blocks.filter((b) => b.kind === 'table').every((b) => b.kind === 'table' && b.rowsKnown)).toBe(
      true,
    );
  });

  it('reads the totals row of section 三 with its seven figures', () => {
    const s3 = tables(doc.blocks)[2] ?? [];
    expect(s3.find((row) => row[0] === '（七）总计')).toEqual([
      '（七）总计',
      '15',
      '0',
      '0',
      '0',
      '0',
      '2',
      '17',
    ]);
  });

  it('joins a label broken over two lines (<br> or two <p>) without a space', () => {
    expect(tables(doc.blocks)[0]?.[1]).toEqual([
      '信息内容',
      '本年新制作数量',
      '本年新公开数量',
      '对外公开总数量',
    ]);
  });

  it('reads through the layout tables around the article: chrome and article as paragraphs', () => {
    const texts = paragraphs(doc.blocks);
    expect(texts.slice(0, 7)).toEqual([
      '首页',
      '政务公开',
      '政务服务',
      '互动交流',
      '当前位置：首页 > 政务公开 > 政府信息公开年报',
      '鼓楼区人民政府2019年政府信息公开工作年度报告',
      '发布时间：2020-01-20 来源：鼓楼区人民政府办公室 字号：[大 中 小]',
    ]);
    expect(texts.at(-1)).toBe('主办：开封市鼓楼区人民政府办公室 地址：包公湖北路39号');
    for (const p of GULOU_PARAGRAPHS) expect(texts).toContain(p);
  });

  it('keeps the blocks in document order: heading, then its table', () => {
    const i = doc.blocks.findIndex(
      (b) => b.kind === 'paragraph' && b.text === '三、收到和处理政府信息公开申请情况',
    );
    expect(doc.blocks[i + 1]).toMatchObject({ kind: 'table', rows: SECTION_3 });
  });

  it('skips script, style and noscript, and gives the printed publication date', () => {
    const all = JSON.stringify(doc.blocks);
    expect(all).not.toContain('_hmt');
    expect(all).not.toContain('font-size');
    expect(all).not.toContain('您的浏览器不支持脚本');
    expect(doc.publishedOn).toBe('2020-01-20');
    expect(doc.format).toBe('html');
    expect(doc.encoding).toBe('utf-8');
    expect(doc.diagnostics).toEqual([]);
  });
});

describe('readHtml on other encodings and shapes of the same page', () => {
  it('the GBK-encoded page reads the same as the UTF-8 one', () => {
    const utf8 = readPage('gulou-2019.cms.utf8.html');
    const gbk = readPage('gulou-2019.cms.gbk.html');
    expect(gbk.encoding).toBe('gbk');
    expect(gbk.blocks).toEqual(utf8.blocks);
  });

  it('a page whose tables were flattened into one <p> per cell gives paragraphs only', () => {
    const doc = readPage('gulou-2019.flattened.utf8.html');
    expect(tables(doc.blocks)).toEqual([]);
    const texts = paragraphs(doc.blocks);
    const at = texts.indexOf('（七）总计');
    expect(texts.slice(at, at + 8)).toEqual(['（七）总计', '15', '0', '0', '0', '0', '2', '17']);
    // One cell's two lines were two paragraphs in the page: they stay two.
    expect(texts.slice(texts.indexOf('本年新'), texts.indexOf('本年新') + 2)).toEqual(['本年新', '制作数量']);
    // The site logo is not mistaken for a table printed as a picture.
    expect(doc.diagnostics).toEqual([]);
  });
});

describe('readHtml details', () => {
  it('turns &nbsp; into a space, collapses whitespace, keeps full-width characters', () => {
    const doc = readHtml(
      '<p>&nbsp;&nbsp;一、总体情况&nbsp;</p><p>  根据\n  《条例》　规定 , 2019 年\t度 </p><p> &nbsp; </p>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '一、总体情况' },
      { kind: 'paragraph', text: '根据《条例》　规定 , 2019 年 度' },
    ]);
  });

  it('splits a paragraph at <br>, and joins a cell’s lines without a space between Chinese', () => {
    const doc = readHtml(
      '<p>第一行<br>第二行</p><table><tr><td>本年新<br/>制作数量</td><td><p>Total</p><p>count</p></td></tr><tr><td></td><td>0</td></tr></table>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '第一行' },
      { kind: 'paragraph', text: '第二行' },
      {
        kind: 'table',
        rows: [
          ['本年新制作数量', 'Total count'],
          ['', '0'],
        ],
        rowsKnown: true,
      },
    ]);
  });

  it('reads a layout table holding another table as its content, not as one giant cell', () => {
    const doc = readHtml(
      '<table><tr><td>导航</td><td><p>正文</p><table><tr><td>自然人</td><td>25</td></tr></table></td></tr></table>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '导航' },
      { kind: 'paragraph', text: '正文' },
      { kind: 'table', rows: [['自然人', '25']], rowsKnown: true },
    ]);
  });

  it('leaves out hidden elements and keeps a caption before its table', () => {
    const doc = readHtml(
      '<div style="display: none">分享到微信</div><table><caption>表一</caption><tbody><tr><td>a</td><td hidden>x</td><td>b</td></tr></tbody></table>',
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '表一' },
      { kind: 'table', rows: [['a', 'b']], rowsKnown: true },
    ]);
  });

  it('says when the document has pictures but no table (a form published as an image)', () => {
    const doc = readHtml(
      '<p>三、收到和处理政府信息公开申请情况</p><p><img src="/upload/W020200117.png" width="600"></p>',
    );
    expect(doc.diagnostics).toEqual([{ level: 'info', message: '文档含图片，表格可能为图片' }]);
  });

  it('reads a page cut off in the middle of a table', () => {
    const doc = readHtml('<html><body><p>三、收到和处理</p><table><tr><td>（七）总计</td><td>15</td><td>0');
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '三、收到和处理' },
      { kind: 'table', rows: [['（七）总计', '15', '0']], rowsKnown: true },
    ]);
  });

  it('takes the date from a PubDate meta tag where the page prints none', () => {
    const doc = readHtml(
      '<head><meta name="PubDate" content="2021-03-05 10:07"></head><body><p>正文</p></body>',
    );
    expect(doc.publishedOn).toBe('2021-03-05');
  });

  it('reads an empty page as no blocks', () => {
    expect(readHtml('').blocks).toEqual([]);
    expect(readHtml('<html><head><title>x</title></head><body></body></html>').blocks).toEqual([]);
  });
});
