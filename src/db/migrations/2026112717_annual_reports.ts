import { type Kysely, sql } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * The annual report as a document with a life (issue 6, items 3, 4 and 7): one row per agency
 * and year, compiled from the records (draft → submitted → approved → published) or imported
 * from a report the agency published before gongkai (published from the start). The figures
 * are locked at submission: `cells_json` then holds them, and a later change to the records
 * shows as a difference against a fresh compilation instead of changing the report.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('annual_reports')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('year', 'integer', (col) => col.notNull().check(sql`year between 2000 and 2100`))
    .addColumn('edition', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull().check(oneOf('source', ['compiled', 'imported'])))
    .addColumn('status', 'text', (col) =>
      col.notNull().check(oneOf('status', ['draft', 'submitted', 'approved', 'published'])),
    )
    // The figures (Report.cells as JSON): null for a draft, whose figures are compiled live.
    .addColumn('cells_json', 'text')
    // NarrativeSection[] as JSON: the clerk's text around the generated sentences.
    .addColumn('narrative_json', 'text', (col) => col.notNull().defaultTo('[]'))
    // { [rule + cells]: explanation } for validator findings the clerk acknowledged.
    .addColumn('acknowledgements_json', 'text', (col) => col.notNull().defaultTo('{}'))
    // The generated sentences that do not come from the cells (the work records'), frozen at
    // submission beside cells_json; null while a draft, whose sentences are made live.
    .addColumn('generated_json', 'text')
    // For an imported report: the file it came from and the parser's notes.
    .addColumn('file_name', 'text')
    .addColumn('diagnostics_json', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (col) => col.references('users.id'))
    .addColumn('approved_at', 'text')
    .addColumn('approved_by', 'integer', (col) => col.references('users.id'))
    .addColumn('returned_reason', 'text')
    // The day it went out on the portal (Beijing date) and whether that was after the statutory day.
    .addColumn('published_on', 'text')
    .addColumn('published_late', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('annual_reports_agency_year', ['agency_id', 'year', 'source'])
    .execute();
  await db.schema
    .createIndex('annual_reports_year_index')
    .on('annual_reports')
    .columns(['year', 'status'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('annual_reports').execute();
}
