import {
  AlignmentType,
  BorderStyle,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import type { Report } from '../model/report.ts';
import { FONTS, runFont, SIZES } from './docx-fonts.ts';
import { formatCellValue } from './format-value.ts';
import type { LayoutCell, LayoutRow, TableLayout } from './table-layout.ts';

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const BORDERS = {
  top: BORDER,
  bottom: BORDER,
  left: BORDER,
  right: BORDER,
  insideHorizontal: BORDER,
  insideVertical: BORDER,
} as const;
const CELL_MARGINS = { top: 30, bottom: 30, left: 30, right: 30 } as const;

/** Grid column widths in twips, adding up exactly to the text width. */
export const columnWidthsTwips = (widths: readonly number[], textWidth: number): number[] => {
  const twips = widths.map((w) => Math.floor((w / 100) * textWidth));
  const rest = textWidth - twips.reduce((a, b) => a + b, 0);
  if (twips.length > 0) twips[twips.length - 1] = (twips[twips.length - 1] ?? 0) + rest;
  return twips;
};

const paragraph = (text: string, align: 'left' | 'center', size: number): Paragraph =>
  new Paragraph({
    alignment: align === 'left' ? AlignmentType.LEFT : AlignmentType.CENTER,
    spacing: { before: 0, after: 0, line: 240 },
    children: text === '' ? [] : [new TextRun({ text, font: runFont(FONTS.body), size })],
  });

/**
 * A blank cell (null) and a cell the document lacks are both empty: Word has no way to
 * mark the difference that survives reading the file back.
 */
const cell = (c: LayoutCell, report: Report, size: number): TableCell => {
  const text = c.kind === 'label' ? c.text : formatCellValue(report.cells[c.key]);
  return new TableCell({
    children: [paragraph(text, c.kind === 'label' ? c.align : 'center', size)],
    columnSpan: c.colSpan,
    rowSpan: c.kind === 'label' ? c.rowSpan : 1,
    verticalAlign: VerticalAlign.CENTER,
    margins: CELL_MARGINS,
  });
};

const row = (r: LayoutRow, report: Report, size: number, header: boolean): TableRow =>
  new TableRow({
    tableHeader: header,
    cantSplit: true,
    children: r.cells.map((c) => cell(c, report, size)),
  });

/**
 * One table of the form. Merges come from the layout: `columnSpan` becomes w:gridSpan, and
 * `rowSpan` w:vMerge (the docx package adds the continuation cells in the rows below).
 */
export const docxTable = (layout: TableLayout, report: Report, textWidth: number): Table => {
  // Sections 三 and 四 at 小五, as the printed HTML: section 三 then fits one page.
  const size = layout.id === 's2' ? SIZES.table : SIZES.smallTable;
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: columnWidthsTwips(layout.widths, textWidth),
    layout: TableLayoutType.FIXED,
    borders: BORDERS,
    rows: [
      ...layout.head.map((r) => row(r, report, size, true)),
      ...layout.bodies.flat().map((r) => row(r, report, size, false)),
    ],
  });
};
