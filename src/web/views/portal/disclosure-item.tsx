import type { DisclosureItem } from '../../../disclosure/disclosure-item.table.ts';
import type { AgencyView } from '../../presenters/agency.presenter.ts';
import type { ItemFacts } from '../../presenters/disclosure-item.presenter.ts';

const Fact = ({ term, value }: { term: string; value: string }) =>
  value === '' ? null : (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );

/**
 * A published item. `safeBodyHtml` has been through the allow-list sanitiser
 * (src/disclosure/sanitize-html.ts): it holds no script, handler or unsafe link.
 */
export const DisclosureItemPage = ({
  agency,
  item,
  facts,
  safeBodyHtml,
}: {
  agency: AgencyView;
  item: DisclosureItem;
  facts: ItemFacts;
  safeBodyHtml: string;
}) => (
  <article class="document">
    <h1>{item.title}</h1>
    <dl class="facts">
      <dt>公开机关</dt>
      <dd>
        <a href={agency.href}>{agency.name}</a>
      </dd>
      <Fact term="文号" value={facts.documentNumber} />
      <Fact term="发布机构" value={facts.issuingAgency} />
      <Fact term="成文日期" value={facts.madeOn} />
      <Fact term="发布日期" value={facts.publishedOn} />
      <Fact term="变更日期" value={facts.changedOn} />
      <Fact term="信息类别" value={facts.article20} />
      <Fact term="主题分类" value={facts.category} />
      <Fact term="重点领域" value={facts.tags.join('、')} />
    </dl>
    {/* Sanitised on the server with an allow-list (src/disclosure/sanitize-html.ts). */}
    <div class="item-body" dangerouslySetInnerHTML={{ __html: safeBodyHtml }} />
    <p>
      <a href={`/agencies/${agency.id}/disclosures`}>返回{agency.name}法定主动公开内容</a>
      {' · '}
      <a href={`/search?agency=${agency.id}`}>检索该机关公开的信息</a>
    </p>
  </article>
);
