import { type Kysely, sql } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * Work records for section 一 of the annual report (issue 6, item 6): trainings, inspections
 * and assessments, platform work and its cost, new-media output, online service items, each
 * entered on the day it happens and summed per calendar year (work-records/work-record-summary.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('work_records')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('kind', 'text', (col) =>
      col.notNull().check(oneOf('kind', ['training', 'inspection', 'platform', 'newMedia', 'serviceItems'])),
    )
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('title', 'text', (col) => col.notNull())
    .addColumn('participants', 'integer', (col) => col.check(sql`participants is null or participants >= 0`))
    // Yuan as a decimal text ('20000', '1234.5'): exact on both databases, as the registers keep amounts.
    .addColumn('cost', 'text')
    // Posts published (new media) or service items put online.
    .addColumn('items', 'integer', (col) => col.check(sql`items is null or items >= 0`))
    .addColumn('account', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addColumn('updated_by', 'integer', (col) => col.references('users.id'))
    .execute();
  await db.schema
    .createIndex('work_records_agency_date_index')
    .on('work_records')
    .columns(['agency_id', 'date'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('work_records').execute();
}
