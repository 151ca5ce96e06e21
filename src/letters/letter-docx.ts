import { AlignmentType, Document, Packer, Paragraph, TextRun } from 'docx';
import { addFontFallbacks, FONTS, runFont, SIZES } from '../reports/render/docx-fonts.ts';
import type { LetterAlign, LetterDocument } from './compose-letter.ts';

/** A4 in twips, with the margins of GB/T 9704 (as the annual report's DOCX). */
const mm = (n: number): number => Math.round((n / 25.4) * 1440);
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
/** 28 pt exact line pitch; a two-character first-line indent. */
const LINE = 560;
const INDENT = 2 * SIZES.text * 10;

const ALIGNMENT = {
  indent: AlignmentType.JUSTIFIED,
  left: AlignmentType.LEFT,
  right: AlignmentType.RIGHT,
  center: AlignmentType.CENTER,
} as const satisfies Record<LetterAlign, unknown>;

/** The letter as a Word document: title in 小标宋 二号, text in 仿宋 三号, Noto CJK as stand-ins. */
export async function renderLetterDocx(doc: LetterDocument): Promise<Buffer> {
  const children = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: LINE, line: 700, lineRule: 'exact' },
      children: [new TextRun({ text: doc.title, font: runFont(FONTS.title), size: SIZES.title })],
    }),
    ...doc.paragraphs.map(
      (p, i) =>
        new Paragraph({
          alignment: ALIGNMENT[p.align],
          ...(p.align === 'indent' ? { indent: { firstLine: INDENT } } : {}),
          ...(p.align === 'right' ? { indent: { right: INDENT } } : {}),
          spacing: {
            line: LINE,
            lineRule: 'exact',
            ...(p.align === 'right' && doc.paragraphs[i - 1]?.align === 'indent' ? { before: LINE } : {}),
          },
          children: [new TextRun({ text: p.text, font: runFont(FONTS.body), size: SIZES.text })],
        }),
    ),
  ];
  const document = new Document({
    creator: 'gongkai',
    title: doc.title,
    styles: { default: { document: { run: { font: FONTS.fallbackSerif, size: SIZES.text } } } },
    sections: [{ properties: { page: { size: PAGE, margin: MARGIN } }, children }],
  });
  return addFontFallbacks(await Packer.toBuffer(document));
}
