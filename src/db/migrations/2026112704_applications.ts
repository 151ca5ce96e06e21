import type { Kysely } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applications')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('tracking_number', 'text', (col) => col.notNull().unique())
    .addColumn('secret_hash', 'text', (col) => col.notNull())
    .addColumn('channel', 'text', (col) =>
      col
        .notNull()
        .check(oneOf('channel', ['online', 'inPerson', 'registeredPost', 'letter', 'fax', 'email', 'other'])),
    )
    .addColumn('arrived_on', 'text', (col) => col.notNull())
    .addColumn('received_on', 'text', (col) => col.notNull())
    .addColumn('applicant_type', 'text', (col) =>
      col
        .notNull()
        .check(
          oneOf('applicant_type', [
            'natural',
            'commercial',
            'research',
            'nonprofit',
            'legalService',
            'otherOrg',
          ]),
        ),
    )
    .addColumn('applicant_name', 'text', (col) => col.notNull())
    .addColumn('id_type', 'text', (col) => col.notNull())
    .addColumn('id_number', 'text', (col) => col.notNull())
    .addColumn('phone', 'text', (col) => col.notNull())
    .addColumn('address', 'text')
    .addColumn('email', 'text')
    .addColumn('description', 'text', (col) => col.notNull())
    .addColumn('form_wanted', 'text', (col) =>
      col.notNull().check(oneOf('form_wanted', ['paper', 'electronic', 'inspection'])),
    )
    .addColumn('idempotency_key', 'text')
    .addColumn('status', 'text', (col) => col.notNull().check(oneOf('status', ['open', 'closed'])))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('applications_idempotency_unique', ['agency_id', 'idempotency_key'])
    .execute();
  await db.schema
    .createIndex('applications_agency_index')
    .on('applications')
    .columns(['agency_id', 'status'])
    .execute();
  await db.schema
    .createTable('application_events')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('type', 'text', (col) => col.notNull())
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('working_days', 'integer')
    .addColumn('until', 'text')
    .addColumn('note', 'text')
    .addColumn('actor_user_id', 'integer', (col) => col.references('users.id'))
    .addColumn('recorded_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex('application_events_application_index')
    .on('application_events')
    .column('application_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_events').execute();
  await db.schema.dropTable('applications').execute();
}
