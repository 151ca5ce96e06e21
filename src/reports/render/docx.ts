import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, type Table, TextRun } from 'docx';
import type { Report } from '../model/report.ts';
import { addFontFallbacks, FONTS, runFont, SIZES } from './docx-fonts.ts';
import { docxTable } from './docx-tables.ts';
import { layoutEdition } from './layout.ts';
import {
  narrativeLines,
  reportEdition,
  reportSections,
  reportTitle,
  sectionHeading,
} from './report-outline.ts';

/** A4 in twips, with the margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
const mm = (n: number): number => Math.round((n / 25.4) * 1440);
const PAGE = { width: 11906, height: 16838 } as const;
const MARGIN = { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) } as const;
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** 28 pt exact line pitch and a two-character first-line indent, as official documents set text. */
const TEXT_LINE = 560;
const TEXT_INDENT = 2 * SIZES.text * 10;

const title = (text: string): Paragraph =>
  new Paragraph({
    heading: HeadingLevel.TITLE,
    alignment: AlignmentType.CENTER,
    spacing: { after: 400, line: 700, lineRule: 'exact' },
    children: [new TextRun({ text, font: runFont(FONTS.title), size: SIZES.title })],
  });

const heading = (text: string): Paragraph =>
  new Paragraph({
    heading: HeadingLevel.HEADING_1,
    spacing: { before: 120, after: 60, line: TEXT_LINE, lineRule: 'exact' },
    keepNext: true,
    children: [new TextRun({ text, font: runFont(FONTS.heading), size: SIZES.text })],
  });

const text = (line: string): Paragraph =>
  new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    indent: { firstLine: TEXT_INDENT },
    spacing: { line: TEXT_LINE, lineRule: 'exact' },
    children: [new TextRun({ text: line, font: runFont(FONTS.body), size: SIZES.text })],
  });

/** Keeps a table from touching the next heading. */
const gap = (): Paragraph => new Paragraph({ spacing: { after: 120 }, children: [] });

export interface DocxRenderOptions {
  /** Notes printed at the end of the report, numbered (注：1. …). */
  readonly footnotes?: readonly string[];
}

/** The report as a Word document in the official layout: A4, the form's tables and merges. */
export async function renderReportDocx(report: Report, options: DocxRenderOptions = {}): Promise<Buffer> {
  const edition = reportEdition(report);
  const layouts = edition ? layoutEdition(edition) : [];
  const children: (Paragraph | Table)[] = [title(reportTitle(report))];
  for (const section of reportSections(report)) {
    children.push(heading(sectionHeading(section)), ...narrativeLines(report, section.number).map(text));
    for (const layout of layouts.filter((l) => l.section === section.number)) {
      children.push(docxTable(layout, report, TEXT_WIDTH), gap());
    }
  }
  const notes = options.footnotes ?? [];
  if (notes.length > 0) children.push(text('注：'), ...notes.map((n, i) => text(`${i + 1}. ${n}`)));
  const doc = new Document({
    creator: 'gongkai',
    title: reportTitle(report),
    styles: {
      default: {
        document: { run: { font: FONTS.fallbackSerif, size: SIZES.text } },
        title: { run: { font: runFont(FONTS.title), size: SIZES.title, color: '000000' } },
        heading1: { run: { font: runFont(FONTS.heading), size: SIZES.text, color: '000000', bold: false } },
      },
    },
    sections: [
      {
        properties: { page: { size: PAGE, margin: MARGIN } },
        children,
      },
    ],
  });
  return addFontFallbacks(await Packer.toBuffer(doc));
}
