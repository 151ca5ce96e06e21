import type { Kysely } from 'kysely';
import { idColumn } from './dialect.ts';

/**
 * Batch audits uploaded on the workbench and run in the background (issue 7, item 2): one row
 * per upload, with the directory its checked files wait in, the `audit.batch` job that audits
 * them and, once stored, the batch (unique: a job run again after a crash finds it and stores
 * nothing twice).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_uploads')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('dir', 'text', (col) => col.notNull())
    .addColumn('file_count', 'integer', (col) => col.notNull())
    .addColumn('upload_bytes', 'integer', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addColumn('job_id', 'text')
    .addColumn('batch_id', 'integer', (col) =>
      col.unique().references('audit_batches.id').onDelete('set null'),
    )
    .execute();
  await db.schema
    .createIndex('audit_uploads_created_index')
    .on('audit_uploads')
    .column('created_at')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_uploads').execute();
}
