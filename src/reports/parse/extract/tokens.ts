import type { Block } from '../document.ts';
import { foldLabel } from './normalize.ts';

/**
 * The document as one stream of pieces of text: table cells and paragraphs alike, so that
 * a table the page flattened into paragraphs reads the same as a real one.
 */
export interface Token {
  readonly text: string;
  readonly folded: string;
  readonly kind: 'cell' | 'paragraph';
  /** Index of the row this cell belongs to, where the source knows its rows; else -1. */
  readonly row: number;
}

export const tokenize = (blocks: readonly Block[]): Token[] => {
  const tokens: Token[] = [];
  let rowIndex = 0;
  for (const block of blocks) {
    if (block.kind === 'paragraph') {
      tokens.push({ text: block.text, folded: foldLabel(block.text), kind: 'paragraph', row: -1 });
      continue;
    }
    for (const cells of block.rows) {
      const row = block.rowsKnown ? rowIndex++ : -1;
      for (const text of cells) tokens.push({ text, folded: foldLabel(text), kind: 'cell', row });
    }
  }
  return tokens;
};

/** Whether the token at i starts a new known row (so the row before it has ended). */
export const startsRow = (tokens: readonly Token[], i: number): boolean => {
  const t = tokens[i];
  const prev = tokens[i - 1];
  return t !== undefined && t.row >= 0 && (prev === undefined || prev.row !== t.row);
};

/** Finds the first token at or after `from` (and before `to`) that satisfies `test`. */
export const findToken = (
  tokens: readonly Token[],
  from: number,
  to: number,
  test: (t: Token) => boolean,
): number => {
  for (let i = from; i < Math.min(to, tokens.length); i++) {
    const t = tokens[i];
    if (t && test(t)) return i;
  }
  return -1;
};
