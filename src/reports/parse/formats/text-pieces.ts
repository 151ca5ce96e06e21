/**
 * How the adapters clean a piece of text and join the pieces of one cell or one wrapped
 * paragraph. Full-width characters stay as they are (the extractor folds them itself).
 */

/** Runs of spaces, tabs, line breaks and no-break spaces; the ideographic space is kept. */
const SPACES = /[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f]+/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;

/** One line of text: invisible characters dropped, runs of whitespace made one space, trimmed. */
export const cleanText = (text: string): string => text.replace(INVISIBLE, '').replace(SPACES, ' ').trim();

/** Han characters, CJK punctuation, full-width forms, and the quotes and dashes Chinese text uses. */
const WIDE =
  /[\u2014-\u2026\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

const isWide = (ch: string | undefined): boolean => ch !== undefined && WIDE.test(ch);

/**
 * Joins two pieces of one cell or of one paragraph that wrapped: Chinese text wraps anywhere,
 * so nothing goes between the pieces where either side is Chinese ('本年新' + '制作数量' →
 * '本年新制作数量'); words of other scripts keep one space between them.
 */
export const joinPieces = (a: string, b: string): string => {
  if (a === '') return b;
  if (b === '') return a;
  return isWide(a.at(-1)) || isWide(b[0]) ? a + b : `${a} ${b}`;
};

export const joinAll = (pieces: readonly string[]): string =>
  pieces.reduce((acc, p) => joinPieces(acc, cleanText(p)), '');
