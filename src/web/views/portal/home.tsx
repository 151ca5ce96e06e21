import type { AgencyView } from '../../presenters/agency.presenter.ts';
import type { TreeNodeView } from '../../presenters/agency-tree.presenter.ts';
import { AgencyTree } from '../components/agency-tree.tsx';
import { SectionCards } from './section-cards.tsx';

interface Props {
  readonly tree: readonly TreeNodeView[];
  /** The top of the hierarchy when there is exactly one: its column opens the page. */
  readonly root: AgencyView | null;
}

export const PortalHome = ({ tree, root }: Props) => (
  <>
    <h1>政府信息公开</h1>
    <p class="lead">
      依据《中华人民共和国政府信息公开条例》，各机关在此主动公开政府信息，受理政府信息公开申请，并发布政府信息公开工作年度报告。
    </p>
    {root ? (
      <section aria-labelledby="root-sections">
        <h2 id="root-sections">{root.name}政府信息公开专栏</h2>
        <SectionCards agencyId={root.id} heading="h3" />
      </section>
    ) : null}
    <div class="layout-2col">
      <section aria-labelledby="tree-title">
        <h2 id="tree-title">公开机关</h2>
        <p>选择机关，进入该机关的政府信息公开专栏。</p>
        <AgencyTree nodes={tree} label="机关层级" />
      </section>
      <aside class="panel" aria-labelledby="help-title">
        <h2 id="help-title">办事指引</h2>
        <ul class="link-list">
          <li>查找政府信息：先在机关的“法定主动公开内容”中查找；已主动公开的信息无需申请。</li>
          <li>申请公开：阅读该机关的“政府信息公开指南”，按“依申请公开”栏目的说明提出申请。</li>
          <li>答复期限：不能当场答复的，机关自收到申请之日起 20 个工作日内答复。</li>
        </ul>
        <p>
          <a href="/agencies">全部公开机关一览</a>
        </p>
      </aside>
    </div>
  </>
);
