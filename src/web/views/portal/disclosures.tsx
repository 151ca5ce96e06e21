import { ARTICLE_20 } from '../../../disclosure/article-20.ts';
import type { CataloguePage, CategoryCount } from '../../../disclosure/catalogue-items.ts';
import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { CategoryTree, ItemTable } from './catalogue.tsx';

const EMPTY_QUERY = { category: '', year: '', item: '', tag: '', sort: 'newest', page: 1 };

/** 法定主动公开内容: the newest published items, the catalogue tree, and the fifteen items of Art. 20. */
export const Disclosures = ({
  agency,
  latest,
  categories,
}: {
  agency: AgencyView;
  /** The newest page of the agency's published items. */
  latest: CataloguePage;
  categories: readonly CategoryCount[];
}) => (
  <>
    <h1>{agency.name}法定主动公开内容</h1>
    <p class="lead">
      本栏目按《中华人民共和国政府信息公开条例》第二十条的分类，发布本机关主动公开的政府信息。属于主动公开范围的信息，自形成或者变更之日起
      20 个工作日内公开（第二十六条）。
    </p>
    <search aria-label="检索本机关公开的信息">
      <form method="get" action="/search" class="form form--inline">
        <input type="hidden" name="agency" value={String(agency.id)} />
        <div class="field">
          <label class="field__label" for="field-q">
            检索本机关及下级机关公开的信息
          </label>
          <input id="field-q" name="q" type="text" maxLength={100} />
        </div>
        <div class="form__buttons">
          <button type="submit" class="button">
            检索
          </button>
        </div>
      </form>
    </search>
    <h2>已公开的信息</h2>
    {latest.total === 0 ? (
      <div class="empty-state">
        <p class="empty-state__title">暂无已公开的信息</p>
        <p>本机关尚未在本平台发布主动公开的政府信息。信息发布后将按下列分类和发布日期列在这里，并可检索。</p>
      </div>
    ) : (
      <>
        <ItemTable
          agencyId={agency.id}
          page={latest}
          caption={`最新发布的 ${latest.entries.length} 条信息`}
        />
        <p>
          <a href={`/agencies/${agency.id}/catalogue`}>查看全部 {latest.total} 条信息（政府信息公开目录）</a>
          {' · '}
          <a href={`/agencies/${agency.id}/feed.rss`}>RSS 订阅</a>
          {' · '}
          <a href={`/agencies/${agency.id}/feed.atom`}>Atom 订阅</a>
        </p>
      </>
    )}
    {categories.length > 0 ? (
      <CategoryTree agencyId={agency.id} categories={categories} query={EMPTY_QUERY} />
    ) : null}
    <h2>第二十条规定主动公开的十五类信息</h2>
    <ol>
      {ARTICLE_20.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ol>
  </>
);
