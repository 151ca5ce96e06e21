import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { Notice } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export interface AgencyRowView {
  readonly agency: AgencyView;
  readonly parentName: string;
  /** The user is admin over it: may edit it and add agencies under it. */
  readonly canAdmin: boolean;
}

export const WorkbenchAgencyList = ({
  rows,
  notice,
}: {
  rows: readonly AgencyRowView[];
  notice?: string;
}) => (
  <>
    <h1>机关</h1>
    {notice ? <Notice>{notice}</Notice> : null}
    <p class="lead">您有权限的机关及其下级机关。管理员可以修改机关信息，并在其下新建机关。</p>
    <DataTable
      caption={`机关（共 ${rows.length} 个）`}
      rows={rows}
      rowKey={(r) => r.agency.id}
      empty="您还没有任何机关的权限。"
      columns={[
        { header: '机关', cell: (r) => r.agency.name },
        { header: '类型', cell: (r) => `${r.agency.levelLabel}${r.agency.kindLabel}` },
        { header: '上级机关', cell: (r) => r.parentName || '—' },
        {
          header: '操作',
          cell: (r) => (
            <>
              <a href={r.agency.href}>门户页面</a>
              {r.canAdmin ? (
                <>
                  {' · '}
                  <a href={`/workbench/agencies/${r.agency.id}`}>修改</a>
                  {' · '}
                  <a href={`/workbench/agencies/${r.agency.id}/new`}>新建下级机关</a>
                </>
              ) : null}
            </>
          ),
        },
      ]}
    />
  </>
);
