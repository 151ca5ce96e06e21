import type { Kysely } from 'kysely';
import { oneOf } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('calendar_years')
    .addColumn('year', 'integer', (col) => col.primaryKey())
    .addColumn('notices_json', 'text', (col) => col.notNull())
    .addColumn('holidays_json', 'text', (col) => col.notNull())
    .addColumn('make_up_workdays_json', 'text', (col) => col.notNull())
    .addColumn('source', 'text', (col) => col.notNull().check(oneOf('source', ['snapshot', 'admin'])))
    .addColumn('entered_by', 'integer', (col) => col.references('users.id'))
    .addColumn('entered_at', 'text', (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('calendar_years').execute();
}
