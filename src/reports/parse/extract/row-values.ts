import { isValueLike } from './number.ts';
import { startsRow, type Token } from './tokens.ts';

export interface RowValues {
  /** The raw text of each value cell found, in column order. */
  readonly values: readonly string[];
  /** Index of the first token after the row. */
  readonly end: number;
  /** The document ends before the row does: the remaining cells are missing, not blank. */
  readonly truncated: boolean;
}

const restIsEmpty = (tokens: readonly Token[], from: number): boolean => {
  for (let i = from; i < tokens.length; i++) if (tokens[i]?.folded !== '') return false;
  return true;
};

/**
 * Reads up to `count` value cells after a row's label. A value is only taken from the row it
 * belongs to: where the source knows its rows, reading stops at the row's end; elsewhere it
 * stops at the next piece of text that is not a value (the next row's label).
 * `isLabel` tells a known label from a wrapped piece of this row's own label.
 */
export const readRowValues = (
  tokens: readonly Token[],
  labelIndex: number,
  count: number,
  isLabel: (t: Token) => boolean,
): RowValues => {
  const label = tokens[labelIndex];
  const values: string[] = [];
  let skipped = 0;
  let i = labelIndex + 1;
  for (; i < tokens.length && values.length < count; i++) {
    const t = tokens[i];
    if (!t) break;
    if (label && label.row >= 0 && startsRow(tokens, i)) break;
    if (isValueLike(t.text)) {
      values.push(t.text);
    } else if (values.length === 0 && skipped < 2 && !isLabel(t) && t.text.length <= 40) {
      skipped++; // the rest of a label that wrapped into the next cell or line
    } else {
      break;
    }
  }
  return { values, end: i, truncated: values.length < count && restIsEmpty(tokens, i) };
};
