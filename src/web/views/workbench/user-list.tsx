import type { UserView } from '../../presenters/user.presenter.ts';
import { DataTable } from '../components/table.tsx';

export const UserList = ({ users }: { users: readonly UserView[] }) => (
  <>
    <h1>用户</h1>
    <p class="lead">您担任管理员的机关及其下级机关的用户。</p>
    <div class="actions">
      <a class="button" href="/workbench/users/new">
        新建用户
      </a>
    </div>
    <DataTable
      caption={`用户（共 ${users.length} 个）`}
      rows={users}
      wide
      rowKey={(u) => u.id}
      empty="还没有用户。"
      columns={[
        { header: '用户名', cell: (u) => <a href={u.href}>{u.username}</a> },
        { header: '姓名', cell: (u) => u.displayName },
        { header: '所属机关', cell: (u) => u.agencyName },
        {
          header: '角色',
          cell: (u) =>
            u.roleLabels.length === 0
              ? '—'
              : u.roleLabels.map((label) => (
                  <span class="tag" key={label}>
                    {label}
                  </span>
                )),
        },
        {
          header: '状态',
          cell: (u) => <span class={u.active ? undefined : 'tag tag--off'}>{u.status}</span>,
        },
      ]}
    />
  </>
);
