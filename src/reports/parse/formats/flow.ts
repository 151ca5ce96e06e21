import type { Block } from '../document.ts';
import { cleanText, joinAll } from './text-pieces.ts';

/**
 * The document tree the HTML and DOCX readers build before it becomes blocks: paragraphs
 * (with their hard line breaks) and tables whose cells hold more of the same. A merged
 * cell is in the row where it starts only; the readers leave out its continuations.
 */
export interface FlowParagraph {
  readonly kind: 'paragraph';
  /** The paragraph's lines, split at hard line breaks (<br>, w:br). */
  readonly lines: readonly string[];
}
export interface FlowCell {
  readonly content: readonly FlowItem[];
}
export interface FlowTable {
  readonly kind: 'table';
  readonly rows: readonly (readonly FlowCell[])[];
}
export type FlowItem = FlowParagraph | FlowTable;

/** Longer cells hold an article, not a figure or a label. */
const LAYOUT_CELL_CHARS = 200;

const cellLines = (cell: FlowCell): string[] =>
  cell.content.flatMap((item) => (item.kind === 'paragraph' ? item.lines : []));

const cellText = (cell: FlowCell): string => joinAll(cellLines(cell));

/**
 * A table that lays out the page rather than holding data: it wraps other tables (CMS pages
 * put the whole article in one), has one cell per row, or holds whole articles in a cell.
 */
const isLayout = (table: FlowTable): boolean =>
  table.rows.some((row) => row.some((cell) => cell.content.some((item) => item.kind === 'table'))) ||
  table.rows.every((row) => row.length <= 1) ||
  table.rows.some((row) => row.some((cell) => cellText(cell).length > LAYOUT_CELL_CHARS));

/**
 * The blocks of a flow, layout tables read through. With a stack of the items still to read,
 * not recursion: a hostile document nests tables 100,000 deep (the DOCX reader builds such a
 * flow without recursion; reading it back recursively overflowed the stack).
 */
export const flowToBlocks = (items: readonly FlowItem[]): Block[] => {
  const out: Block[] = [];
  const stack: FlowItem[] = [...items].reverse();
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    if (item.kind === 'paragraph') {
      for (const line of item.lines) {
        const text = cleanText(line);
        if (text !== '') out.push({ kind: 'paragraph', text });
      }
      continue;
    }
    if (isLayout(item)) {
      const inner = item.rows.flatMap((row) => row.flatMap((cell) => cell.content));
      for (let i = inner.length - 1; i >= 0; i--) stack.push(inner[i] as FlowItem);
      continue;
    }
    const rows = item.rows.filter((row) => row.length > 0).map((row) => row.map(cellText));
    if (rows.length > 0) out.push({ kind: 'table', rows, rowsKnown: true });
  }
  return out;
};

/** Collects inline text into paragraphs and lines, as a reader walks a document. */
export class FlowBuilder {
  readonly items: FlowItem[] = [];
  private lines: string[] = [];
  private line = '';

  text(s: string): void {
    this.line += s;
  }

  lineBreak(): void {
    this.lines.push(this.line);
    this.line = '';
  }

  endParagraph(): void {
    this.lineBreak();
    const lines = this.lines.filter((l) => cleanText(l) !== '');
    if (lines.length > 0) this.items.push({ kind: 'paragraph', lines });
    this.lines = [];
  }

  table(table: FlowTable): void {
    this.endParagraph();
    this.items.push(table);
  }

  finish(): FlowItem[] {
    this.endParagraph();
    return this.items;
  }
}
