import { type Kysely, sql } from 'kysely';
import { idColumn, oneOf } from './dialect.ts';

/**
 * The catalogue and the guide: each agency's 政府信息公开目录 as a tree of categories (a name is
 * unique among its siblings), the category an item is filed under, and the versions of the
 * agency's 政府信息公开指南 (drafts and published ones; at most one published at a time, the
 * older ones kept as history).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_categories')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('parent_id', 'integer', (col) => col.references('disclosure_categories.id'))
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('position', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .execute();
  // parent_id is null at the top: coalesce so that two top-level siblings collide too.
  await sql`create unique index disclosure_categories_sibling_name on disclosure_categories (agency_id, coalesce(parent_id, 0), name)`.execute(
    db,
  );
  await db.schema
    .createIndex('disclosure_categories_parent_index')
    .on('disclosure_categories')
    .columns(['parent_id'])
    .execute();

  await db.schema
    .alterTable('disclosure_items')
    .addColumn('category_id', 'integer', (col) => col.references('disclosure_categories.id'))
    .execute();
  await db.schema
    .createIndex('disclosure_items_category_index')
    .on('disclosure_items')
    .columns(['category_id', 'status', 'published_on'])
    .execute();

  await db.schema
    .createTable('agency_guides')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('version', 'integer', (col) => col.notNull())
    .addColumn('body_html', 'text', (col) => col.notNull())
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(oneOf('status', ['draft', 'published', 'superseded'])),
    )
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'integer', (col) => col.references('users.id'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('agency_guides_version_unique', ['agency_id', 'version'])
    .execute();
  await sql`create unique index agency_guides_one_published on agency_guides (agency_id) where status = 'published'`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('agency_guides').execute();
  await db.schema.dropIndex('disclosure_items_category_index').execute();
  await db.schema.alterTable('disclosure_items').dropColumn('category_id').execute();
  await db.schema.dropTable('disclosure_categories').execute();
}
