import { type Kysely, sql } from 'kysely';
import { rebuildSearchIndex } from '../../disclosure/search-index.ts';
import type { DB } from '../schema.ts';
import { createSearchIndexState } from './2026112724_search_index_state.ts';
import { isPostgres } from './dialect.ts';

/**
 * The search's filters (agency, year, Art. 20 item) as words of the full-text index
 * (search-index.ts), so that a filtered search never reads the items table: a third FTS5
 * column on SQLite (an FTS5 table cannot gain a column: it is made anew), a second tsvector
 * with its own GIN index on PostgreSQL. The index is filled again from the published items;
 * this migration alone runs the application's indexer, because tokenising is not SQL. The
 * indexer counts its changes in search_index_state (2026112724, which made it for databases
 * already past this step): it is made here first when missing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchIndexState(db);
  if (isPostgres(db)) {
    await sql`alter table disclosure_search add column facets tsvector not null default ''::tsvector`.execute(
      db,
    );
    await sql`create index disclosure_search_facets_index on disclosure_search using gin (facets)`.execute(
      db,
    );
  } else {
    await sql`drop table disclosure_search`.execute(db);
    await sql`create virtual table disclosure_search using fts5(title, body, facets, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(
      db,
    );
  }
  await rebuildSearchIndex(db as unknown as Kysely<DB>);
}

/** Back to the index without facets, empty on SQLite: the code of that version fills it again. */
export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop index disclosure_search_facets_index`.execute(db);
    await sql`alter table disclosure_search drop column facets`.execute(db);
  } else {
    await sql`drop table disclosure_search`.execute(db);
    await sql`create virtual table disclosure_search using fts5(title, body, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(
      db,
    );
  }
}
