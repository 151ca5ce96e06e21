import { type Kysely, sql } from 'kysely';
import { isPostgres } from '../db/migrations/dialect.ts';
import type { DB } from '../db/schema.ts';
import type { ParsedQuery } from './tokenize.ts';

/**
 * The items each word of the SQLite index is in, kept in memory: as a bitmap for a common word,
 * as a list for the others. FTS5 intersects two common words by walking both their lists of
 * entries whole: 要点 and 实施, in 124,000 of a million items each and never together, cost 7 ms
 * to find nothing, 实施方案 工作要点 20 ms. Two bitmaps are intersected a machine word (32
 * items) at a time, in a few hundred microseconds. The search (search-index.ts) asks here first
 * and falls back to the index for what is not a plain conjunction of words (a phrase).
 *
 * What is kept belongs to one database handle and to one state of the index: the count in
 * search_index_state, which every change of the index raises in its own transaction, is read
 * at each search, and everything kept is dropped when it has moved (another process published
 * or withdrew an item). PostgreSQL's GIN index intersects bitmaps itself: not used there.
 */

/** A word in more items than this is kept as a bitmap; in fewer, as the list of its items. */
export const COMMON_WORD = 4096;
/** What the bitmaps of one handle may take: some 240 of them at a million items. */
const MAX_BITMAP_BYTES = 32 * 1024 * 1024;
/** How many lists of rarer words are kept. */
const MAX_LISTS = 4096;

/** The items holding a word: newest first, or a bitmap indexed by item id. */
type IdSet = { readonly list: readonly number[] } | { readonly bits: Uint32Array };

interface Kept {
  readonly version: number;
  readonly bitmaps: Map<string, Uint32Array>;
  readonly lists: Map<string, readonly number[]>;
  bitmapBytes: number;
}

const kept = new WeakMap<Kysely<DB>, Kept>();

/** Where a word is looked for: the title and body columns, the title alone, or the facets. */
export type WordColumn = 'text' | 'title' | 'facets';
const COLUMN_FILTER: Record<WordColumn, string> = {
  text: '{title body}',
  title: '{title}',
  facets: '{facets}',
};

const hasBit = (bits: Uint32Array, id: number): boolean => (((bits[id >>> 5] ?? 0) >>> (id & 31)) & 1) === 1;

/** What is kept for the index as it is now; null when there is no count to go by (an old schema). */
const current = async (db: Kysely<DB>): Promise<Kept | null> => {
  let version: number;
  try {
    const { rows } = await sql<{
      version: number | string;
    }>`select version from search_index_state where id = 1`.execute(db);
    if (rows[0] === undefined) return null;
    version = Number(rows[0].version);
  } catch {
    return null;
  }
  const state = kept.get(db);
  if (state !== undefined && state.version === version) return state;
  const fresh: Kept = { version, bitmaps: new Map(), lists: new Map(), bitmapBytes: 0 };
  kept.set(db, fresh);
  return fresh;
};

/** Moves a key to the end of a Map's order: the least recently used are first. */
const touch = <V>(map: Map<string, V>, key: string, value: V): void => {
  map.delete(key);
  map.set(key, value);
};

const wordSet = async (
  db: Kysely<DB>,
  state: Kept,
  column: WordColumn,
  word: string,
  common: number,
): Promise<IdSet> => {
  // The threshold is in the key for the tests, which try several on one database.
  const key = `${column} ${common} ${word}`;
  const bits = state.bitmaps.get(key);
  if (bits !== undefined) {
    touch(state.bitmaps, key, bits);
    return { bits };
  }
  const list = state.lists.get(key);
  if (list !== undefined) {
    touch(state.lists, key, list);
    return { list };
  }
  // Tokens hold only letters and digits (tokenize.ts): quoting is enough.
  const match = `${COLUMN_FILTER[column]} : "${word}"`;
  const { rows } = await sql<{ id: number }>`select rowid as id from disclosure_search
    where disclosure_search match ${match} order by rowid desc limit ${common + 1}`.execute(db);
  if (rows.length <= common) {
    const ids = rows.map((r) => r.id);
    if (state.lists.size >= MAX_LISTS) state.lists.delete(state.lists.keys().next().value ?? '');
    state.lists.set(key, ids);
    return { list: ids };
  }
  const all = await sql<{ id: number }>`select rowid as id from disclosure_search
    where disclosure_search match ${match}`.execute(db);
  let max = 0;
  for (const { id } of all.rows) if (id > max) max = id;
  const made = new Uint32Array((max >>> 5) + 1);
  for (const { id } of all.rows) made[id >>> 5] = ((made[id >>> 5] ?? 0) | (1 << (id & 31))) >>> 0;
  keepBitmap(state, key, made);
  return { bits: made };
};

/** Keeps a bitmap, forgetting the least recently used past the bound. */
const keepBitmap = (state: Kept, key: string, bits: Uint32Array): void => {
  for (const [oldKey, old] of state.bitmaps) {
    if (state.bitmapBytes + bits.byteLength <= MAX_BITMAP_BYTES) break;
    state.bitmaps.delete(oldKey);
    state.bitmapBytes -= old.byteLength;
  }
  state.bitmaps.set(key, bits);
  state.bitmapBytes += bits.byteLength;
};

/** Any of the sets: one list when all are lists, else one bitmap. */
const union = (sets: readonly IdSet[]): IdSet => {
  if (sets.length === 1 && sets[0] !== undefined) return sets[0];
  const lists = sets.flatMap((s) => ('list' in s ? [s.list] : []));
  const bitmaps = sets.flatMap((s) => ('bits' in s ? [s.bits] : []));
  if (bitmaps.length === 0) return { list: [...new Set(lists.flat())].sort((a, b) => b - a) };
  // A loop, not Math.max(...ids): an agency's many facet lists may hold more ids than a call's
  // arguments can.
  let max = 0;
  for (const b of bitmaps) max = Math.max(max, b.length * 32 - 1);
  for (const list of lists) for (const id of list) if (id > max) max = id;
  const bits = new Uint32Array((max >>> 5) + 1);
  for (const b of bitmaps) for (let w = 0; w < b.length; w++) bits[w] = ((bits[w] ?? 0) | (b[w] ?? 0)) >>> 0;
  for (const id of lists.flat()) bits[id >>> 5] = ((bits[id >>> 5] ?? 0) | (1 << (id & 31))) >>> 0;
  return { bits };
};

/** The newest `n` items in every set (newest first), down to id `from`. */
const newestInAll = (sets: readonly IdSet[], n: number, from: number): number[] => {
  const lists = sets.flatMap((s) => ('list' in s ? [s.list] : [])).sort((a, b) => a.length - b.length);
  const bitmaps = sets.flatMap((s) => ('bits' in s ? [s.bits] : []));
  const found: number[] = [];
  const [driver, ...others] = lists;
  if (driver !== undefined) {
    const otherSets = others.map((l) => new Set(l));
    for (const id of driver) {
      if (id < from) break;
      if (otherSets.every((s) => s.has(id)) && bitmaps.every((b) => hasBit(b, id))) {
        found.push(id);
        if (found.length >= n) break;
      }
    }
    return found;
  }
  const length = Math.min(...bitmaps.map((b) => b.length));
  for (let w = length - 1; w >= 0 && found.length < n; w--) {
    let word = 0xffffffff;
    for (const b of bitmaps) {
      word &= b[w] ?? 0;
      if (word === 0) break;
    }
    while (word !== 0 && found.length < n) {
      const bit = 31 - Math.clz32(word);
      const id = w * 32 + bit;
      if (id < from) return found;
      found.push(id);
      word &= ~(1 << bit);
    }
  }
  return found;
};

/**
 * The newest `n` items matching the query (each clause by its one alternative, as search-index.ts
 * asks the index) and the facet clauses (any of each clause's facet words), newest first, as the
 * index would find them with `{title body}` (or `{title}`) and `{facets}` filters; null when the query is not
 * for here: on PostgreSQL, inside a transaction (its own writes are not in what is kept), with
 * a phrase (the index alone has positions), or without the count to go by.
 */
export async function newestMatches(
  db: Kysely<DB>,
  parsed: ParsedQuery,
  facets: readonly (readonly string[])[],
  n: number,
  options: {
    common?: number;
    /** The words in the title only (the title column), rather than in the title or the body. */
    title?: boolean;
    /** Items from this id up. */
    from?: number;
  } = {},
): Promise<number[] | null> {
  if (isPostgres(db) || db.isTransaction) return null;
  const alternatives = parsed.clauses.map((c) =>
    c.alternatives.length === 1 ? c.alternatives[0] : undefined,
  );
  if (alternatives.some((a) => a === undefined || a.phrases.length > 0 || a.tokens.length === 0)) return null;
  if (alternatives.length === 0 && facets.length === 0) return null;
  const state = await current(db);
  if (state === null) return null;
  const common = options.common ?? COMMON_WORD;
  const sets: IdSet[] = [];
  for (const a of alternatives)
    for (const token of a?.tokens ?? [])
      sets.push(await wordSet(db, state, options.title === true ? 'title' : 'text', token, common));
  for (const clause of facets) {
    // An agency with those under it is many facet words: their union is kept too.
    const key = `facets any ${common} ${clause.join(' ')}`;
    const united = clause.length > 1 ? state.bitmaps.get(key) : undefined;
    if (united !== undefined) {
      touch(state.bitmaps, key, united);
      sets.push({ bits: united });
      continue;
    }
    const any: IdSet[] = [];
    for (const word of clause) any.push(await wordSet(db, state, 'facets', word, common));
    const set = union(any);
    if (clause.length > 1 && 'bits' in set) keepBitmap(state, key, set.bits);
    sets.push(set);
  }
  return newestInAll(sets, n, options.from ?? 0);
}
