import { ARTICLE_20, article20Label } from '../../../disclosure/article-20.ts';
import {
  CATALOGUE_SORT_LABELS,
  CATALOGUE_SORTS,
  type CataloguePage,
  type CategoryCount,
  FOCUS_AREAS,
} from '../../../disclosure/catalogue-items.ts';
import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { itemHref } from '../../presenters/disclosure-item.presenter.ts';
import { SelectField } from '../components/form.tsx';

/** The filters as the form and the links carry them: text, '' when not set. */
export interface CatalogueQuery {
  readonly category: string;
  readonly year: string;
  readonly item: string;
  readonly tag: string;
  readonly sort: string;
  readonly page: number;
}

/** The page's URL with these filters (and page), leaving out what is not set. */
export const catalogueHref = (agencyId: number, q: Partial<CatalogueQuery>): string => {
  const params = new URLSearchParams();
  for (const key of ['category', 'year', 'item', 'tag', 'sort'] as const) {
    const value = q[key];
    if (value !== undefined && value !== '' && !(key === 'sort' && value === 'newest'))
      params.set(key, value);
  }
  if (q.page !== undefined && q.page > 1) params.set('page', String(q.page));
  const search = params.toString();
  return `/agencies/${agencyId}/catalogue${search === '' ? '' : `?${search}`}`;
};

/** 政府信息公开目录: the category tree as links, each with its number of published items. */
export const CategoryTree = ({
  agencyId,
  categories,
  query,
}: {
  agencyId: number;
  categories: readonly CategoryCount[];
  query: CatalogueQuery;
}) => {
  const children = (parentId: number | null) => categories.filter((c) => c.parentId === parentId);
  const list = (parentId: number | null) => {
    const items = children(parentId);
    if (items.length === 0) return null;
    return (
      <ul>
        {items.map((c) => (
          <li key={c.id}>
            <a
              href={catalogueHref(agencyId, { ...query, category: String(c.id), page: 1 })}
              aria-current={query.category === String(c.id) ? 'page' : undefined}
            >
              {c.name}
            </a>{' '}
            <span class="tree__meta">（{c.count} 条）</span>
            {list(c.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <nav class="panel" aria-labelledby="catalogue-tree-title">
      <h2 id="catalogue-tree-title">政府信息公开目录</h2>
      {categories.length === 0 ? (
        <p class="muted">本机关尚未编制目录分类。</p>
      ) : (
        <div class="tree">
          <ul>
            <li>
              <a
                href={catalogueHref(agencyId, { ...query, category: '', page: 1 })}
                aria-current={query.category === '' ? 'page' : undefined}
              >
                全部信息
              </a>
            </li>
          </ul>
          {list(null)}
        </div>
      )}
    </nav>
  );
};

const Pager = ({
  agencyId,
  query,
  page,
}: {
  agencyId: number;
  query: CatalogueQuery;
  page: CataloguePage;
}) =>
  page.pageCount <= 1 ? null : (
    <nav aria-label="分页" class="pager">
      <ul class="actions">
        {page.page > 1 ? (
          <li>
            <a href={catalogueHref(agencyId, { ...query, page: page.page - 1 })} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        <li aria-current="page">
          第 {page.page} / {page.pageCount} 页
        </li>
        {page.page < page.pageCount ? (
          <li>
            <a href={catalogueHref(agencyId, { ...query, page: page.page + 1 })} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );

/** The table of items of a catalogue page. */
export const ItemTable = ({
  agencyId,
  page,
  caption,
}: {
  agencyId: number;
  page: CataloguePage;
  caption: string;
}) => (
  <div class="table-scroll">
    <table class="data-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">标题</th>
          <th scope="col">文号</th>
          <th scope="col">信息类别</th>
          <th scope="col" class="nowrap">
            发布日期
          </th>
        </tr>
      </thead>
      <tbody>
        {page.entries.map((e) => (
          <tr key={e.id}>
            <td>
              <a href={itemHref(agencyId, e.id)}>{e.title}</a>
            </td>
            <td>{e.documentNumber ?? ''}</td>
            <td>{article20Label(e.article20Item)}</td>
            <td class="nowrap">{e.publishedOn}</td>
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);

export interface CataloguePageProps {
  readonly agency: AgencyView;
  readonly categories: readonly CategoryCount[];
  readonly years: readonly number[];
  readonly query: CatalogueQuery;
  readonly page: CataloguePage;
}

/** GET /agencies/:id/catalogue: the catalogue tree, the filters (a plain GET form) and the items. */
export const CataloguePageView = ({ agency, categories, years, query, page }: CataloguePageProps) => {
  const feedQuery = query.category === '' ? '' : `?category=${encodeURIComponent(query.category)}`;
  return (
    <>
      <h1>{agency.name}政府信息公开目录</h1>
      <p class="lead">
        按目录分类、发布年份、《条例》第二十条的信息类别和重点领域查找本机关主动公开的政府信息。也可以
        <a href={`/agencies/${agency.id}/feed.rss${feedQuery}`}>订阅 RSS</a>或
        <a href={`/agencies/${agency.id}/feed.atom${feedQuery}`}>Atom</a>，获取最新发布的信息。
      </p>
      <div class="layout-2col">
        <CategoryTree agencyId={agency.id} categories={categories} query={query} />
        <div>
          <search aria-label="筛选本机关公开的信息">
            <form method="get" action={`/agencies/${agency.id}/catalogue`} class="form form--inline filters">
              <SelectField
                name="category"
                label="目录分类"
                value={query.category}
                options={[
                  { value: '', label: '全部分类' },
                  ...categories.map((c) => ({
                    value: String(c.id),
                    label: `${'　'.repeat(c.depth)}${c.name}（${c.count}）`,
                  })),
                ]}
              />
              <SelectField
                name="year"
                label="发布年份"
                value={query.year}
                options={[
                  { value: '', label: '全部年份' },
                  ...years.map((y) => ({ value: String(y), label: `${y} 年` })),
                ]}
              />
              <SelectField
                name="item"
                label="信息类别（条例第二十条）"
                value={query.item}
                options={[
                  { value: '', label: '全部类别' },
                  ...ARTICLE_20.map((_, i) => ({ value: String(i + 1), label: article20Label(i + 1) })),
                ]}
              />
              <SelectField
                name="tag"
                label="重点领域"
                value={query.tag}
                options={[
                  { value: '', label: '全部领域' },
                  ...FOCUS_AREAS.map((t) => ({ value: t, label: t })),
                ]}
              />
              <SelectField
                name="sort"
                label="排序"
                value={query.sort}
                options={CATALOGUE_SORTS.map((s) => ({ value: s, label: CATALOGUE_SORT_LABELS[s] }))}
              />
              <div class="form__buttons">
                <button type="submit" class="button">
                  筛选
                </button>
              </div>
            </form>
          </search>
          <section aria-labelledby="catalogue-results">
            <h2 id="catalogue-results">信息列表</h2>
            {page.total === 0 ? (
              <div class="empty-state">
                <p class="empty-state__title">没有符合条件的信息</p>
                <p>
                  可以放宽筛选条件，或<a href={`/search?agency=${agency.id}`}>检索本机关公开的信息</a>。
                </p>
              </div>
            ) : (
              <>
                <p role="status">
                  共 {page.total} 条{page.pageCount > 1 ? `，第 ${page.page} / ${page.pageCount} 页` : ''}。
                </p>
                <ItemTable
                  agencyId={agency.id}
                  page={page}
                  caption={`${agency.name}主动公开的政府信息（第 ${page.page} 页）`}
                />
                <Pager agencyId={agency.id} query={query} page={page} />
              </>
            )}
          </section>
        </div>
      </div>
    </>
  );
};
