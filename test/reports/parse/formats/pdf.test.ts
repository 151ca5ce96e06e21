import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { UnreadableDocumentError } from '../../../../src/reports/parse/document.ts';
import { readDocx } from '../../../../src/reports/parse/formats/docx.ts';
import { readPdf } from '../../../../src/reports/parse/formats/pdf.ts';
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
import { scannedPdf, textPdf } from './make-pdf.ts';

const refusal = async (read: () => Promise<unknown>): Promise<UnreadableDocumentError> => {
  try {
    await read();
  } catch (e) {
    if (e instanceof UnreadableDocumentError) return e;
    throw e;
  }
  throw new Error('read without error');
};

const squeeze = (texts: readonly string[]): string[] => texts.map((t) => t.replace(/\s+/g, ''));

describe('readPdf on the gulou report converted by LibreOffice from the DOCX', () => {
  const reading = readPdf(readFixture('gulou-2019.libreoffice-from-docx.pdf'));

  it('rebuilds every form table from its rulings, merged cells once, rows cut by page breaks joined', async () => {
    const doc = await reading;
    expect(doc.format).toBe('pdf');
    expect(tables(doc.blocks)).toEqual([SECTION_2_PIECE_1, SECTION_2_PIECE_2, SECTION_3, SECTION_4]);
    expect(doc.diagnostics).toEqual([]);
  });

  it('joins wrapped lines back into the Word file’s paragraphs', async () => {
    const doc = await reading;
    const word = readDocx(readFixture('gulou-2019.docx-package.docx'));
    // LibreOffice spaces Latin text from Chinese in its layout; the words are the same.
    expect(squeeze(paragraphs(doc.blocks))).toEqual(squeeze(paragraphs(word.blocks)));
  });
});

describe('readPdf on the CMS page printed by Chromium', () => {
  const reading = readPdf(readFixture('gulou-2019.chromium-print.pdf'));

  it('reads the tables, the two pieces of section 二 drawn edge to edge read as one', async () => {
    const doc = await reading;
    expect(tables(doc.blocks)).toEqual([
      [...SECTION_2_PIECE_1.slice(1), ...SECTION_2_PIECE_2],
      SECTION_3,
      SECTION_4,
    ]);
    // The first row of section 二 stood alone at the foot of page 1.
    expect(paragraphs(doc.blocks)).toContain('第二十条第（一）项');
  });

  it('reads real Chinese (Kangxi radicals the font maps to folded back), the narrative and the date', async () => {
    const doc = await reading;
    const texts = paragraphs(doc.blocks);
    expect(texts).toContain('鼓楼区人民政府2019年政府信息公开工作年度报告');
    for (const p of GULOU_PARAGRAPHS) expect(texts).toContain(p);
    expect(doc.publishedOn).toBe('2020-01-20');
  });
});

describe('readPdf on PDFs made in the test', () => {
  it('reads a CID font that is not embedded, through pdfjs’s CMaps; lines split by wide gaps form a table', async () => {
    const doc = await readPdf(
      textPdf([
        { x: 72, y: 760, text: '三、收到和处理政府信息公开申请情况' },
        { x: 72, y: 730, text: '一、本年新收政府信息公开申请数量' },
        { x: 400, y: 730, text: '25' },
        { x: 460, y: 730, text: '27' },
        { x: 72, y: 710, text: '二、上年结转政府信息公开申请数量' },
        { x: 400, y: 710, text: '0' },
        { x: 460, y: 710, text: '0' },
      ]),
    );
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: '三、收到和处理政府信息公开申请情况' },
      {
        kind: 'table',
        rows: [
          ['一、本年新收政府信息公开申请数量', '25', '27'],
          ['二、上年结转政府信息公开申请数量', '0', '0'],
        ],
        rowsKnown: true,
      },
    ]);
  });

  it.each([
    ['upright', false],
    ['laid on its side (a landscape table on a portrait page)', true],
  ])(
    'reads a ruled table with a merged cell and a label wrapped inside its cell, %s',
    async (_, landscape) => {
      const h = (y: number, x1 = 72, x2 = 472) => ({ x1, y1: y, x2, y2: y });
      const v = (x: number, y1: number, y2: number) => ({ x1: x, y1, x2: x, y2 });
      const doc = await readPdf(
        textPdf(
          [
            { x: 80, y: 730, text: '（三）不予公开', size: 10 },
            { x: 200, y: 740, text: '1.属于国家', size: 10 },
            { x: 200, y: 728, text: '秘密', size: 10 },
            { x: 400, y: 735, text: '0', size: 10 },
            { x: 200, y: 705, text: '2.其他法律', size: 10 },
            { x: 400, y: 705, text: '0', size: 10 },
          ],
          [
            h(760),
            h(720, 192),
            h(690),
            v(72, 690, 760),
            v(192, 690, 760),
            v(392, 690, 760),
            v(472, 690, 760),
          ],
          landscape,
        ),
      );
      expect(doc.blocks).toEqual([
        {
          kind: 'table',
          rows: [
            ['（三）不予公开', '1.属于国家秘密', '0'],
            ['2.其他法律', '0'],
          ],
          rowsKnown: true,
        },
      ]);
    },
  );

  it('refuses a scanned PDF: its text is an image', async () => {
    const error = await refusal(() => readPdf(scannedPdf()));
    expect(error.message).toBe('PDF 无文字层：内容是图片（扫描件），无法读取其中的文字');
  });

  it('refuses garbage after the header, an empty file, a PDF cut in half — quickly', async () => {
    const started = performance.now();
    const garbage = new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...randomBytes(20_000)]);
    expect((await refusal(() => readPdf(garbage))).message).toBe('PDF 文件已损坏或不完整，无法读取');
    expect(await refusal(() => readPdf(new Uint8Array(0)))).toBeInstanceOf(UnreadableDocumentError);
    const whole = readFixture('gulou-2019.libreoffice-from-docx.pdf');
    expect(await refusal(() => readPdf(whole.subarray(0, whole.length / 2)))).toBeInstanceOf(
      UnreadableDocumentError,
    );
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
