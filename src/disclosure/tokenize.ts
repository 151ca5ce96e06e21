/**
 * Tokens for searching Chinese text. Chinese has no spaces between words, and a dictionary
 * segmenter splits the same words differently in different sentences, so the index holds:
 *
 * - every overlapping pair of characters (bigram) of each run of Han characters, in order,
 *   so that a word of two or more characters is found wherever it stands, and a phrase is a
 *   run of adjacent bigrams;
 * - the words Intl.Segmenter finds, besides the two-character ones (already bigrams): single
 *   characters that stand as words, and longer words;
 * - letters and numbers (ASCII and the like), and a number with the Han character right after
 *   it ('12号', '2019年'), so that 汴政〔2019〕12号 is found by '2019' and by '12号';
 * - for each synonym (低保 ↔ 最低生活保障) one side appears in, the other side's tokens.
 *
 * The same tokens go to SQLite FTS5 (unicode61) and PostgreSQL ('simple'), joined by spaces:
 * they hold only letters and digits, which both split on nothing further.
 */

export interface Synonym {
  readonly term: string;
  readonly expansion: string;
}

/** Full-width forms folded (２０１９ → 2019, Ａ → a), lower case. */
export const normalizeText = (text: string): string => text.normalize('NFKC').toLowerCase();

const HAN_RUN = /\p{Script=Han}+/gu;
const HAN_CHAR = /^\p{Script=Han}$/u;
/** Letters and digits of any script but Han, and the Han character right after them. */
const OTHER_RUN = /((?:(?!\p{Script=Han})[\p{L}\p{N}])+)(\p{Script=Han})?/gu;
/** Longer runs of letters are codes or noise, not words anyone searches for. */
const MAX_OTHER = 40;

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });

const isHan = (text: string): boolean => /^\p{Script=Han}+$/u.test(text);

/** The bigrams of a Han run in order; a single character is its own token. */
export const hanGrams = (run: string): string[] => {
  const chars = [...run];
  if (chars.length <= 1) return chars;
  const grams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) grams.push(`${chars[i]}${chars[i + 1]}`);
  return grams;
};

/** Bigrams of the Han runs, letters and numbers, number+character compounds: no segmenter. */
const plainTokens = (norm: string): string[] => {
  const tokens: string[] = [];
  for (const [run] of norm.matchAll(HAN_RUN)) tokens.push(...hanGrams(run));
  for (const [, other, han] of norm.matchAll(OTHER_RUN)) {
    if (other === undefined || other.length > MAX_OTHER) continue;
    tokens.push(other);
    if (han !== undefined) tokens.push(`${other}${han}`);
  }
  return tokens;
};

/** ICU's dictionary segmenter slows down more than linearly on long text: it gets short pieces. */
const SEGMENT_CHUNK = 200;

/**
 * The words the segmenter finds that bigrams do not already give: one character, or three and
 * more. Each Han run is segmented on its own (the words kept are Han only), in chunks.
 */
const segmenterWords = (norm: string): string[] => {
  const words: string[] = [];
  for (const [run] of norm.matchAll(HAN_RUN)) {
    for (let at = 0; at < run.length; ) {
      let end = Math.min(run.length, at + SEGMENT_CHUNK);
      // Never cut a character outside the Basic Multilingual Plane in two.
      if (/[\ud800-\udbff]/.test(run[end - 1] ?? '')) end++;
      const chunk = run.slice(at, end);
      at = end;
      for (const { segment, isWordLike } of segmenter.segment(chunk)) {
        if (!isWordLike || !isHan(segment)) continue;
        const length = [...segment].length;
        if (length !== 2) words.push(segment);
      }
    }
  }
  return words;
};

/** Both sides of every synonym, normalised, each with the strings it stands for. */
export const synonymMap = (synonyms: readonly Synonym[]): Map<string, string[]> => {
  const map = new Map<string, string[]>();
  const link = (a: string, b: string) => {
    if (a === '' || b === '' || a === b) return;
    const list = map.get(a) ?? [];
    if (!list.includes(b)) list.push(b);
    map.set(a, list);
  };
  for (const { term, expansion } of synonyms) {
    const t = normalizeText(term.trim());
    const e = normalizeText(expansion.trim());
    link(t, e);
    link(e, t);
  }
  return map;
};

/** The tokens of a text for the index, in order, with repeats (they count in the ranking). */
export const indexTokens = (text: string, synonyms: readonly Synonym[] = []): string[] =>
  tokensWith(text, synonymMap(synonyms), true);

/**
 * indexTokens with the synonyms already mapped; without the segmenter's words when `words` is
 * false (then only the tokens a query of bigrams, numbers and letters can ask for, unordered).
 */
const tokensWith = (text: string, synonyms: ReadonlyMap<string, string[]>, words: boolean): string[] => {
  const norm = normalizeText(text);
  const tokens = words ? [...plainTokens(norm), ...segmenterWords(norm)] : plainTokens(norm);
  for (const [surface, others] of synonyms) {
    if (!norm.includes(surface)) continue;
    for (const other of others) tokens.push(...plainTokens(other));
  }
  return tokens;
};

/**
 * A test of texts against a query, as the index would match them (matchesTokens over
 * indexTokens). The segmenter, most of the cost, is run only when the query asks for what only
 * it gives (a single character or a longer word) or for a phrase, whose positions count.
 */
export const textMatcher = (
  parsed: ParsedQuery,
  synonyms: readonly Synonym[],
): ((text: string) => boolean) => {
  const map = synonymMap(synonyms);
  const words = parsed.clauses.some((c) =>
    c.alternatives.some((a) => a.phrases.length > 0 || a.tokens.some((t) => isHan(t) && [...t].length !== 2)),
  );
  return (text) => matchesTokens(parsed, tokensWith(text, map, words));
};

/** The text the index stores: tokens joined by spaces. */
export const indexText = (text: string, synonyms: readonly Synonym[] = []): string =>
  indexTokens(text, synonyms).join(' ');

// ---------------------------------------------------------------------------------------------
// Queries

/** All tokens must be present, and each phrase as adjacent tokens. */
export interface Alternative {
  readonly tokens: readonly string[];
  readonly phrases: readonly (readonly string[])[];
}

/** One thing the reader asked for: any of its alternatives (a synonym's spellings) will do. */
export interface Clause {
  readonly alternatives: readonly Alternative[];
  /** What to highlight in a result: the words as typed and their synonyms (normalised). */
  readonly surfaces: readonly string[];
}

/** Every clause must match. No clauses: nothing searchable was typed. */
export interface ParsedQuery {
  readonly clauses: readonly Clause[];
}

export const MAX_QUERY_LENGTH = 100;
const MAX_CLAUSES = 24;

const alternativeOf = (surface: string): Alternative => ({ tokens: plainTokens(surface), phrases: [] });

/**
 * Groups the segmenter's words of a Han run: a lone character joins the word before it (or
 * the one after, at the start), so that unknown names (鼓|楼|区) are searched as one run of
 * bigrams rather than as single characters the index may not hold.
 */
const hanGroups = (run: string): string[] => {
  const groups: string[] = [];
  let lastSingle = false;
  for (const { segment } of segmenter.segment(run)) {
    const single = [...segment].length === 1;
    const last = groups.length - 1;
    const current = groups[last];
    if (current === undefined) groups.push(segment);
    else if (single || (lastSingle && [...current].length === 1)) groups[last] = current + segment;
    else groups.push(segment);
    lastSingle = single;
  }
  return groups;
};

/**
 * The clauses of plain typed text (no quotes, no synonyms in it). Right after a synonym, a
 * character standing alone belongs to it (低保|金, 社保|卡) and is left to the synonym.
 */
const plainClauses = (piece: string, afterSynonym: boolean): Clause[] => {
  const clauses: Clause[] = [];
  const runs = [...piece.matchAll(/(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}])+)/gu)];
  let skipFirstHan = afterSynonym && runs[0]?.index === 0 && runs[0]?.[1] !== undefined;
  for (const match of runs) {
    const [text, han, other] = match;
    if (other !== undefined) {
      if (other.length > MAX_OTHER) continue;
      const next = piece[match.index + text.length];
      // '12号': the number with its character is one token, and stands for both.
      const compound = next !== undefined && HAN_CHAR.test(next) ? `${other}${next}` : null;
      const surface = compound ?? other;
      clauses.push({ alternatives: [{ tokens: [surface], phrases: [] }], surfaces: [surface] });
      skipFirstHan = compound !== null;
      continue;
    }
    if (han === undefined) continue;
    let run = han;
    if (skipFirstHan) {
      // The character went with the number ('2019年'); if it stood as a word alone, it is done.
      const first = segmenter.segment(run)[Symbol.iterator]().next().value?.segment ?? '';
      if ([...first].length === 1) run = [...run].slice(1).join('');
    }
    skipFirstHan = false;
    const groups = run === '' ? [] : hanGroups(run);
    for (const group of groups) clauses.push({ alternatives: [alternativeOf(group)], surfaces: [group] });
  }
  return clauses;
};

/** A quoted phrase: its Han runs as adjacent bigrams, its numbers and letters as tokens. */
const phraseClause = (phrase: string): Clause | null => {
  const tokens: string[] = [];
  const phrases: string[][] = [];
  for (const [run] of phrase.matchAll(HAN_RUN)) {
    const grams = hanGrams(run);
    if (grams.length === 1) tokens.push(...grams);
    else phrases.push(grams);
  }
  for (const [, other, han] of phrase.matchAll(OTHER_RUN)) {
    if (other === undefined || other.length > MAX_OTHER) continue;
    tokens.push(han === undefined ? other : `${other}${han}`);
  }
  if (tokens.length === 0 && phrases.length === 0) return null;
  return { alternatives: [{ tokens, phrases }], surfaces: [phrase.trim()] };
};

/**
 * What a reader typed, as clauses: a quoted phrase (“…” or "…") must appear as written; a
 * synonym's side found in the text becomes a clause of all its spellings; the rest is split
 * into words (each a run of bigrams), numbers and letters. Every clause must match.
 */
export const parseQuery = (
  query: string,
  synonyms: readonly Synonym[] = [],
  limits: { maxLength: number; maxClauses: number } = {
    maxLength: MAX_QUERY_LENGTH,
    maxClauses: MAX_CLAUSES,
  },
): ParsedQuery => {
  const norm = normalizeText(query).slice(0, limits.maxLength);
  const clauses: Clause[] = [];
  const unquoted = norm.replace(/"([^"]*)"|“([^”]*)”|「([^」]*)」/g, (_all, a, b, c) => {
    const clause = phraseClause(String(a ?? b ?? c ?? ''));
    if (clause !== null) clauses.push(clause);
    return ' ';
  });

  const map = synonymMap(synonyms);
  const surfaces = [...map.keys()].sort((a, b) => b.length - a.length);
  let buffer = '';
  let afterSynonym = false;
  const flush = () => {
    clauses.push(...plainClauses(buffer, afterSynonym));
    buffer = '';
  };
  for (let i = 0; i < unquoted.length; ) {
    const found = surfaces.find((s) => unquoted.startsWith(s, i));
    if (found === undefined) {
      buffer += unquoted[i];
      i++;
      continue;
    }
    flush();
    const spellings = [found, ...(map.get(found) ?? [])];
    clauses.push({ alternatives: spellings.map(alternativeOf), surfaces: spellings });
    i += found.length;
    afterSynonym = true;
  }
  flush();
  // A lone character beside other words ('金' of 低保金, '的') is rarely a word of its own in
  // the index; with other clauses to go by it is left out. Alone, it is searched as it is.
  const kept = clauses.length > 1 ? clauses.filter((c) => !isLoneCharacter(c)) : clauses;
  return { clauses: dedupe(kept.length > 0 ? kept : clauses).slice(0, limits.maxClauses) };
};

const isLoneCharacter = (clause: Clause): boolean =>
  clause.alternatives.length === 1 &&
  clause.alternatives[0]?.phrases.length === 0 &&
  clause.alternatives[0]?.tokens.length === 1 &&
  HAN_CHAR.test(clause.alternatives[0]?.tokens[0] ?? '');

const dedupe = (clauses: Clause[]): Clause[] => {
  const seen = new Set<string>();
  return clauses.filter((c) => {
    const key = JSON.stringify(c.alternatives);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/**
 * Whether a text indexed as `tokens` (indexTokens, in order) matches the query as the index
 * does: every clause by one of its alternatives, that is all its tokens present and each of
 * its phrases as consecutive tokens (the index's positions are the tokens' places in order).
 */
export const matchesTokens = (parsed: ParsedQuery, tokens: readonly string[]): boolean => {
  const present = new Set(tokens);
  const hasPhrase = (phrase: readonly string[]): boolean => {
    for (let at = 0; at + phrase.length <= tokens.length; at++)
      if (phrase.every((t, k) => tokens[at + k] === t)) return true;
    return false;
  };
  return parsed.clauses.every((clause) =>
    clause.alternatives.some((a) => a.tokens.every((t) => present.has(t)) && a.phrases.every(hasPhrase)),
  );
};

/** Every token a query mentions, once each: for an OR search. */
export const queryTokens = (parsed: ParsedQuery): string[] => [
  ...new Set(
    parsed.clauses.flatMap((c) => c.alternatives.flatMap((a) => [...a.tokens, ...a.phrases.flat()])),
  ),
];
