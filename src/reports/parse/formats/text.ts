import type { Block, SourceDocument } from '../document.ts';
import { joinPieces } from '../extract/normalize.ts';

/**
 * Plain text as agencies publish it or as it comes out of a page or a Word file. Three
 * shapes are common, each seen in a real report (shared/fixtures/reports):
 * - Word's text dump: each table cell on a line of its own behind a tab, rows separated by
 *   an empty line, a label that wraps continuing on an untabbed line (gulou-2019);
 * - a web page's text with one table row per line, cells joined by '|' (longgang-2024);
 * - a web page's text with one cell per line ending in ' |' (hanyang-2022): rows unknown.
 * Anything else is read as paragraphs, one per line (donghu-2025): the extractor then
 * reads the table cells from the paragraphs.
 */

type Shape = 'word-dump' | 'pipe-rows' | 'pipe-cells' | 'paragraphs';

const WORD_ARTEFACTS = /\[bookmark: [^\]]*\]/g;

const splitLines = (text: string): string[] =>
  text.replace(/\r\n?/g, '\n').replace(WORD_ARTEFACTS, '').split('\n');

const pipeCells = (line: string): string[] => {
  const pieces = line.split('|').map((p) => p.trim());
  if (pieces.length > 1 && pieces[pieces.length - 1] === '') pieces.pop();
  return pieces;
};

const detectShape = (lines: readonly string[]): Shape => {
  const tabbed = lines.filter((l) => l.startsWith('\t')).length;
  const piped = lines.filter((l) => l.includes('|'));
  if (tabbed >= 10 && tabbed >= piped.length) return 'word-dump';
  if (piped.length >= 10) {
    const multi = piped.filter((l) => pipeCells(l).filter((c) => c !== '').length >= 2).length;
    return multi * 2 >= piped.length ? 'pipe-rows' : 'pipe-cells';
  }
  return 'paragraphs';
};

// trim(), not a /\s+$/ replace: that regex backtracks over every run of spaces not at the end of
// the line (quadratic; a line of 100,000 spaces and a letter took 10 s, 15 MB overflowed the stack).
const paragraph = (line: string): Block | null => {
  const text = line.trim();
  return text === '' ? null : { kind: 'paragraph', text };
};

const readWordDump = (lines: readonly string[]): Block[] => {
  const blocks: Block[] = [];
  let rows: string[][] = [];
  let row: string[] = [];
  let lastWasCell = false;
  const endRow = () => {
    if (row.length > 0) rows.push(row);
    row = [];
  };
  const endTable = () => {
    endRow();
    if (rows.length > 0) blocks.push({ kind: 'table', rows, rowsKnown: true });
    rows = [];
  };
  for (const line of lines) {
    if (line.startsWith('\t')) {
      row.push(line.replace(/^\t+/, '').trim());
      lastWasCell = true;
    } else if (line.trim() === '') {
      endRow();
      lastWasCell = false;
    } else if (lastWasCell) {
      // A label that wrapped inside its cell: Word writes the rest untabbed.
      const i = row.length - 1;
      row[i] = joinPieces(row[i] ?? '', line.trim());
    } else {
      endTable();
      const p = paragraph(line);
      if (p) blocks.push(p);
    }
  }
  endTable();
  return blocks;
};

const readPiped = (lines: readonly string[], rowsKnown: boolean): Block[] => {
  const blocks: Block[] = [];
  let rows: string[][] = [];
  const endTable = () => {
    if (rows.length > 0) blocks.push({ kind: 'table', rows: rowsKnown ? rows : [rows.flat()], rowsKnown });
    rows = [];
  };
  for (const line of lines) {
    if (line.includes('|')) {
      rows.push(pipeCells(line));
    } else if (line.trim() !== '') {
      endTable();
      const p = paragraph(line);
      if (p) blocks.push(p);
    }
  }
  endTable();
  return blocks;
};

export const readText = (text: string, encoding?: string): SourceDocument => {
  const lines = splitLines(text);
  const shape = detectShape(lines);
  const blocks =
    shape === 'word-dump'
      ? readWordDump(lines)
      : shape === 'pipe-rows'
        ? readPiped(lines, true)
        : shape === 'pipe-cells'
          ? readPiped(lines, false)
          : lines.map(paragraph).filter((b): b is Block => b !== null);
  return { format: 'text', ...(encoding ? { encoding } : {}), blocks, diagnostics: [] };
};
