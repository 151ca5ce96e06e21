import type { DisclosureAttachment } from '../../../disclosure/disclosure-attachment.table.ts';
import {
  type DisclosureItem,
  DOCUMENT_TYPE_LABELS,
  VALIDITY_LABELS,
} from '../../../disclosure/disclosure-item.table.ts';
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
  attachments = [],
}: {
  agency: AgencyView;
  item: DisclosureItem;
  facts: ItemFacts;
  safeBodyHtml: string;
  attachments?: readonly DisclosureAttachment[];
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
      <Fact term="文件类型" value={item.documentType ? DOCUMENT_TYPE_LABELS[item.documentType] : ''} />
      <Fact
        term="效力状态"
        value={
          item.validity
            ? `${VALIDITY_LABELS[item.validity]}${item.repealedOn ? `（${item.repealedOn} 废止）` : ''}`
            : ''
        }
      />
    </dl>
    {/* Sanitised on the server with an allow-list (src/disclosure/sanitize-html.ts). */}
    <div class="item-body" dangerouslySetInnerHTML={{ __html: safeBodyHtml }} />
    {attachments.length > 0 ? (
      <section aria-labelledby="item-attachments">
        <h2 id="item-attachments">附件</h2>
        <ul>
          {attachments.map((a) => (
            <li key={a.id}>
              <a href={`/agencies/${agency.id}/items/${item.id}/attachments/${a.id}`} download={a.fileName}>
                {a.fileName}
              </a>{' '}
              <span class="muted">（{Math.max(1, Math.round(a.size / 1024))} KB）</span>
            </li>
          ))}
        </ul>
      </section>
    ) : null}
    <p>
      <a href={`/agencies/${agency.id}/disclosures`}>返回{agency.name}法定主动公开内容</a>
      {' · '}
      <a href={`/search?agency=${agency.id}`}>检索该机关公开的信息</a>
    </p>
  </article>
);
