import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type CategoryNode, listCategories, subtreeIds } from './catalogue.ts';

/**
 * The lists of an agency's published items the portal shows (the catalogue, feeds, the
 * sitemap). Withdrawn items and drafts are never in them.
 */

/** The focus areas (重点领域) of the sample report, offered as tags and filters. */
export const FOCUS_AREAS = ['就业创业', '社会救助', '低保发放', '涉农补贴', '市场监管执法'] as const;

export const CATALOGUE_SORTS = ['newest', 'oldest', 'title'] as const;
export type CatalogueSort = (typeof CATALOGUE_SORTS)[number];
export const CATALOGUE_SORT_LABELS: Record<CatalogueSort, string> = {
  newest: '发布日期（新的在前）',
  oldest: '发布日期（早的在前）',
  title: '标题',
};

export const CATALOGUE_PAGE_SIZE = 20;

export interface CatalogueFilter {
  agencyId: number;
  /** A category: its items and those of every category under it. */
  categoryId?: number | null;
  year?: number | null;
  article20Item?: number | null;
  tag?: string | null;
  sort?: CatalogueSort;
  /** 1-based. */
  page?: number;
}

export interface CatalogueEntry {
  id: number;
  title: string;
  documentNumber: string | null;
  publishedOn: string;
  article20Item: number | null;
  categoryId: number | null;
  tags: string[];
}

export interface CataloguePage {
  entries: CatalogueEntry[];
  total: number;
  page: number;
  pageCount: number;
}

const parseTags = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
};

/** `%`, `_` and `\` of a LIKE pattern taken literally (with `escape '\'`). */
const likeLiteral = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Keeps a count that other pages of the same filter (sorted or paged differently) reuse. */
export type CountMemo = (key: string, count: () => Promise<number>) => Promise<number>;

/**
 * One page of the agency's published items that pass the filter. The count, which reads
 * every matching entry of an index, goes through `memo` when given (keyed by the filter alone).
 */
export async function listCatalogueItems(
  db: Kysely<DB>,
  filter: CatalogueFilter,
  memo: CountMemo = (_key, count) => count(),
): Promise<CataloguePage> {
  let categoryIds: number[] | null = null;
  if (filter.categoryId != null) {
    const tree = await listCategories(db, filter.agencyId);
    categoryIds = tree.some((c) => c.id === filter.categoryId) ? subtreeIds(tree, filter.categoryId) : [];
  }
  let query = db
    .selectFrom('disclosure_items')
    .where('agency_id', '=', filter.agencyId)
    .where('status', '=', 'published');
  if (categoryIds !== null)
    query =
      categoryIds.length === 0
        ? query.where(sql<boolean>`1 = 0`)
        : query.where('category_id', 'in', categoryIds);
  if (filter.year != null)
    query = query
      .where('published_on', '>=', `${filter.year}-01-01`)
      .where('published_on', '<=', `${filter.year}-12-31`);
  if (filter.article20Item != null) query = query.where('article20_item', '=', filter.article20Item);
  if (filter.tag != null && filter.tag !== '')
    query = query.where(
      sql<boolean>`tags like ${`%${likeLiteral(JSON.stringify(filter.tag))}%`} escape '\\'`,
    );

  const countKey = JSON.stringify([
    'catalogue-count',
    filter.agencyId,
    filter.categoryId ?? null,
    filter.year ?? null,
    filter.article20Item ?? null,
    filter.tag ?? null,
  ]);
  const total = await memo(countKey, async () => {
    const row = await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  });
  const pageCount = Math.max(1, Math.ceil(total / CATALOGUE_PAGE_SIZE));
  const page = Math.min(Math.max(1, filter.page ?? 1), pageCount);

  let ordered = query.select([
    'id',
    'title',
    'document_number',
    'published_on',
    'article20_item',
    'category_id',
    'tags',
  ]);
  const sort = filter.sort ?? 'newest';
  if (sort === 'title') ordered = ordered.orderBy('title').orderBy('id');
  else if (sort === 'oldest') ordered = ordered.orderBy('published_on').orderBy('id');
  else ordered = ordered.orderBy('published_on', 'desc').orderBy('id', 'desc');
  const rows = await ordered
    .limit(CATALOGUE_PAGE_SIZE)
    .offset((page - 1) * CATALOGUE_PAGE_SIZE)
    .execute();
  return {
    entries: rows.map((r) => ({
      id: r.id,
      title: r.title,
      documentNumber: r.document_number,
      publishedOn: r.published_on ?? '',
      article20Item: r.article20_item,
      categoryId: r.category_id,
      tags: parseTags(r.tags),
    })),
    total,
    page,
    pageCount,
  };
}

export interface CategoryCount extends CategoryNode {
  /** Published items filed here or under any category below. */
  count: number;
}

/** The agency's catalogue tree, each category with the number of published items in it (and below). */
export async function categoryCounts(db: Kysely<DB>, agencyId: number): Promise<CategoryCount[]> {
  const tree = await listCategories(db, agencyId);
  if (tree.length === 0) return [];
  const rows = await db
    .selectFrom('disclosure_items')
    .select(['category_id', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .where('category_id', 'is not', null)
    .groupBy('category_id')
    .execute();
  const own = new Map(rows.map((r) => [r.category_id, Number(r.n)]));
  return tree.map((c) => ({
    ...c,
    count: subtreeIds(tree, c.id).reduce((sum, id) => sum + (own.get(id) ?? 0), 0),
  }));
}

/**
 * The years in which the agency published items, newest first. One index seek per year (the
 * first publication date on or after 1 January of the year after the last found) instead of
 * reading every date of an agency that may have published tens of thousands of items.
 */
export async function publicationYears(db: Kysely<DB>, agencyId: number): Promise<number[]> {
  const { rows } = await sql<{ year: string | null }>`with recursive years(year) as (
      select substr(min(published_on), 1, 4) from disclosure_items
        where agency_id = ${agencyId} and status = 'published' and published_on is not null
      union all
      select (select substr(min(published_on), 1, 4) from disclosure_items
          where agency_id = ${agencyId} and status = 'published'
            and published_on >= cast(cast(years.year as integer) + 1 as text) || '-01-01')
        from years where years.year is not null
    )
    select year from years where year is not null`.execute(db);
  return rows
    .map((r) => Number(r.year))
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => b - a);
}

export interface FeedEntry {
  id: number;
  agencyId: number;
  title: string;
  summary: string;
  publishedOn: string;
  updatedAt: string;
  documentNumber: string | null;
}

export const FEED_SIZE = 50;

/** The newest published items of the agency (of a category and those under it, when given). */
export async function feedItems(
  db: Kysely<DB>,
  options: { agencyId: number; categoryId?: number | null },
): Promise<FeedEntry[]> {
  let query = db
    .selectFrom('disclosure_items')
    .select(['id', 'agency_id', 'title', 'body_text', 'published_on', 'updated_at', 'document_number'])
    .where('agency_id', '=', options.agencyId)
    .where('status', '=', 'published');
  if (options.categoryId != null) {
    const tree = await listCategories(db, options.agencyId);
    query = query.where('category_id', 'in', [...subtreeIds(tree, options.categoryId), -1]);
  }
  const rows = await query.orderBy('published_on', 'desc').orderBy('id', 'desc').limit(FEED_SIZE).execute();
  return rows.map((r) => ({
    id: r.id,
    agencyId: r.agency_id,
    title: r.title,
    summary: r.body_text.slice(0, 200),
    publishedOn: r.published_on ?? '',
    updatedAt: r.updated_at,
    documentNumber: r.document_number,
  }));
}

export async function countPublishedItems(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('disclosure_items')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'published')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Published items in id order, for the sitemap: id, agency and the day it last changed. */
export async function sitemapItems(
  db: Kysely<DB>,
  options: { limit: number; offset: number },
): Promise<{ id: number; agencyId: number; lastModified: string }[]> {
  const rows = await db
    .selectFrom('disclosure_items')
    .select(['id', 'agency_id', 'updated_at'])
    .where('status', '=', 'published')
    .orderBy('id')
    .limit(options.limit)
    .offset(options.offset)
    .execute();
  return rows.map((r) => ({ id: r.id, agencyId: r.agency_id, lastModified: r.updated_at.slice(0, 10) }));
}
