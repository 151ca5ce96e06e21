import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { MAX_PAGE, searchItems } from '../../../disclosure/search-items.ts';
import { MAX_QUERY_LENGTH } from '../../../disclosure/tokenize.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { isWithin, pathIds } from '../../../orgs/agency-path.ts';
import { type SearchFilters, SearchPage } from '../../views/portal/search.tsx';

/** One value of a query-string parameter: the first, trimmed; '' when absent. */
const first = (value: unknown): string => {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' ? v.trim() : '';
};

const searchHref = (filters: SearchFilters, page: number): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== '') params.set(key, value);
  if (page > 1) params.set('page', String(page));
  return `/search?${params.toString()}`;
};

/**
 * GET /search?q=&agency=&item=&year=&page= — the portal's search of published items. A filter
 * that does not parse is left out rather than refused: a reader's mistyped year should not
 * cost them the results. Nothing is searched until something is asked.
 */
export const portalSearchRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/search', async (request, reply) => {
    const query = (request.query ?? {}) as Record<string, unknown>;
    const agencies = await app.portalReads.get('agencies', () => listAgencies(app.database.db));
    const agencyId = first(query.agency);
    const agency = /^\d{1,10}$/.test(agencyId) ? agencies.find((a) => a.id === Number(agencyId)) : undefined;
    const item = first(query.item);
    const itemOk = item === 'other' || (/^\d{1,2}$/.test(item) && Number(item) >= 1 && Number(item) <= 15);
    const year = first(query.year);
    const yearOk = /^\d{4}$/.test(year) && Number(year) >= 1900 && Number(year) <= 2100;
    const pageText = first(query.page);
    const page = /^\d{1,6}$/.test(pageText) ? Math.min(Math.max(1, Number(pageText)), MAX_PAGE) : 1;
    const filters: SearchFilters = {
      q: first(query.q).slice(0, MAX_QUERY_LENGTH),
      agency: agency === undefined ? '' : String(agency.id),
      item: itemOk ? item : '',
      year: yearOk ? year : '',
    };

    const asked = Object.values(filters).some((v) => v !== '');
    const result = asked
      ? await searchItems(
          app.database.db,
          {
            query: filters.q,
            agencyIds:
              agency === undefined
                ? undefined
                : agencies.filter((a) => isWithin(a.path, agency.path)).map((a) => a.id),
            article20Item:
              filters.item === '' ? undefined : filters.item === 'other' ? 'other' : Number(filters.item),
            year: filters.year === '' ? undefined : Number(filters.year),
            page,
          },
          (key, read) => app.portalReads.get(key, read),
        )
      : null;

    const title = filters.q === '' ? '检索' : `检索：${filters.q}`;
    return reply.page(
      title,
      <SearchPage
        filters={filters}
        agencies={agencies.map((a) => ({ id: a.id, name: a.name, depth: pathIds(a.path).length - 1 }))}
        result={result}
        pageHref={(p) => searchHref(filters, p)}
      />,
      { breadcrumbs: [{ label: '首页', href: '/' }, { label: '检索' }] },
    );
  });
};
