import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * One row counting the changes to the full-text index: every indexItem and unindexItem adds 1
 * in the item's own transaction. A process that keeps what it read from the index (the common
 * words' bitmaps, word-bitmaps.ts) reads the count at each search and drops what it kept when
 * another process, or this one, has changed the index since.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await createSearchIndexState(db);
}

/** The table and its row, unless there (2026112716 makes them first on a new database). */
export async function createSearchIndexState(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('search_index_state')
    .ifNotExists()
    .addColumn('id', 'integer', (col) => col.primaryKey())
    .addColumn('version', 'bigint', (col) => col.notNull().defaultTo(0))
    .execute();
  await sql`insert into search_index_state (id, version) values (1, 0) on conflict (id) do nothing`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('search_index_state').execute();
}
