import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { DataTable } from '../components/table.tsx';

/** Every agency of the hierarchy, in hierarchy order, with its disclosure office's phone. */
export const AgencyList = ({
  agencies,
  parentName,
}: {
  agencies: readonly AgencyView[];
  parentName: (id: number | null) => string;
}) => (
  <>
    <h1>公开机关</h1>
    <p class="lead">本平台上开展政府信息公开工作的全部机关。选择机关名称，进入该机关的政府信息公开专栏。</p>
    <DataTable
      caption={`公开机关一览（共 ${agencies.length} 个）`}
      rows={agencies}
      rowKey={(a) => a.id}
      empty="系统中还没有登记任何机关。"
      columns={[
        { header: '机关', cell: (a) => <a href={a.href}>{a.name}</a> },
        { header: '类型', cell: (a) => `${a.levelLabel}${a.kindLabel}` },
        { header: '上级机关', cell: (a) => parentName(a.parentId) || '—' },
        { header: '政府信息公开工作机构', cell: (a) => a.office.name || '（未登记）' },
        { header: '联系电话', cell: (a) => a.office.phone || '（未登记）' },
      ]}
    />
  </>
);
