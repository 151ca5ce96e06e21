import { type AliasedRawBuilder, type Kysely, type RawBuilder, sql } from 'kysely';
import { isPostgres } from '../db/migrations/dialect.ts';
import type { DB } from '../db/schema.ts';
import { loadSynonyms } from './synonyms.ts';
import { type Alternative, indexText, type ParsedQuery, type Synonym } from './tokenize.ts';

/**
 * The full-text index of published items, the one place the two databases differ:
 * SQLite FTS5 (a contentless table, rowid = item id, columns title and body, bm25) and
 * PostgreSQL (a tsvector of the 'simple' configuration, title weighted A and body B, a GIN
 * index, ts_rank). Both are fed the same pre-tokenised text (tokenize.ts) and written in the
 * transaction that changes the item.
 */

/** Only this much of a body is indexed: a tsvector must stay under 1 MB. */
export const MAX_INDEXED_CHARS = 100_000;

export interface IndexedItem {
  readonly id: number;
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

const titleText = (item: IndexedItem, synonyms: readonly Synonym[]) =>
  indexText([item.title, item.documentNumber ?? '', item.issuingAgency ?? ''].join('\n'), synonyms);

const bodyText = (item: IndexedItem, synonyms: readonly Synonym[]) =>
  indexText(item.bodyText.slice(0, MAX_INDEXED_CHARS), synonyms);

/** Removes an item from the index (withdrawn, or about to be indexed again). */
export async function unindexItem(db: Kysely<DB>, itemId: number): Promise<void> {
  if (isPostgres(db)) await sql`delete from disclosure_search where item_id = ${itemId}`.execute(db);
  else await sql`delete from disclosure_search where rowid = ${itemId}`.execute(db);
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
  if (isPostgres(db))
    await sql`insert into disclosure_search (item_id, document) values (${item.id},
      setweight(to_tsvector('simple', ${title}), 'A') || setweight(to_tsvector('simple', ${body}), 'B'))`.execute(
      db,
    );
  else
    await sql`insert into disclosure_search (rowid, title, body) values (${item.id}, ${title}, ${body})`.execute(
      db,
    );
}

/** Empties the index and fills it again from every published item (after a synonym change). */
export async function rebuildSearchIndex(db: Kysely<DB>): Promise<number> {
  const synonyms = await loadSynonyms(db);
  if (isPostgres(db)) await sql`delete from disclosure_search`.execute(db);
  else await sql`insert into disclosure_search (disclosure_search) values ('delete-all')`.execute(db);
  let count = 0;
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('disclosure_items')
      .select(['id', 'title', 'document_number', 'issuing_agency', 'body_text'])
      .where('status', '=', 'published')
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return count;
    for (const row of rows) {
      await indexItem(
        db,
        {
          id: row.id,
          title: row.title,
          documentNumber: row.document_number,
          issuingAgency: row.issuing_agency,
          bodyText: row.body_text,
        },
        synonyms,
      );
      count++;
    }
    after = rows.at(-1)?.id ?? after;
  }
}

// ---------------------------------------------------------------------------------------------
// Query text. Tokens hold only letters and digits (tokenize.ts), so quoting them is enough.

const ftsAlternative = (a: Alternative): string =>
  [...a.tokens.map((t) => `"${t}"`), ...a.phrases.map((p) => `"${p.join(' ')}"`)].join(' AND ');

const tsAlternative = (a: Alternative): string =>
  [
    ...a.tokens.map((t) => `'${t}'`),
    ...a.phrases.map((p) => `(${p.map((t) => `'${t}'`).join(' <-> ')})`),
  ].join(' & ');

const render = (parsed: ParsedQuery, alternative: (a: Alternative) => string, and: string, or: string) =>
  parsed.clauses
    .map((c) => `(${c.alternatives.map((a) => `(${alternative(a)})`).join(` ${or} `)})`)
    .join(` ${and} `);

/** The FTS5 MATCH text of a query: every clause, each any of its alternatives. */
export const ftsQuery = (parsed: ParsedQuery): string => render(parsed, ftsAlternative, 'AND', 'OR');

/** The to_tsquery text of a query. */
export const tsQuery = (parsed: ParsedQuery): string => render(parsed, tsAlternative, '&', '|');

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

/** The index rows matching every clause of a query, to join on `m.item_id`; rank ascending = best. */
export const matchingItems = (db: Kysely<DB>, parsed: ParsedQuery): AliasedRawBuilder<Match, 'm'> =>
  matchSource(db, isPostgres(db) ? tsQuery(parsed) : ftsQuery(parsed));

/** The index rows matching any of the alternatives, to join on `m.item_id`; rank ascending = best. */
export const itemsMatchingAny = (
  db: Kysely<DB>,
  alternatives: readonly Alternative[],
): AliasedRawBuilder<Match, 'm'> => matchSource(db, anyOf(db, alternatives));
