import type { AuditRowView } from '../../presenters/audit.presenter.ts';
import { DataTable } from '../components/table.tsx';

const Changes = ({ row }: { row: AuditRowView }) =>
  row.changes.length === 0 ? (
    '—'
  ) : (
    <ul class="changes">
      {row.changes.map((c) => (
        <li key={c.field}>
          {c.field}：{c.before === '' ? '（空）' : c.before} → {c.after === '' ? '（空）' : c.after}
        </li>
      ))}
      {row.moreChanges > 0 ? <li>另有 {row.moreChanges} 项</li> : null}
    </ul>
  );

export const AuditLog = ({
  rows,
  olderHref,
}: {
  rows: readonly AuditRowView[];
  olderHref: string | null;
}) => (
  <>
    <h1>审计日志</h1>
    <p class="lead">
      您担任管理员的机关及其下级机关的每一次修改：谁、何时、做了什么、改前改后。日志只能追加，不能修改或删除；电话、地址等个人信息已脱敏。
    </p>
    <DataTable
      caption="审计日志（最新的在前）"
      rows={rows}
      wide
      rowKey={(r) => r.id}
      empty="还没有记录。"
      columns={[
        { header: '时间（北京时间）', cell: (r) => r.at, nowrap: true },
        { header: '操作人', cell: (r) => r.actor },
        { header: '操作', cell: (r) => r.action, nowrap: true },
        { header: '对象', cell: (r) => r.entity },
        { header: '机关', cell: (r) => r.agencyName },
        { header: '变更', cell: (r) => <Changes row={r} /> },
        { header: '来源地址', cell: (r) => r.ip || '—', nowrap: true },
      ]}
    />
    {olderHref ? (
      <p class="pager">
        <a href={olderHref}>较早的记录</a>
      </p>
    ) : null}
  </>
);
