import type { Diagnostic } from '../../model/report.ts';
import type { Block } from '../document.ts';
import { findRuledTables, type RuledTable } from './pdf-grid.ts';
import { cellText, groupLines, type TextLine } from './pdf-lines.ts';
import type { PageContent, PdfText } from './pdf-page.ts';
import { type CellText, continueTable, tableCells } from './pdf-tables.ts';
import { joinPieces } from './text-pieces.ts';

/**
 * Puts a PDF's pages back into blocks: tables drawn with rulings become tables cell by cell
 * (pdf-grid.ts), joined again where a page break cut them (pdf-tables.ts); runs of lines split
 * by wide gaps become tables drawn without lines; other lines are joined into paragraphs
 * where one runs on into the next.
 */

export const COMPLEX_LAYOUT = 'PDF 版面复杂，表格可能未完整识别';

type Item =
  | { readonly kind: 'line'; readonly line: TextLine }
  | { readonly kind: 'table'; readonly table: RuledTable };

const top = (item: Item): number => (item.kind === 'line' ? item.line.y + item.line.size : item.table.top);

/** A box drawn around text, or a page frame, is not a table of figures. */
const isTable = (rows: readonly (readonly string[])[]): boolean =>
  rows.some((r) => r.length >= 2) && !rows.some((r) => r.some((c) => c.length > 200));

const PAGE_NUMBER =
  /^(?:[-—–\s]*\d{1,4}[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;

const HEADING = /^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.、．](?!\d))/;

interface PageItems {
  readonly items: Item[];
  /** Body text's left and right edges. */
  readonly left: number;
  readonly right: number;
}

const lineText = (line: TextLine): string => line.chunks.map((c) => c.text).join(' ');

const pageItems = (page: PageContent): PageItems => {
  const { tables, rest } = findRuledTables(page.segments, page.texts);
  const items: Item[] = [];
  const loose: PdfText[] = [...rest];
  for (const table of tables) {
    if (isTable(table.rows.map((r) => r.map((c) => cellText(c.texts))))) items.push({ kind: 'table', table });
    else loose.push(...table.rows.flatMap((r) => r.flatMap((c) => c.texts)));
  }
  const lines = groupLines(loose, true).filter((l) => l.chunks.length > 0);
  // Page numbers and running heads: the first or last line of the page, and nothing else on it.
  const body = lines.filter(
    (l, i) => !((i === 0 || i === lines.length - 1) && PAGE_NUMBER.test(lineText(l))),
  );
  for (const line of body) items.push({ kind: 'line', line });
  items.sort((a, b) => top(b) - top(a));
  // The body's edges: where its long lines start and end (short lines are titles, dates, cells).
  const single = body.filter((l) => l.chunks.length === 1);
  const long = single.filter((l) => lineText(l).length >= 10);
  const edges = long.length > 0 ? long : single;
  const left = Math.min(...edges.map((l) => l.x0));
  const right = Math.max(...edges.map((l) => l.x1));
  return { items, left: Number.isFinite(left) ? left : 0, right: Number.isFinite(right) ? right : 0 };
};

interface Paragraph {
  text: string;
  last: TextLine;
  page: number;
  layout: PageItems;
}

/** Roughly how wide the line's first word is: a line wraps before a word that does not fit. */
const firstWordWidth = (line: TextLine): number => {
  const text = lineText(line);
  const word = /^[\x21-\x7e]+/.exec(text)?.[0];
  return word ? word.length * line.size * 0.55 : line.size;
};

/** Whether `line` carries on the paragraph whose last line is `p.last` (a line that wrapped). */
const continues = (p: Paragraph, line: TextLine, pageNo: number, layout: PageItems): boolean => {
  const prev = p.last;
  const size = prev.size;
  if (Math.abs(line.size - size) > size * 0.2) return false;
  if (HEADING.test(lineText(line))) return false;
  if (line.x0 > layout.left + size * 0.8) return false; // indented: a new paragraph
  if (prev.x1 + firstWordWidth(line) < p.layout.right - size) return false; // stopped short
  if (pageNo === p.page && prev.y - line.y > size * 2.2) return false; // a blank line between
  return true;
};

/** Consecutive lines of several gap-separated cells: a table drawn without rulings. */
const gapTable = (rows: readonly TextLine[], diagnostics: Diagnostic[]): Block => {
  const cells = rows.map((r) => r.chunks.map((c) => c.text));
  const width = cells[0]?.length ?? 0;
  if (cells.every((r) => r.length === width)) return { kind: 'table', rows: cells, rowsKnown: true };
  if (!diagnostics.some((d) => d.message === COMPLEX_LAYOUT))
    diagnostics.push({ level: 'warning', message: COMPLEX_LAYOUT });
  return { kind: 'table', rows: [cells.flat()], rowsKnown: false };
};

export interface PdfLayout {
  readonly blocks: Block[];
  readonly diagnostics: Diagnostic[];
}

interface OpenTable {
  readonly index: number;
  page: number;
  table: RuledTable;
  rows: CellText[][];
}

const tableBlock = (rows: readonly (readonly CellText[])[]): Block => ({
  kind: 'table',
  rows: rows.map((r) => r.map((c) => c.text)),
  rowsKnown: true,
});

export const layoutPages = (pages: readonly PageContent[]): PdfLayout => {
  const blocks: Block[] = [];
  const diagnostics: Diagnostic[] = [];
  let paragraph: Paragraph | null = null;
  let run: TextLine[] = [];
  /** The last table, while nothing but a page break follows it. */
  let open: OpenTable | null = null;

  const endParagraph = (): void => {
    if (paragraph && paragraph.text !== '') blocks.push({ kind: 'paragraph', text: paragraph.text });
    paragraph = null;
  };
  const endRun = (): void => {
    if (run.length >= 2) {
      endParagraph();
      blocks.push(gapTable(run, diagnostics));
    } else if (run[0]) {
      endParagraph();
      blocks.push({ kind: 'paragraph', text: lineText(run[0]) });
    }
    run = [];
  };

  pages.forEach((content, pageNo) => {
    const page = pageItems(content);
    page.items.forEach((item, i) => {
      if (item.kind === 'table') {
        endRun();
        endParagraph();
        const continued =
          open && i === 0 && open.page === pageNo - 1
            ? continueTable(open.table, open.rows, item.table)
            : null;
        if (open && continued) {
          open.rows = continued;
          open.table = item.table;
          open.page = pageNo;
          blocks[open.index] = tableBlock(continued);
        } else {
          const rows = tableCells(item.table);
          blocks.push(tableBlock(rows));
          open = { index: blocks.length - 1, page: pageNo, table: item.table, rows };
        }
        return;
      }
      open = null;
      const line = item.line;
      if (line.chunks.length >= 2) {
        run.push(line);
        return;
      }
      endRun();
      const text = lineText(line);
      if (paragraph && continues(paragraph, line, pageNo, page)) {
        paragraph.text = joinPieces(paragraph.text, text);
        paragraph.last = line;
        paragraph.page = pageNo;
        paragraph.layout = page;
      } else {
        endParagraph();
        paragraph = { text, last: line, page: pageNo, layout: page };
      }
    });
    // A table followed by more on its page is not cut by the page break.
    if (open && open.page === pageNo && page.items.at(-1)?.kind !== 'table') open = null;
  });
  endRun();
  endParagraph();
  return { blocks, diagnostics };
};
