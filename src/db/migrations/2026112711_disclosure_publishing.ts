import { type Kysely, sql } from 'kysely';
import { idColumn, isPostgres, oneOf } from './dialect.ts';

/**
 * Publishing proactive disclosure (issue 5, items 1 and 2): on each item its document type and
 * validity (rules and normative documents), the channels it went out on and the stage of the
 * publishing workflow before it is published (保密审查, approval); attachments, their bytes
 * stored once per SHA-256 whichever items they are attached to.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema
    .alterTable('disclosure_items')
    .addColumn('document_type', 'text', (col) => col.check(oneOf('document_type', ['rule', 'normative'])))
    .execute();
  await db.schema
    .alterTable('disclosure_items')
    .addColumn('validity', 'text', (col) => col.check(oneOf('validity', ['inForce', 'repealed'])))
    .execute();
  await db.schema.alterTable('disclosure_items').addColumn('repealed_on', 'text').execute();
  await db.schema
    .alterTable('disclosure_items')
    .addColumn('channels', 'text', (col) => col.notNull().defaultTo('["portal"]'))
    .execute();
  await db.schema
    .alterTable('disclosure_items')
    .addColumn('review_status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(oneOf('review_status', ['draft', 'inReview', 'reviewed', 'approved'])),
    )
    .execute();

  await db.schema
    .createTable('disclosure_blobs')
    .addColumn('sha256', 'text', (col) => col.primaryKey())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('bytes', sql.raw(blob), (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .execute();
  await db.schema
    .createTable('disclosure_attachments')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('item_id', 'integer', (col) => col.notNull().references('disclosure_items.id'))
    .addColumn('file_name', 'text', (col) => col.notNull())
    .addColumn('media_type', 'text', (col) => col.notNull())
    .addColumn('size', 'integer', (col) => col.notNull())
    .addColumn('sha256', 'text', (col) => col.notNull().references('disclosure_blobs.sha256'))
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('created_by', 'integer')
    .addUniqueConstraint('disclosure_attachments_item_file', ['item_id', 'sha256'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('disclosure_attachments').execute();
  await db.schema.dropTable('disclosure_blobs').execute();
  for (const column of ['review_status', 'channels', 'repealed_on', 'validity', 'document_type']) {
    await db.schema.alterTable('disclosure_items').dropColumn(column).execute();
  }
}
