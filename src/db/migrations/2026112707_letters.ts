import type { Kysely } from 'kysely';
import { idColumn, isPostgres } from './dialect.ts';

/**
 * Letters (文书): an agency's own templates, one per kind, and the letters issued for an
 * application, each kept as issued (HTML, DOCX and, where Chromium was at hand, PDF).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('letter_templates')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('body', 'text', (col) => col.notNull())
    .addColumn('updated_by', 'integer', (col) => col.references('users.id'))
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('letter_templates_agency_kind_unique', ['agency_id', 'kind'])
    .execute();
  await db.schema
    .createTable('application_letters')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('html', 'text', (col) => col.notNull())
    .addColumn('docx', blob, (col) => col.notNull())
    .addColumn('pdf', blob)
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('application_letters_application_index')
    .on('application_letters')
    .columns(['application_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_letters').execute();
  await db.schema.dropTable('letter_templates').execute();
}
