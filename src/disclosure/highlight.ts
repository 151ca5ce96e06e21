import { normalizeText, type ParsedQuery } from './tokenize.ts';

/**
 * Highlighting as data: a text cut into parts, each a hit or not. The view escapes every part
 * and wraps the hits in <mark>; no HTML is built here.
 */
export interface TextPart {
  readonly text: string;
  readonly hit: boolean;
}

/**
 * The text normalised as the index sees it (NFKC, lower case), with each normalised code
 * unit's offset in the original: a match found in the one is cut from the other.
 */
const normalizedWithOffsets = (text: string): { norm: string; origin: number[] } => {
  let norm = '';
  const origin: number[] = [];
  let offset = 0;
  for (const char of text) {
    const n = normalizeText(char);
    norm += n;
    for (let i = 0; i < n.length; i++) origin.push(offset);
    offset += char.length;
  }
  origin.push(text.length);
  return { norm, origin };
};

/** What to look for: the words of every clause and their synonyms, longest first. */
export const highlightTerms = (parsed: ParsedQuery): string[] =>
  [...new Set(parsed.clauses.flatMap((c) => c.surfaces).filter((s) => s.trim() !== ''))].sort(
    (a, b) => b.length - a.length,
  );

/** The ranges [start, end) of the original text where any term occurs, in order, not overlapping. */
const hitRanges = (text: string, terms: readonly string[]): [number, number][] => {
  if (terms.length === 0 || text === '') return [];
  const { norm, origin } = normalizedWithOffsets(text);
  const ranges: [number, number][] = [];
  for (let i = 0; i < norm.length; ) {
    const term = terms.find((t) => norm.startsWith(t, i));
    if (term === undefined) {
      i++;
      continue;
    }
    const start = origin[i] ?? text.length;
    const end = origin[i + term.length] ?? text.length;
    const last = ranges.at(-1);
    if (last !== undefined && last[1] >= start) last[1] = Math.max(last[1], end);
    else ranges.push([start, end]);
    i += term.length;
  }
  return ranges;
};

const partsOf = (
  text: string,
  ranges: readonly [number, number][],
  from = 0,
  to = text.length,
): TextPart[] => {
  const parts: TextPart[] = [];
  let at = from;
  for (const [start, end] of ranges) {
    if (end <= from || start >= to) continue;
    const s = Math.max(start, from);
    const e = Math.min(end, to);
    if (s > at) parts.push({ text: text.slice(at, s), hit: false });
    parts.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < to) parts.push({ text: text.slice(at, to), hit: false });
  return parts;
};

/** The whole text with its hits marked (a title). */
export const highlight = (text: string, terms: readonly string[]): TextPart[] =>
  partsOf(text, hitRanges(text, terms));

export const SNIPPET_LENGTH = 120;
const LEAD = 30;

/**
 * A window of about `length` characters of the text around the first hit (the start when
 * nothing is hit), on one line, with '…' where it was cut.
 */
export const snippet = (text: string, terms: readonly string[], length = SNIPPET_LENGTH): TextPart[] => {
  const flat = text.replace(/\s+/g, ' ').trim();
  const ranges = hitRanges(flat, terms);
  const first = ranges[0];
  let from = first === undefined ? 0 : Math.max(0, first[0] - LEAD);
  const to = Math.min(flat.length, from + length);
  from = Math.max(0, Math.min(from, to - length));
  // Never cut a surrogate pair in two.
  if (from > 0 && /[\udc00-\udfff]/.test(flat[from] ?? '')) from--;
  const end = to < flat.length && /[\ud800-\udbff]/.test(flat[to - 1] ?? '') ? to + 1 : to;
  const parts = partsOf(flat, ranges, from, end);
  return [
    ...(from > 0 ? [{ text: '…', hit: false }] : []),
    ...parts,
    ...(end < flat.length ? [{ text: '…', hit: false }] : []),
  ];
};
