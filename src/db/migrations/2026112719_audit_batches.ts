import type { Kysely } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * Batch audits of published annual reports (issue 7, item 3): one row per stored batch of
 * `gongkai audit --store`, one row per file of it with its status, the report's agency, year
 * and edition, and its findings as JSON (Finding[]), browsable and exportable in the workbench.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('audit_batches')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // null when stored from the CLI (the system); else the user who stored it.
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addColumn('file_count', 'integer', (col) => col.notNull())
    .addColumn('failed_count', 'integer', (col) => col.notNull())
    .addColumn('error_count', 'integer', (col) => col.notNull())
    .addColumn('warning_count', 'integer', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('audit_batch_files')
    .addColumn('batch_id', 'integer', (col) =>
      col.notNull().references('audit_batches.id').onDelete('cascade'),
    )
    // The position of the file in the batch (the order of `gongkai audit` output).
    .addColumn('position', 'integer', (col) => col.notNull())
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', ['parsed', 'failed'])))
    .addColumn('agency', 'text')
    .addColumn('year', 'integer')
    .addColumn('edition', 'text')
    .addColumn('error_count', 'integer', (col) => col.notNull())
    .addColumn('warning_count', 'integer', (col) => col.notNull())
    // Finding[] as JSON; ' RULE1 RULE2 ' for filtering by rule with a plain LIKE on both databases.
    .addColumn('findings_json', 'text', (col) => col.notNull())
    .addColumn('rules', 'text', (col) => col.notNull())
    .addColumn('error', 'text')
    .addPrimaryKeyConstraint('audit_batch_files_pk', ['batch_id', 'position'])
    .execute();
  await db.schema
    .createIndex('audit_batch_files_status_index')
    .on('audit_batch_files')
    .columns(['batch_id', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('audit_batch_files').execute();
  await db.schema.dropTable('audit_batches').execute();
}
