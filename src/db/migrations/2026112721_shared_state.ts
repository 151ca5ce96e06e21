import type { Kysely } from 'kysely';

/**
 * What several app processes on one database must agree on (issue 7). Rate-limit counters:
 * one row per limit, client and fixed window; the client is stored as a hash, not its address.
 * Secrets made once at first start when the configuration gives none (the anonymous forms'
 * CSRF key): a form served by one process is then accepted by another.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_secrets')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('rate_limit_counts')
    // 'global' or the route's 'METHOD /url' for a route's own limit.
    .addColumn('scope', 'text', (col) => col.notNull())
    .addColumn('client', 'text', (col) => col.notNull())
    // The window's start in milliseconds since the epoch (windows are aligned to the clock).
    .addColumn('window_start', 'bigint', (col) => col.notNull())
    .addColumn('count', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('rate_limit_counts_pk', ['scope', 'client', 'window_start'])
    .execute();
  await db.schema
    .createIndex('rate_limit_counts_window_index')
    .on('rate_limit_counts')
    .column('window_start')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('rate_limit_counts').execute();
  await db.schema.dropTable('app_secrets').execute();
}
