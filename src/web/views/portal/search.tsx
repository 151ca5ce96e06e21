import { ARTICLE_20 } from '../../../disclosure/article-20.ts';
import type { TextPart } from '../../../disclosure/highlight.ts';
import type { SearchResult } from '../../../disclosure/search-items.ts';
import { itemHref } from '../../presenters/disclosure-item.presenter.ts';
import { SelectField, TextField } from '../components/form.tsx';

export interface SearchFilters {
  readonly q: string;
  /** '' for every agency. */
  readonly agency: string;
  /** '' for any, '1'–'15', or 'other'. */
  readonly item: string;
  readonly year: string;
}

export interface SearchPageProps {
  readonly filters: SearchFilters;
  readonly agencies: readonly { readonly id: number; readonly name: string; readonly depth: number }[];
  /** Null before anything was asked. */
  readonly result: SearchResult | null;
  readonly pageHref: (page: number) => string;
}

/** Text with its hits in <mark>: every part is escaped by preact like any other text. */
export const Highlighted = ({ parts }: { parts: readonly TextPart[] }) => (
  <>{parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : p.text))}</>
);

const ITEM_OPTIONS = [
  { value: '', label: '全部类别' },
  ...ARTICLE_20.map((text, i) => ({ value: String(i + 1), label: `（${i + 1}）${text}` })),
  { value: 'other', label: '其他' },
];

const Pager = ({ result, pageHref }: { result: SearchResult; pageHref: (page: number) => string }) => {
  const last = result.pageCount;
  if (last <= 1) return null;
  const { page } = result;
  return (
    <nav aria-label="分页">
      <ul class="actions">
        {page > 1 ? (
          <li>
            <a href={pageHref(page - 1)} rel="prev">
              上一页
            </a>
          </li>
        ) : null}
        <li aria-current="page">
          第 {page} / {last} 页
        </li>
        {page < last ? (
          <li>
            <a href={pageHref(page + 1)} rel="next">
              下一页
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
};

/** GET /search: the form (works without JavaScript) and the results, best first, a page at a time. */
export const SearchPage = ({ filters, agencies, result, pageHref }: SearchPageProps) => (
  <>
    <h1>检索主动公开的政府信息</h1>
    <p class="lead">
      在各机关已主动公开的政府信息中检索标题、正文和文号。可输入简称（如“低保”“医保”），也可用引号检索完整词句。
    </p>
    <search aria-label="检索政府信息">
      <form method="get" action="/search" class="form form--inline">
        <TextField
          name="q"
          label="检索词"
          value={filters.q}
          maxLength={100}
          hint="如：低保、汴政〔2019〕12号"
        />
        <SelectField
          name="agency"
          label="公开机关"
          value={filters.agency}
          options={[
            { value: '', label: '全部机关' },
            ...agencies.map((a) => ({ value: String(a.id), label: `${'　'.repeat(a.depth)}${a.name}` })),
          ]}
        />
        <SelectField
          name="item"
          label="信息类别（条例第二十条）"
          value={filters.item}
          options={ITEM_OPTIONS}
        />
        <TextField name="year" label="发布年份" value={filters.year} maxLength={4} hint="如：2019" />
        <div class="form__buttons">
          <button type="submit" class="button">
            检索
          </button>
        </div>
      </form>
    </search>
    {result === null ? null : (
      <section aria-labelledby="results-title">
        <h2 id="results-title">检索结果</h2>
        {result.total === 0 ? (
          <div class="empty-state">
            <p class="empty-state__title">
              {result.searched ? '没有找到符合条件的信息' : '请输入要检索的文字或数字'}
            </p>
            <p>
              可以换用其他词语、减少检索词或放宽筛选条件。未主动公开的政府信息，可以
              {filters.agency === '' ? (
                '向有关机关申请公开'
              ) : (
                <a href={`/agencies/${filters.agency}/apply`}>向该机关申请公开</a>
              )}
              。
            </p>
          </div>
        ) : (
          <>
            <p role="status">
              {result.totalCapped ? `找到超过 ${result.total} 条` : `共找到 ${result.total} 条`}
              {result.pageCount > 1 ? `，第 ${result.page} / ${result.pageCount} 页` : ''}。
            </p>
            <ol class="search-results" start={(result.page - 1) * result.pageSize + 1}>
              {result.rows.map((row) => (
                <li key={row.id} class="search-result">
                  <h3>
                    <a href={itemHref(row.agencyId, row.id)}>
                      <Highlighted parts={row.titleParts} />
                    </a>
                  </h3>
                  <p class="muted">
                    {row.agencyName}
                    {row.documentNumber ? (
                      <>
                        {' · '}
                        <Highlighted parts={row.documentNumberParts} />
                      </>
                    ) : null}
                    {' · '}发布日期 {row.publishedOn}
                  </p>
                  <p>
                    <Highlighted parts={row.snippet} />
                  </p>
                </li>
              ))}
            </ol>
            <Pager result={result} pageHref={pageHref} />
          </>
        )}
      </section>
    )}
  </>
);
