import type { Kysely } from 'kysely';
import { idColumn } from './dialect.ts';

/**
 * Optional accounts for members of the public (applying needs none): the account, its
 * sessions (only the token's SHA-256 kept, like the staff sessions) and the link from an
 * application to the account that submitted or claimed it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('applicant_accounts')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('login', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('applicant_sessions')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('account_id', 'integer', (col) =>
      col.notNull().references('applicant_accounts.id').onDelete('cascade'),
    )
    .addColumn('csrf_token', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('last_seen_at', 'text', (col) => col.notNull())
    .addColumn('expires_at', 'text', (col) => col.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    .execute();
  await db.schema
    .createIndex('applicant_sessions_account_index')
    .on('applicant_sessions')
    .column('account_id')
    .execute();
  await db.schema
    .createIndex('applicant_sessions_expires_index')
    .on('applicant_sessions')
    .column('expires_at')
    .execute();
  await db.schema
    .alterTable('applications')
    .addColumn('applicant_account_id', 'integer', (col) => col.references('applicant_accounts.id'))
    .execute();
  await db.schema
    .createIndex('applications_applicant_account_index')
    .on('applications')
    .columns(['applicant_account_id', 'received_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('applications_applicant_account_index').execute();
  await db.schema.alterTable('applications').dropColumn('applicant_account_id').execute();
  await db.schema.dropTable('applicant_sessions').execute();
  await db.schema.dropTable('applicant_accounts').execute();
}
