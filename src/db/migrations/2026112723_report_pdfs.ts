import type { Kysely } from 'kysely';
import { isPostgres } from './dialect.ts';

/**
 * The PDF of each published annual report, printed once by a background job when it is
 * published (issue 7) and served from here by every process, instead of each process printing
 * it with its own Chromium. `version` is the report's updated_at when printed: a report
 * changed since (returned and published again) is printed anew.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .createTable('report_pdfs')
    .addColumn('report_id', 'integer', (col) =>
      col.primaryKey().references('annual_reports.id').onDelete('cascade'),
    )
    .addColumn('version', 'text', (col) => col.notNull())
    .addColumn('pdf', blob, (col) => col.notNull())
    .addColumn('printed_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('report_pdfs').execute();
}
