import type { Kysely } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * Imports of past and in-flight applications: the checked file is kept until a registrar
 * confirms it (everything stored in one transaction) or discards it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('application_imports')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('user_id', 'integer', (col) => col.references('users.id'))
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('rows_json', 'text', (col) => col.notNull())
    .addColumn('summary_json', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['pending', 'done', 'discarded'])),
    )
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('done_at', 'text')
    .execute();
  await db.schema
    .createIndex('application_imports_agency_index')
    .on('application_imports')
    .columns(['agency_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_imports').execute();
}
