import type { Kysely } from 'kysely';

/**
 * The catalogue's other orders and filters as indexes (issue 5's benchmark: an agency with
 * 18,802 items sorted by title, or filtered by Art. 20 item, was sorted or scanned whole on
 * every page): by title, and by Art. 20 item in publication order, within an agency's
 * published items.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createIndex('disclosure_items_agency_title_index')
    .on('disclosure_items')
    .columns(['agency_id', 'status', 'title', 'id'])
    .execute();
  await db.schema
    .createIndex('disclosure_items_agency_article20_index')
    .on('disclosure_items')
    .columns(['agency_id', 'status', 'article20_item', 'published_on'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('disclosure_items_agency_article20_index').execute();
  await db.schema.dropIndex('disclosure_items_agency_title_index').execute();
}
