import type { ColumnDefinitionBuilderCallback, Kysely } from 'kysely';
import { oneOf } from './dialect.ts';

/**
 * The work on an application after intake: routing to a department and a handler, co-handling,
 * the decision (with the approver where the agency wants one), delivery with its proof, and the
 * deadline stored beside the events it is derived from, so that the queues of a whole city are
 * one indexed query. The stored deadline is a cache: it is rewritten in the same transaction as
 * every event and whenever the calendar changes, and never edited by hand.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('agencies')
    .addColumn('decisions_need_approval', 'integer', (col) => col.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('agencies')
    .addColumn('fee_pauses_clock', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();

  // One column a statement: SQLite's ALTER TABLE adds one at a time.
  const add = (name: string, type: 'text' | 'integer', build: ColumnDefinitionBuilderCallback = (c) => c) =>
    db.schema.alterTable('applications').addColumn(name, type, build).execute();
  await add('handling_agency_id', 'integer', (col) => col.references('agencies.id'));
  await add('handler_user_id', 'integer', (col) => col.references('users.id'));
  await add('stage', 'text', (col) =>
    col
      .notNull()
      .defaultTo('processing')
      .check(oneOf('stage', ['processing', 'awaitingApproval', 'decided', 'delivered'])),
  );
  await add('outcome', 'text');
  await add('decided_on', 'text');
  await add('delivered_on', 'text');
  await add('decision_json', 'text');
  await add('due_on', 'text');
  await add('waiting_for', 'text');
  await add('waiting_by', 'text');
  await add('deadline_provisional', 'integer', (col) => col.notNull().defaultTo(0));

  await db.schema.alterTable('application_events').addColumn('detail_json', 'text').execute();

  await db.schema
    .createTable('application_co_handlers')
    .addColumn('application_id', 'integer', (col) => col.notNull().references('applications.id'))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('added_at', 'text', (col) => col.notNull())
    .addPrimaryKeyConstraint('application_co_handlers_pk', ['application_id', 'agency_id'])
    .execute();

  await db.schema
    .createIndex('applications_status_due_index')
    .on('applications')
    .columns(['status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('applications_agency_status_due_index')
    .on('applications')
    .columns(['agency_id', 'status', 'due_on'])
    .execute();
  await db.schema
    .createIndex('applications_handler_index')
    .on('applications')
    .columns(['handler_user_id', 'status'])
    .execute();
  await db.schema
    .createIndex('applications_handling_agency_index')
    .on('applications')
    .columns(['handling_agency_id', 'status', 'due_on'])
    .execute();
  // The "all" and "closed" queues, newest first, of a user who sees every agency.
  await db.schema
    .createIndex('applications_newest_index')
    .on('applications')
    .columns(['received_on', 'id'])
    .execute();
  await db.schema
    .createIndex('applications_status_newest_index')
    .on('applications')
    .columns(['status', 'received_on', 'id'])
    .execute();
  await db.schema
    .createIndex('applications_received_index')
    .on('applications')
    .columns(['agency_id', 'received_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('application_co_handlers').execute();
  for (const index of [
    'applications_status_due_index',
    'applications_agency_status_due_index',
    'applications_handler_index',
    'applications_handling_agency_index',
    'applications_newest_index',
    'applications_status_newest_index',
    'applications_received_index',
  ])
    await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('application_events').dropColumn('detail_json').execute();
  for (const column of [
    'handling_agency_id',
    'handler_user_id',
    'stage',
    'outcome',
    'decided_on',
    'delivered_on',
    'decision_json',
    'due_on',
    'waiting_for',
    'waiting_by',
    'deadline_provisional',
  ])
    await db.schema.alterTable('applications').dropColumn(column).execute();
  await db.schema.alterTable('agencies').dropColumn('decisions_need_approval').execute();
  await db.schema.alterTable('agencies').dropColumn('fee_pauses_clock').execute();
}
