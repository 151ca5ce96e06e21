import type { PdfText } from './pdf-page.ts';
import { cleanText, joinPieces } from './text-pieces.ts';

/**
 * Pieces of text on a PDF page put back into lines, and lines into the runs of text that
 * a wide gap separates (the cells of a table drawn without lines).
 */

export interface Chunk {
  readonly text: string;
  readonly x0: number;
  readonly x1: number;
}

export interface TextLine {
  readonly chunks: readonly Chunk[];
  /** Baseline. */
  readonly y: number;
  readonly size: number;
  readonly x0: number;
  readonly x1: number;
}

const WIDE = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u2014-\u2026]/;

/** A gap wider than this many font sizes separates cells rather than words. */
const CELL_GAP = 1.8;

const joinOnLine = (a: string, b: string, gap: number, size: number): string => {
  if (a === '') return b;
  const wide = WIDE.test(a.at(-1) ?? '') || WIDE.test(b[0] ?? '');
  return gap > size * 0.2 && !wide && !a.endsWith(' ') && !b.startsWith(' ') ? `${a} ${b}` : a + b;
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};

/** Groups pieces into lines by baseline, top to bottom; within a line, left to right. */
export const groupLines = (texts: readonly PdfText[], splitCells: boolean): TextLine[] => {
  const sorted = [...texts].sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfText[][] = [];
  for (const t of sorted) {
    const line = groups.at(-1);
    const first = line?.[0];
    if (line && first && Math.abs(first.y - t.y) <= Math.max(first.size, t.size) * 0.4) line.push(t);
    else groups.push([t]);
  }
  return groups.map((pieces) => {
    pieces.sort((a, b) => a.x - b.x);
    const size = median(pieces.map((p) => p.size));
    const chunks: Chunk[] = [];
    let text = '';
    let x0 = pieces[0]?.x ?? 0;
    let x1 = x0;
    for (const p of pieces) {
      const gap = p.x - x1;
      if (text !== '' && splitCells && gap > size * CELL_GAP) {
        chunks.push({ text: cleanText(text), x0, x1 });
        text = '';
        x0 = p.x;
      }
      text = joinOnLine(text, p.text, gap, size);
      x1 = Math.max(x1, p.x + p.width);
    }
    chunks.push({ text: cleanText(text), x0, x1 });
    return {
      chunks: chunks.filter((c) => c.text !== ''),
      y: median(pieces.map((p) => p.y)),
      size,
      x0: pieces[0]?.x ?? 0,
      x1,
    };
  });
};

/** The text of one table cell: its lines joined as one wrapped label or figure. */
export const cellText = (texts: readonly PdfText[]): string =>
  groupLines(texts, false)
    .map((l) => l.chunks.map((c) => c.text).join(' '))
    .reduce(joinPieces, '');
