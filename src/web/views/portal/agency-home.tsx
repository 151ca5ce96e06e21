import type { AgencyView } from '../../presenters/agency.presenter.ts';
import type { TreeNodeView } from '../../presenters/agency-tree.presenter.ts';
import { AgencyTree } from '../components/agency-tree.tsx';
import { OfficeContact } from '../components/office-contact.tsx';
import { SectionCards } from './section-cards.tsx';

interface Props {
  readonly agency: AgencyView;
  readonly subordinates: readonly TreeNodeView[];
}

/** An agency's disclosure home: its five entries, its office, the agencies under it. */
export const AgencyHome = ({ agency, subordinates }: Props) => (
  <>
    <h1>{agency.name}政府信息公开</h1>
    <p class="lead">
      {agency.levelLabel}
      {agency.kindLabel}
      。本专栏依照《中华人民共和国政府信息公开条例》设置，发布本机关的政府信息公开指南、制度、法定主动公开内容和年度报告，并说明如何申请公开。
    </p>
    <div class="layout-2col">
      <section aria-labelledby="sections-title">
        <h2 id="sections-title">政府信息公开专栏</h2>
        <SectionCards agencyId={agency.id} heading="h3" />
      </section>
      <aside class="panel">
        <OfficeContact agencyName={agency.name} office={agency.office} heading="h2" />
      </aside>
    </div>
    {subordinates.length > 0 ? (
      <section aria-labelledby="children-title">
        <h2 id="children-title">下级机关</h2>
        <AgencyTree nodes={subordinates} label={`${agency.name}的下级机关`} />
      </section>
    ) : null}
  </>
);
