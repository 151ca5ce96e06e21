import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findCategory } from '../../../disclosure/catalogue.ts';
import {
  CATALOGUE_SORTS,
  type CatalogueSort,
  categoryCounts,
  countPublishedItems,
  feedItems,
  listCatalogueItems,
  publicationYears,
  sitemapItems,
} from '../../../disclosure/catalogue-items.ts';
import { AppError } from '../../../errors/app-error.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import {
  atomFeed,
  type FeedMeta,
  rssFeed,
  type SitemapUrl,
  sitemap,
  sitemapIndex,
} from '../../presenters/feed-xml.ts';
import { CataloguePageView, type CatalogueQuery } from '../../views/portal/catalogue.tsx';
import { DISCLOSURE_SECTIONS } from '../../views/portal/sections.ts';
import { idParams } from '../params.ts';
import { loadAgencyPage } from './agency-page.ts';

/** A query value as one string ('' when absent or sent as a list). */
const one = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
const queryValues = z.record(z.union([z.string(), z.array(z.string())])).catch({});

/**
 * The filters of a catalogue URL. A value that makes no sense (a year of letters, a page of
 * -1) is ignored rather than refused: these URLs are typed, shared and crawled.
 */
const parseQuery = (raw: Record<string, unknown>): CatalogueQuery => {
  const num = (v: string, min: number, max: number): string => {
    if (!/^\d{1,9}$/.test(v)) return '';
    const n = Number(v);
    return n >= min && n <= max ? String(n) : '';
  };
  const sort = one(raw.sort);
  const tag = one(raw.tag);
  return {
    category: num(one(raw.category), 1, 2_147_483_647),
    year: num(one(raw.year), 1949, 2999),
    item: num(one(raw.item), 1, 15),
    tag: tag.length <= 40 ? tag : '',
    sort: (CATALOGUE_SORTS as readonly string[]).includes(sort) ? sort : 'newest',
    page: Number(num(one(raw.page), 1, 100_000) || '1'),
  };
};

const orNull = (v: string): number | null => (v === '' ? null : Number(v));

/** Where the site is, as the reader reached it (behind a proxy: TRUST_PROXY makes it right). */
const originOf = (request: FastifyRequest): string => `${request.protocol}://${request.host}`;

/** Feeds and sitemaps (the page cache keeps only HTML): a short cache-control of their own. */
const sendXml = (reply: FastifyReply, type: string, body: string) =>
  reply.header('cache-control', 'public, max-age=300').type(`${type}; charset=utf-8`).send(body);

/** The number of URLs a sitemap may hold (sitemaps.org). */
const SITEMAP_LIMIT = 50_000;

/**
 * GET /agencies/:id/catalogue — the agency's published items, filtered, sorted and paged;
 * GET /agencies/:id/feed.rss and feed.atom (?category=) — its newest 50;
 * GET /sitemap.xml and /robots.txt — for crawlers.
 */
export const portalCatalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const reads = app.portalReads;

  app.get(
    '/agencies/:id/catalogue',
    { schema: { params: idParams, querystring: queryValues } },
    async (request, reply) => {
      const title = '政府信息公开目录';
      const id = request.params.id;
      const page = await reads.get(`catalogue-agency-page:${id}`, () => loadAgencyPage(db, id, title));
      const query = parseQuery(request.query);
      const sort = query.sort as CatalogueSort;
      const [categories, years, list] = await Promise.all([
        reads.get(`category-counts:${id}`, () => categoryCounts(db, id)),
        reads.get(`publication-years:${id}`, () => publicationYears(db, id)),
        listCatalogueItems(
          db,
          {
            agencyId: id,
            categoryId: orNull(query.category),
            year: orNull(query.year),
            article20Item: orNull(query.item),
            tag: query.tag === '' ? null : query.tag,
            sort,
            page: query.page,
          },
          (key, count) => reads.get(key, count),
        ),
      ]);
      return reply.page(
        title,
        <CataloguePageView
          agency={page.agency}
          categories={categories}
          years={years}
          query={{ ...query, page: list.page }}
          page={list}
        />,
        { agency: page.agency, breadcrumbs: page.breadcrumbs },
      );
    },
  );

  const feedMeta = async (
    request: FastifyRequest,
    agencyId: number,
    raw: Record<string, unknown>,
    kind: string,
  ) => {
    const page = await loadAgencyPage(db, agencyId);
    const categoryText = one(raw.category);
    let categoryId: number | null = null;
    let categoryName = '';
    if (categoryText !== '') {
      const category = /^\d{1,9}$/.test(categoryText) ? await findCategory(db, Number(categoryText)) : null;
      if (category === null || category.agencyId !== agencyId)
        throw new AppError('NOT_FOUND', '未找到该目录分类。');
      categoryId = category.id;
      categoryName = category.name;
    }
    const suffix = categoryId === null ? '' : `?category=${categoryId}`;
    const origin = originOf(request);
    const meta: FeedMeta = {
      origin,
      title: `${page.agency.name}主动公开的政府信息${categoryName ? `：${categoryName}` : ''}`,
      description: `${page.agency.name}最新发布的 50 条主动公开的政府信息`,
      pagePath: `/agencies/${agencyId}/catalogue${suffix}`,
      selfPath: `/agencies/${agencyId}/feed.${kind}${suffix}`,
      id: `${origin}/agencies/${agencyId}/feed${suffix}`,
    };
    const entries = await feedItems(db, { agencyId, categoryId });
    return { meta, entries };
  };

  app.get(
    '/agencies/:id/feed.rss',
    { schema: { params: idParams, querystring: queryValues } },
    async (request, reply) => {
      const { meta, entries } = await feedMeta(request, request.params.id, request.query, 'rss');
      return sendXml(reply, 'application/rss+xml', rssFeed(meta, entries));
    },
  );

  app.get(
    '/agencies/:id/feed.atom',
    { schema: { params: idParams, querystring: queryValues } },
    async (request, reply) => {
      const { meta, entries } = await feedMeta(request, request.params.id, request.query, 'atom');
      return sendXml(reply, 'application/atom+xml', atomFeed(meta, entries));
    },
  );

  // One file while everything fits; else an index of /sitemap.xml?page=1, 2 … (page 1 the agencies).
  app.get('/sitemap.xml', { schema: { querystring: queryValues } }, async (request, reply) => {
    const origin = originOf(request);
    const agencies = await listAgencies(db);
    const agencyUrls: SitemapUrl[] = agencies.flatMap((a) => [
      { path: `/agencies/${a.id}`, lastModified: a.updatedAt.slice(0, 10) },
      ...DISCLOSURE_SECTIONS.map((s) => ({ path: `/agencies/${a.id}/${s.slug}` })),
      { path: `/agencies/${a.id}/catalogue` },
    ]);
    const itemUrls = (rows: Awaited<ReturnType<typeof sitemapItems>>): SitemapUrl[] =>
      rows.map((r) => ({ path: `/agencies/${r.agencyId}/items/${r.id}`, lastModified: r.lastModified }));
    const total = await countPublishedItems(db);
    const pageText = one(request.query.page);
    if (agencyUrls.length + total <= SITEMAP_LIMIT && pageText === '') {
      const items = await sitemapItems(db, { limit: SITEMAP_LIMIT, offset: 0 });
      return sendXml(
        reply,
        'application/xml',
        sitemap(origin, [{ path: '/' }, ...agencyUrls, ...itemUrls(items)]),
      );
    }
    const itemPages = Math.ceil(total / SITEMAP_LIMIT);
    if (pageText === '') {
      const paths = Array.from({ length: itemPages + 1 }, (_, i) => `/sitemap.xml?page=${i + 1}`);
      return sendXml(reply, 'application/xml', sitemapIndex(origin, paths));
    }
    const n = /^\d{1,6}$/.test(pageText) ? Number(pageText) : 0;
    if (n < 1 || n > itemPages + 1) throw new AppError('NOT_FOUND', '没有这一页站点地图。');
    if (n === 1) return sendXml(reply, 'application/xml', sitemap(origin, [{ path: '/' }, ...agencyUrls]));
    const items = await sitemapItems(db, { limit: SITEMAP_LIMIT, offset: (n - 2) * SITEMAP_LIMIT });
    return sendXml(reply, 'application/xml', sitemap(origin, itemUrls(items)));
  });

  app.get('/robots.txt', async (request, reply) =>
    reply
      .type('text/plain; charset=utf-8')
      .send(
        [
          'User-agent: *',
          'Disallow: /workbench/',
          'Disallow: /api/',
          'Disallow: /account/',
          `Sitemap: ${originOf(request)}/sitemap.xml`,
          '',
        ].join('\n'),
      ),
  );
};
