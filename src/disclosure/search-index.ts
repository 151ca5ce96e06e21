import { type AliasedRawBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../db/migrations/dialect.ts';
import type { DB } from '../db/schema.ts';
import { loadSynonyms } from './synonyms.ts';
import { type Alternative, indexText, type ParsedQuery, type Synonym, textMatcher } from './tokenize.ts';
import { newestMatches } from './word-bitmaps.ts';

/**
 * The full-text index of published items, the one place the two databases differ:
 * SQLite FTS5 (a contentless table, rowid = item id, columns title, body and facets) and
 * PostgreSQL (a tsvector of the 'simple' configuration, title weighted A and body B, a GIN
 * index, and a second tsvector of facets). Both are fed the same pre-tokenised text
 * (tokenize.ts) and written in the transaction that changes the item.
 *
 * The facets are the search's filters as words of their own (`a41` agency, `y2019` year of
 * publication, `i5` Art. 20 item): the index intersects them with the words asked for, so a
 * filtered search never reads the items table to find its matches. Only published items are
 * in the index, so there is no status to filter on either.
 *
 * Order: matches in the title (with the document number and issuing agency) first, then those
 * in the body only, each newest first (by id). Ranking by bm25 had to score every match, which
 * cost seconds for a common word over a million items; two index scans in id order stop
 * after a page's worth.
 */

/** Only this much of a body is indexed: a tsvector must stay under 1 MB. */
export const MAX_INDEXED_CHARS = 100_000;

export interface IndexedItem {
  readonly id: number;
  readonly agencyId: number;
  readonly publishedOn: string | null;
  readonly article20Item: number | null;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly issuingAgency: string | null;
  readonly bodyText: string;
}

/** A row of the index query: the item's id and its rank, best first when sorted ascending. */
export interface Match {
  item_id: number;
  rank: number;
}

/** What the title column holds: the title, the document number and the issuing agency. */
const titleSource = (title: string, documentNumber: string | null, issuingAgency: string | null) =>
  [title, documentNumber ?? '', issuingAgency ?? ''].join('\n');

const titleText = (item: IndexedItem, synonyms: readonly Synonym[]) =>
  indexText(titleSource(item.title, item.documentNumber, item.issuingAgency), synonyms);

const bodyText = (item: IndexedItem, synonyms: readonly Synonym[]) =>
  indexText(item.bodyText.slice(0, MAX_INDEXED_CHARS), synonyms);

/** What a search can be narrowed by. An empty list of agencies matches nothing. */
export interface SearchFacets {
  readonly agencyIds?: readonly number[] | undefined;
  readonly year?: number | undefined;
  readonly article20Item?: number | 'other' | undefined;
}

const agencyFacet = (id: number) => `a${id}`;
const yearFacet = (year: number) => `y${year}`;
const itemFacet = (item: number | 'other') => `i${item}`;

/** The facet words of an item (tokens of letters and digits, so both indexes keep them whole). */
export const facetText = (item: IndexedItem): string =>
  [
    agencyFacet(item.agencyId),
    ...(item.publishedOn === null ? [] : [yearFacet(Number(item.publishedOn.slice(0, 4)))]),
    itemFacet(item.article20Item ?? 'other'),
  ].join(' ');

/** The facet words a search must match, each a list of alternatives; null: it can match nothing. */
const facetClauses = (facets: SearchFacets): string[][] | null => {
  const clauses: string[][] = [];
  if (facets.agencyIds !== undefined) {
    if (facets.agencyIds.length === 0) return null;
    clauses.push([...new Set(facets.agencyIds)].map(agencyFacet));
  }
  if (facets.year !== undefined) clauses.push([yearFacet(facets.year)]);
  if (facets.article20Item !== undefined) clauses.push([itemFacet(facets.article20Item)]);
  return clauses;
};

/**
 * Removes an item from the index (withdrawn, or about to be indexed again), and counts a change
 * of the index (search_index_state): what a process keeps of the index is then read anew.
 */
export async function unindexItem(db: Kysely<DB>, itemId: number): Promise<void> {
  if (isPostgres(db)) await sql`delete from disclosure_search where item_id = ${itemId}`.execute(db);
  else await sql`delete from disclosure_search where rowid = ${itemId}`.execute(db);
  await sql`update search_index_state set version = version + 1 where id = 1`.execute(db);
}

/** Puts an item into the index, replacing what was there. Call it inside the item's transaction. */
export async function indexItem(
  db: Kysely<DB>,
  item: IndexedItem,
  synonyms?: readonly Synonym[],
): Promise<void> {
  const words = synonyms ?? (await loadSynonyms(db));
  await unindexItem(db, item.id);
  const title = titleText(item, words);
  const body = bodyText(item, words);
  const facets = facetText(item);
  if (isPostgres(db))
    await sql`insert into disclosure_search (item_id, document, facets) values (${item.id},
      setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'B'),
      to_tsvector('simple', ${facets}))`.execute(db);
  else
    await sql`insert into disclosure_search (rowid, title, body, facets) values (${item.id}, ${title}, ${body}, ${facets})`.execute(
      db,
    );
}

/** Indexes the given items again (those still published), after a synonym or an agency change. */
export async function reindexItems(
  db: Kysely<DB>,
  ids: readonly number[],
  synonyms?: readonly Synonym[],
): Promise<number> {
  const words = synonyms ?? (await loadSynonyms(db));
  const list = [...new Set(ids)].sort((a, b) => a - b);
  let count = 0;
  for (let at = 0; at < list.length; at += 500) {
    const rows = await db
      .selectFrom('disclosure_items')
      .select(INDEXED_COLUMNS)
      .where('id', 'in', list.slice(at, at + 500))
      .where('status', '=', 'published')
      .execute();
    for (const row of rows) await indexItem(db, indexedRow(row), words);
    count += rows.length;
  }
  return count;
}

const INDEXED_COLUMNS = [
  'id',
  'agency_id',
  'published_on',
  'article20_item',
  'title',
  'document_number',
  'issuing_agency',
  'body_text',
] as const;

const indexedRow = (row: {
  id: number;
  agency_id: number;
  published_on: string | null;
  article20_item: number | null;
  title: string;
  document_number: string | null;
  issuing_agency: string | null;
  body_text: string;
}): IndexedItem => ({
  id: row.id,
  agencyId: row.agency_id,
  publishedOn: row.published_on,
  article20Item: row.article20_item,
  title: row.title,
  documentNumber: row.document_number,
  issuingAgency: row.issuing_agency,
  bodyText: row.body_text,
});

export interface IndexMerge {
  /** Merge steps run, each a short transaction of its own. */
  readonly steps: number;
  /** The index's segments (leaf index entries) before and after. */
  readonly before: number;
  readonly after: number;
}

/** Pages of the index one step merges: a step holds the write lock some 0.1–0.5 s on 1M items. */
const MERGE_PAGES = 500;

/**
 * Merges the SQLite index's segments, a step at a time, until there is nothing left to merge.
 * Each item indexed on its own adds a small segment; FTS5 merges them only four of a level at
 * a time, and a search reads every segment of every word it asks for (over the benchmark's
 * million items, a merged index searched 13% faster). A step is FTS5's 'merge' command with a
 * negative page count (any two segments of a level), in its own transaction so that writers
 * wait for one step at most; it did nothing when it changed fewer than two rows. PostgreSQL's
 * GIN index keeps itself (autovacuum empties its pending list): nothing to do there.
 */
export async function mergeSearchIndex(
  db: Kysely<DB>,
  options: { signal?: AbortSignal; pages?: number } = {},
): Promise<IndexMerge> {
  if (isPostgres(db)) return { steps: 0, before: 0, after: 0 };
  const segments = async () =>
    Number(
      (await sql<{ n: number }>`select count(*) as n from disclosure_search_idx`.execute(db)).rows[0]?.n ?? 0,
    );
  const before = await segments();
  let steps = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error('服务停止，检索索引整理已中断，将自动重试');
    const changed = await db.transaction().execute(async (trx) => {
      const total = async () =>
        Number((await sql<{ n: number }>`select total_changes() as n`.execute(trx)).rows[0]?.n ?? 0);
      const start = await total();
      await sql`insert into disclosure_search (disclosure_search, rank)
        values ('merge', ${-(options.pages ?? MERGE_PAGES)})`.execute(trx);
      return (await total()) - start;
    });
    steps++;
    if (changed < 2) return { steps, before, after: await segments() };
    // Let the requests that waited for the lock run before the next step.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** Empties the index and fills it again from every published item (after a synonym change). */
export async function rebuildSearchIndex(db: Kysely<DB>): Promise<number> {
  const synonyms = await loadSynonyms(db);
  if (isPostgres(db)) await sql`delete from disclosure_search`.execute(db);
  else await sql`insert into disclosure_search (disclosure_search) values ('delete-all')`.execute(db);
  await sql`update search_index_state set version = version + 1 where id = 1`.execute(db);
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('disclosure_items')
      .select(INDEXED_COLUMNS)
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return count;
    for (const row of rows) await indexItem(db, indexedRow(row), synonyms);
    count += rows.length;
    after = rows.at(-1)?.id ?? after;
  }
}

// ---------------------------------------------------------------------------------------------
// Query text. Tokens hold only letters and digits (tokenize.ts), so quoting them is enough.

const ftsAlternative = (a: Alternative): string =>
  [...a.tokens.map((t) => `"${t}"`), ...a.phrases.map((p) => `"${p.join(' ')}"`)].join(' AND ');

/** A tsquery word; `:A` restricts it to the title (weight A). */
const tsWord = (t: string, weight = '') => `'${t}'${weight}`;

const tsAlternative = (a: Alternative, weight = ''): string =>
  [
    ...a.tokens.map((t) => tsWord(t, weight)),
    ...a.phrases.map((p) => `(${p.map((t) => tsWord(t, weight)).join(' <-> ')})`),
  ].join(' & ');

const render = (parsed: ParsedQuery, alternative: (a: Alternative) => string, and: string, or: string) =>
  parsed.clauses
    .map((c) => `(${c.alternatives.map((a) => `(${alternative(a)})`).join(` ${or} `)})`)
    .join(` ${and} `);

/** The FTS5 MATCH text of a query: every clause, each any of its alternatives. */
export const ftsQuery = (parsed: ParsedQuery): string => render(parsed, ftsAlternative, 'AND', 'OR');

/** The to_tsquery text of a query; with weight ':A', in the title only. */
export const tsQuery = (parsed: ParsedQuery, weight = ''): string =>
  render(parsed, (a) => tsAlternative(a, weight), '&', '|');

/** The FTS5 MATCH text of a query and its facets; `title`: the words in the title column only. */
const ftsSearch = (parsed: ParsedQuery, facets: readonly string[][], title: boolean): string =>
  [
    ...(parsed.clauses.length === 0 ? [] : [`{${title ? 'title' : 'title body'}} : (${ftsQuery(parsed)})`]),
    ...facets.map((alternatives) => `{facets} : (${alternatives.map((f) => `"${f}"`).join(' OR ')})`),
  ].join(' AND ');

const tsFacets = (facets: readonly string[][]): string =>
  facets.map((alternatives) => `(${alternatives.map((f) => tsWord(f)).join(' | ')})`).join(' & ');

const HAN_TOKEN = /^\p{Script=Han}+$/u;

/**
 * Any one of the alternatives, each as one term: a word of Han characters as the phrase of
 * its bigrams (so that a long word weighs as one word, not as its many pairs), else all its
 * tokens. For suggestions, where the items holding most of the words are wanted.
 */
const anyOf = (db: Kysely<DB>, alternatives: readonly Alternative[]): string => {
  const pg = isPostgres(db);
  return alternatives
    .filter((a) => a.tokens.length + a.phrases.length > 0)
    .map((a) => {
      if (a.phrases.length === 0 && a.tokens.every((t) => HAN_TOKEN.test(t)))
        return pg ? `(${a.tokens.map((t) => `'${t}'`).join(' <-> ')})` : `"${a.tokens.join(' ')}"`;
      return `(${pg ? tsAlternative(a) : ftsAlternative(a)})`;
    })
    .join(pg ? ' | ' : ' OR ');
};

const matchSource = (db: Kysely<DB>, text: string): AliasedRawBuilder<Match, 'm'> => {
  const source: RawBuilder<Match> = isPostgres(db)
    ? sql<Match>`(select item_id, -ts_rank(document, q) as rank
        from disclosure_search, to_tsquery('simple', ${text}) q where document @@ q)`
    : sql<Match>`(select rowid as item_id, bm25(disclosure_search, 5.0, 1.0) as rank
        from disclosure_search where disclosure_search match ${text})`;
  return source.as('m');
};

/**
 * A query as the index needs it: a synonym's clause by the spelling typed alone. The index
 * already holds every spelling of a synonym where any one appears (indexTokens), and the long
 * spelling's many common character pairs made an abbreviation's search read whole doclists.
 */
const asTyped = (parsed: ParsedQuery): ParsedQuery => ({
  clauses: parsed.clauses.map((c) => ({ ...c, alternatives: c.alternatives.slice(0, 1) })),
});

/** What a search of the index found: the first ids in order, and how many match (up to a cap). */
export interface IndexSearch {
  readonly ids: readonly number[];
  /** Counted up to the cap given; more match when it equals the cap. */
  readonly matching: number;
}

/**
 * The items matching a query and its facets, in the index's order (title matches first, then
 * the others, each newest first): the first `limit` ids, and how many match, counted up to
 * `cap`. Two scans in id order: every match up to the cap (which counts them and orders the
 * body matches), and the title matches up to `limit`.
 */
export async function searchIndex(
  db: Kysely<DB>,
  query: ParsedQuery,
  facets: SearchFacets,
  options: {
    limit: number;
    cap: number;
    /** Up to how many matches found all are told apart by their titles (TITLE_CHECK_MAX). */
    titleCheckMax?: number;
    /** From how many items a word is kept as a bitmap (word-bitmaps.ts COMMON_WORD). */
    commonWord?: number;
    /** False: the index alone, without the words kept in memory (to compare them with it). */
    wordSets?: boolean;
  },
): Promise<IndexSearch> {
  const clauses = facetClauses(facets);
  if (clauses === null || query.clauses.length === 0) return { ids: [], matching: 0 };
  const parsed = asTyped(query);
  const scan = async (title: boolean, n: number, from = 0): Promise<number[]> => {
    if (isPostgres(db)) {
      const words = tsQuery(parsed, title ? ':A' : '');
      const facetQuery =
        clauses.length === 0 ? sql`` : sql` and facets @@ to_tsquery('simple', ${tsFacets(clauses)})`;
      const { rows } = await sql<{ item_id: number }>`select item_id from disclosure_search
        where document @@ to_tsquery('simple', ${words})${facetQuery} and item_id >= ${from}
        order by item_id desc limit ${n}`.execute(db);
      return rows.map((r) => Number(r.item_id));
    }
    const { rows } = await sql<{ item_id: number }>`select rowid as item_id from disclosure_search
      where disclosure_search match ${ftsSearch(parsed, clauses, title)} and rowid >= ${from}
      order by rowid desc limit ${n}`.execute(db);
    return rows.map((r) => r.item_id);
  };
  const keptTitles = (n: number, from: number): Promise<number[] | null> =>
    options.wordSets === false
      ? Promise.resolve(null)
      : newestMatches(db, parsed, clauses, n, { common: options.commonWord, title: true, from });
  // The common words' bitmaps where they serve (word-bitmaps.ts), else the index itself.
  const wanted = Math.max(options.cap, options.limit);
  const anywhere =
    (options.wordSets === false
      ? null
      : await newestMatches(db, parsed, clauses, wanted, { common: options.commonWord })) ??
    (await scan(false, wanted));
  if (anywhere.length === 0) return { ids: [], matching: 0 };
  const matching = Math.min(anywhere.length, options.cap);
  const complete = anywhere.length < Math.max(options.cap, options.limit);
  // Every match is in `anywhere` when it holds fewer than the cap: the title matches are then
  // none older than the oldest of them. Title matches from the kept words, else by testing a
  // few titles, else by the index.
  const n = Math.min(options.limit, anywhere.length);
  const from = complete ? (anywhere.at(-1) ?? 0) : 0;
  const inTitle =
    (await keptTitles(n, from)) ??
    (complete && anywhere.length <= (options.titleCheckMax ?? TITLE_CHECK_MAX)
      ? await titleMatches(db, parsed, anywhere)
      : await scan(true, n, from));
  const seen = new Set(inTitle);
  const ids = [...inTitle, ...anywhere.filter((id) => !seen.has(id))].slice(0, options.limit);
  return { ids, matching };
}

/**
 * Up to this many matches, found all, are told apart by their titles here rather than by a
 * second scan of the index: for a rare combination of common words (汴民 + 2019 + 598号) that
 * scan reads the same long lists of entries again to find a few, where testing a title costs
 * some 5 µs (textMatcher). Over the benchmark's 1,000 searches, 200 did best (60: 3.57 ms a
 * search, 200: 3.52, 1,000: 4.42, none: 4.27).
 */
const TITLE_CHECK_MAX = 200;

/** Those of `ids` (newest first, as given) whose title column matches the query. */
const titleMatches = async (
  db: Kysely<DB>,
  parsed: ParsedQuery,
  ids: readonly number[],
): Promise<number[]> => {
  const synonyms = await loadSynonyms(db);
  const rows = await db
    .selectFrom('disclosure_items')
    .select(['id', 'title', 'document_number', 'issuing_agency'])
    .where('id', 'in', [...ids])
    .execute();
  const matches = textMatcher(parsed, synonyms);
  const matched = new Set(
    rows.filter((r) => matches(titleSource(r.title, r.document_number, r.issuing_agency))).map((r) => r.id),
  );
  return ids.filter((id) => matched.has(id));
};

/** The index rows matching any of the alternatives, to join on `m.item_id`; rank ascending = best. */
export const itemsMatchingAny = (
  db: Kysely<DB>,
  alternatives: readonly Alternative[],
): AliasedRawBuilder<Match, 'm'> =>
  matchSource(db, isPostgres(db) ? anyOf(db, alternatives) : `{title body} : (${anyOf(db, alternatives)})`);
