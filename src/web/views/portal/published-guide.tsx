import type { AgencyView } from '../../presenters/agency.presenter.ts';

/**
 * The guide the agency wrote and published (src/disclosure/guide.ts). `safeBodyHtml` has been
 * through the allow-list sanitiser.
 */
export const PublishedGuide = ({
  agency,
  version,
  publishedOn,
  safeBodyHtml,
}: {
  agency: AgencyView;
  version: number;
  publishedOn: string;
  safeBodyHtml: string;
}) => (
  <article class="document">
    <h1>{agency.name}政府信息公开指南</h1>
    <p class="updated">
      第 {version} 版，发布于 {publishedOn}。
    </p>
    <div class="item-body" dangerouslySetInnerHTML={{ __html: safeBodyHtml }} />
    <p>
      <a href={`/agencies/${agency.id}/catalogue`}>政府信息公开目录</a>
      {' · '}
      <a href={`/agencies/${agency.id}/apply`}>依申请公开</a>
    </p>
  </article>
);
