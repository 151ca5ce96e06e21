import type { Kysely } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

const KINDS = ['government', 'department', 'office', 'township', 'subdistrict', 'other'];
const LEVELS = ['province', 'city', 'county', 'township'];
const ROLES = ['admin', 'registrar', 'handler', 'approver', 'publisher', 'viewer'];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('parent_id', 'integer', (col) => col.references('agencies.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (col) => col.notNull().check(oneOf('kind', KINDS)))
    .addColumn('level', 'text', (col) => col.notNull().check(oneOf('level', LEVELS)))
    .addColumn('path', 'text', (col) => col.notNull())
    .addColumn('office_name', 'text')
    .addColumn('address', 'text')
    .addColumn('postcode', 'text')
    .addColumn('phone', 'text')
    .addColumn('fax', 'text')
    .addColumn('email', 'text')
    .addColumn('office_hours', 'text')
    .addColumn('website', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('agencies_parent_name_unique', ['parent_id', 'name'])
    .execute();
  await db.schema.createIndex('agencies_path_index').on('agencies').column('path').execute();

  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('username', 'text', (col) => col.notNull().unique())
    .addColumn('display_name', 'text', (col) => col.notNull())
    .addColumn('password_hash', 'text', (col) => col.notNull())
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('active', 'integer', (col) =>
      col
        .notNull()
        .defaultTo(1)
        .check(oneOf('active', [0, 1])),
    )
    .addColumn('failed_logins', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('password_changed_at', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema.createIndex('users_agency_index').on('users').column('agency_id').execute();

  await db.schema
    .createTable('role_assignments')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('user_id', 'integer', (col) => col.notNull().references('users.id').onDelete('cascade'))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('role', 'text', (col) => col.notNull().check(oneOf('role', ROLES)))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('role_assignments_unique', ['user_id', 'agency_id', 'role'])
    .execute();
  await db.schema
    .createIndex('role_assignments_agency_index')
    .on('role_assignments')
    .column('agency_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('role_assignments').execute();
  await db.schema.dropTable('users').execute();
  await db.schema.dropTable('agencies').execute();
}
