import { describe, expect, it } from 'vitest';
import { COMPLEX_LAYOUT, layoutPages } from '../../../../src/reports/parse/formats/pdf-layout.ts';
import type { PageContent, PdfText, Segment } from '../../../../src/reports/parse/formats/pdf-page.ts';

/** A piece of text of 10pt Chinese characters, 10pt wide each. */
const t = (text: string, x: number, y: number, size = 10): PdfText => ({
  text,
  x,
  y,
  width: [...text].length * size,
  size,
});
const page = (texts: PdfText[], segments: Segment[] = []): PageContent => ({ texts, segments, images: 0 });
const h = (y: number, x1: number, x2: number): Segment => ({ x1, y1: y, x2, y2: y });
const v = (x: number, y1: number, y2: number): Segment => ({ x1: x, y1, x2: x, y2 });

describe('layoutPages: paragraphs', () => {
  it('joins lines that run to the right edge, starts a paragraph at an indent, a heading or a short line', () => {
    const { blocks } = layoutPages([
      page([
        t('一、总体情况', 72, 800),
        t('根据条例规定，向社会公布本级政府信息公开工作年度', 92, 780),
        t('报告。本报告中所列数据的统计时限为全年。', 72, 765),
        t('（一）主动公开', 72, 745),
        t('全年通过政府门户网站共向社会公开各类信息数量累计', 92, 725),
        t('603条。', 72, 710),
        t('1', 290, 40),
      ]),
    ]);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '一、总体情况' },
      {
        kind: 'paragraph',
        text: '根据条例规定，向社会公布本级政府信息公开工作年度报告。本报告中所列数据的统计时限为全年。',
      },
      { kind: 'paragraph', text: '（一）主动公开' },
      { kind: 'paragraph', text: '全年通过政府门户网站共向社会公开各类信息数量累计603条。' },
    ]);
  });

  it('carries a paragraph over a page break, leaving out the page numbers', () => {
    const { blocks } = layoutPages([
      page([t('正文第一段开头，这一行一直写到了版心的右边缘为止', 92, 100), t('- 1 -', 280, 40)]),
      page([t('第 2 页', 280, 810), t('在下一页接着写完。', 72, 780)]),
    ]);
    expect(blocks).toEqual([
      { kind: 'paragraph', text: '正文第一段开头，这一行一直写到了版心的右边缘为止在下一页接着写完。' },
    ]);
  });
});

describe('layoutPages: tables drawn without lines', () => {
  it('reads lines of gap-separated cells with the same count as rows', () => {
    const { blocks, diagnostics } = layoutPages([
      page([
        t('行政许可', 72, 700),
        t('58', 300, 700),
        t('14', 400, 700),
        t('行政强制', 72, 680),
        t('36', 300, 680),
        t('24', 400, 680),
      ]),
    ]);
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['行政许可', '58', '14'],
          ['行政强制', '36', '24'],
        ],
        rowsKnown: true,
      },
    ]);
    expect(diagnostics).toEqual([]);
  });

  it('gives up on rows where the row structure is inconsistent, and warns', () => {
    const { blocks, diagnostics } = layoutPages([
      page([
        t('行政许可', 72, 700),
        t('58', 300, 700),
        t('14', 400, 700),
        t('其他', 72, 680),
        t('117', 300, 680),
      ]),
    ]);
    expect(blocks).toEqual([
      { kind: 'table', rows: [['行政许可', '58', '14', '其他', '117']], rowsKnown: false },
    ]);
    expect(diagnostics).toEqual([{ level: 'warning', message: COMPLEX_LAYOUT }]);
  });
});

describe('layoutPages: ruled tables', () => {
  const grid = (
    top: number,
    rows: number,
    rowHeight: number,
    openBottom = false,
    openTop = false,
  ): Segment[] => {
    const xs = [72, 272, 372, 472];
    const bottom = top - rows * rowHeight;
    const ys = Array.from({ length: rows + 1 }, (_, i) => top - i * rowHeight).filter(
      (y) => !(openBottom && y === bottom) && !(openTop && y === top),
    );
    return [...ys.map((y) => h(y, 72, 472)), ...xs.map((x) => v(x, bottom, top))];
  };

  it('joins a row that a page break cut in two, cell by cell', () => {
    const { blocks } = layoutPages([
      page(
        [
          t('4.保护第三方合法权益', 80, 180),
          t('0', 300, 180),
          t('0', 400, 180),
          t('5.属于三类内部', 80, 150),
          t('0', 300, 150),
          t('0', 400, 150),
        ],
        grid(200, 2, 30, true),
      ),
      page(
        [t('事务信息', 80, 810), t('6.属于四类过程性信息', 80, 780), t('1', 300, 780), t('1', 400, 780)],
        grid(830, 2, 30, false, true),
      ),
    ]);
    expect(blocks).toEqual([
      {
        kind: 'table',
        rows: [
          ['4.保护第三方合法权益', '0', '0'],
          ['5.属于三类内部事务信息', '0', '0'],
          ['6.属于四类过程性信息', '1', '1'],
        ],
        rowsKnown: true,
      },
    ]);
  });

  it('does not read a box drawn around a paragraph as a table', () => {
    const { blocks } = layoutPages([
      page(
        [t('注：本表数据截至年底。', 80, 700)],
        [h(720, 72, 472), h(690, 72, 472), v(72, 690, 720), v(472, 690, 720)],
      ),
    ]);
    expect(blocks).toEqual([{ kind: 'paragraph', text: '注：本表数据截至年底。' }]);
  });
});
