import { type Kysely, sql } from 'kysely';
import { idColumn, isPostgres, oneOf } from './dialect.ts';

/** The abbreviations people search by, and what documents spell out (copied here on purpose). */
const SYNONYMS: readonly (readonly [string, string])[] = [
  ['低保', '最低生活保障'],
  ['医保', '医疗保障'],
  ['医保', '医疗保险'],
  ['社保', '社会保险'],
  ['社保', '社会保障'],
  ['公积金', '住房公积金'],
  ['残联', '残疾人联合会'],
  ['扶贫', '脱贫攻坚'],
  ['新农合', '新型农村合作医疗'],
  ['新农保', '新型农村社会养老保险'],
  ['特困', '特困人员救助供养'],
  ['五保', '五保供养'],
  ['优抚', '优待抚恤'],
  ['廉租房', '廉租住房'],
  ['经适房', '经济适用住房'],
  ['棚改', '棚户区改造'],
  ['发改委', '发展和改革委员会'],
  ['人社', '人力资源和社会保障'],
  ['住建', '住房和城乡建设'],
  ['卫健委', '卫生健康委员会'],
  ['市监', '市场监督管理'],
  ['市场监管', '市场监督管理'],
  ['环保', '环境保护'],
  ['安监', '安全生产监督管理'],
  ['城管', '城市管理'],
  ['个税', '个人所得税'],
  ['养老金', '基本养老金'],
  ['失业金', '失业保险金'],
];

/**
 * Proactive disclosure (主动公开): the items, the synonyms search expands, and the full-text
 * index over pre-tokenised text (src/disclosure/tokenize.ts): an FTS5 table on SQLite, a
 * tsvector with a GIN index on PostgreSQL, one row per published item.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('disclosure_items')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('agency_id', 'integer', (col) => col.notNull().references('agencies.id'))
    .addColumn('title', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body_html', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('body_text', 'text', (col) => col.notNull().defaultTo(''))
    .addColumn('document_number', 'text')
    .addColumn('issuing_agency', 'text')
    .addColumn('made_on', 'text')
    .addColumn('published_on', 'text')
    .addColumn('changed_on', 'text')
    .addColumn('article20_item', 'integer', (col) =>
      col.check(sql`article20_item is null or (article20_item between 1 and 15)`),
    )
    .addColumn('category', 'text')
    .addColumn('tags', 'text', (col) => col.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('draft')
        .check(oneOf('status', ['draft', 'published', 'withdrawn'])),
    )
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addCheckConstraint(
      'disclosure_items_published_on',
      sql`status <> 'published' or published_on is not null`,
    )
    .execute();
  await db.schema
    .createIndex('disclosure_items_agency_status_index')
    .on('disclosure_items')
    .columns(['agency_id', 'status', 'published_on'])
    .execute();
  await db.schema
    .createIndex('disclosure_items_status_published_index')
    .on('disclosure_items')
    .columns(['status', 'published_on'])
    .execute();

  await db.schema
    .createTable('search_synonyms')
    .addColumn('id', 'integer', idColumn(db))
    .addColumn('term', 'text', (col) => col.notNull())
    .addColumn('expansion', 'text', (col) => col.notNull())
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addUniqueConstraint('search_synonyms_unique', ['term', 'expansion'])
    .execute();
  const now = new Date().toISOString();
  await (db as Kysely<{ search_synonyms: { term: string; expansion: string; created_at: string } }>)
    .insertInto('search_synonyms')
    .values(SYNONYMS.map(([term, expansion]) => ({ term, expansion, created_at: now })))
    .execute();

  if (isPostgres(db)) {
    await db.schema
      .createTable('disclosure_search')
      .addColumn('item_id', 'integer', (col) =>
        col.primaryKey().references('disclosure_items.id').onDelete('cascade'),
      )
      .addColumn('document', sql`tsvector`, (col) => col.notNull())
      .execute();
    await sql`create index disclosure_search_document_index on disclosure_search using gin (document)`.execute(
      db,
    );
  } else {
    // Contentless: the tokens are not stored twice; rowid is the item's id.
    await sql`create virtual table disclosure_search using fts5(title, body, tokenize = 'unicode61', content = '', contentless_delete = 1)`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('disclosure_search').execute();
  await db.schema.dropTable('search_synonyms').execute();
  await db.schema.dropTable('disclosure_items').execute();
}
