import type { Kysely } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * Background jobs (issue 7, item 2). `jobs` is the queue of the in-process implementation on
 * SQLite (on PostgreSQL pg-boss keeps its jobs in a schema of its own and this table stays
 * empty); `job_schedules` holds each cron schedule and the last slot some process claimed, on
 * both databases, so that a scheduled run is enqueued once however many processes tick.
 * `reminders`: a handler's due-soon and overdue applications, one row per user, application,
 * kind and Beijing date, so that a second run of the day adds nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('jobs')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    .addColumn('state', 'text', (col) =>
      col.notNull().check(oneOf('state', ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'])),
    )
    .addColumn('retry_limit', 'integer', (col) => col.notNull())
    // Raised each time the job is claimed again after a first start (as pg-boss counts).
    .addColumn('retry_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('retry_delay', 'integer', (col) => col.notNull())
    .addColumn('retry_backoff', 'integer', (col) => col.notNull())
    .addColumn('expire_seconds', 'integer', (col) => col.notNull())
    .addColumn('singleton_key', 'text')
    .addColumn('start_after', 'text', (col) => col.notNull())
    .addColumn('started_on', 'text')
    // While active: when the claim lapses (its process is taken for dead and the job retried).
    .addColumn('expires_at', 'text')
    .addColumn('created_on', 'text', (col) => col.notNull())
    .addColumn('completed_on', 'text')
    // The last failure ({ message }) as JSON; null once completed.
    .addColumn('output', 'text')
    .execute();
  await db.schema
    .createIndex('jobs_fetch_index')
    .on('jobs')
    .columns(['name', 'state', 'start_after'])
    .execute();
  await db.schema.createIndex('jobs_expiry_index').on('jobs').columns(['state', 'expires_at']).execute();
  await db.schema.createIndex('jobs_created_index').on('jobs').columns(['created_on', 'id']).execute();

  await db.schema
    .createTable('job_schedules')
    .addColumn('name', 'text', (col) => col.primaryKey())
    .addColumn('cron', 'text', (col) => col.notNull())
    .addColumn('data', 'text', (col) => col.notNull())
    // The latest slot enqueued (ISO instant); a process enqueues a slot only by moving this forward.
    .addColumn('last_slot', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();

  await db.schema
    .createTable('reminders')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('application_id', 'integer', (col) =>
      col.notNull().references('applications.id').onDelete('cascade'),
    )
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', ['due_soon', 'overdue'])))
    // The Beijing date the reminder is for; the deadline it was about when made.
    .addColumn('date', 'text', (col) => col.notNull())
    .addColumn('due_on', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    // User and date first: the workbench home reads one user's reminders of one day.
    .addUniqueConstraint('reminders_unique', ['user_id', 'date', 'application_id', 'kind'])
    .execute();
  await db.schema
    .createIndex('reminders_application_index')
    .on('reminders')
    .column('application_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('reminders').execute();
  await db.schema.dropTable('job_schedules').execute();
  await db.schema.dropTable('jobs').execute();
}
