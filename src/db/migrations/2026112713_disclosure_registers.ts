import { type Kysely, sql } from 'kysely';
import { idColumn, isPostgres, oneOf } from './dialect.ts';

/**
 * Article 20 registers (issue 5, item 5): the figures of section 二 of the annual report an
 * agency enters or imports per year, one row per cell (its key as the report model spells it,
 * 's2.penalty.decisions'); the imports awaiting confirmation; and the link from an item of
 * proactive disclosure to the application whose granted information it releases to all (Art. 44).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_registers')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('cell', 'text', (col) => col.notNull())
    // A decimal as text ('6356.8', '-8'): amounts keep their digits exactly on both databases.
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'integer', (col) => col.references('users.id'))
    .addUniqueConstraint('disclosure_registers_unique', ['agency_id', 'year', 'cell'])
    .execute();

  await db.schema
    .createTable('register_imports')
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

  // SQLite cannot drop a column that a foreign key names: the reference is PostgreSQL's alone.
  await db.schema
    .alterTable('disclosure_items')
    .addColumn('source_application_id', 'integer', (col) =>
      isPostgres(db) ? col.references('applications.id') : col,
    )
    .execute();
  await db.schema
    .createIndex('disclosure_items_source_application_index')
    .on('disclosure_items')
    .column('source_application_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('disclosure_items_source_application_index').execute();
  await db.schema.alterTable('disclosure_items').dropColumn('source_application_id').execute();
  await db.schema.dropTable('register_imports').execute();
  await db.schema.dropTable('disclosure_registers').execute();
}
