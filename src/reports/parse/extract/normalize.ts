/**
 * Tolerant label matching. Real reports vary the form's wording in small ways: full-width
 * or ASCII brackets and punctuation, spaces and line breaks inside a label, straight or
 * curly quotes, a missing number prefix. Labels are compared after folding all of that.
 */

const QUOTES = /[“”"'‘’「」『』]/g;
const SPACES = /[\s\u00a0\u3000\u200b\ufeff]+/g;

const CLOSING = new Set(['。', ':', ';', ',']);

/**
 * Drops the trailing 。:;, of a label. A loop, not /[。:;,]+$/: that regex tries every run of them
 * that is not at the end (quadratic; a paragraph of 100,000 '。' and a letter took 9 s).
 */
const trimClosing = (s: string): string => {
  let end = s.length;
  while (end > 0 && CLOSING.has(s[end - 1] ?? '')) end--;
  return end === s.length ? s : s.slice(0, end);
};

/** Folds a label for comparison: NFKC (full-width → ASCII), no spaces, no quotes, one kind of bracket. */
export const foldLabel = (text: string): string =>
  trimClosing(
    text
      .normalize('NFKC')
      .replace(SPACES, '')
      .replace(QUOTES, '')
      .replace(/[【〔［[]/g, '(')
      .replace(/[】〕］\]]/g, ')')
      .replace(/^(\d+)[、,，．]/, '$1.'),
  );

const NUMBERING = /^(?:[一二三四五六七八九十]+[、.]|\([一二三四五六七八九十\d]+\)|\d+\.)/;

/** Drops the form's numbering: '(三)不予公开' → '不予公开', '1.属于国家秘密' → '属于国家秘密'. */
export const stripNumbering = (folded: string): string => {
  let s = folded;
  for (let i = 0; i < 3; i++) {
    const next = s.replace(NUMBERING, '');
    if (next === s) break;
    s = next;
  }
  return s;
};

/** Drops a trailing parenthetical note: '部分公开(区分处理的,…)' → '部分公开'. */
const stripNote = (folded: string): string => folded.replace(/\([^()]*\)$/, '');

export interface LabelMatcher {
  readonly variants: readonly string[];
  readonly cores: readonly string[];
}

export const labelMatcher = (labels: readonly string[]): LabelMatcher => {
  const variants = labels.map(foldLabel);
  return { variants, cores: variants.map((v) => stripNote(stripNumbering(v))) };
};

/**
 * Whether a cell's folded text is this label. A cell may also hold the merged group label in
 * front of the row's own ('(三)不予公开1.属于国家秘密'), or omit the number prefix.
 */
export const matchesLabel = (folded: string, matcher: LabelMatcher): boolean => {
  if (folded.length === 0) return false;
  if (matcher.variants.some((v) => folded === v || (v.length >= 4 && folded.endsWith(v)))) return true;
  // Without its number a short label ('总计', '其他') is also a column heading: too ambiguous.
  const core = stripNote(stripNumbering(folded));
  return core.length >= 3 && matcher.cores.some((c) => core === c);
};

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;

/** Joins two pieces of one cell or paragraph: no space between Chinese characters. */
export const joinPieces = (a: string, b: string): string => {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const last = a[a.length - 1] ?? '';
  const first = b[0] ?? '';
  return HAN.test(last) || HAN.test(first) ? a + b : `${a} ${b}`;
};
