import { QUEUE_LABELS, QUEUES, type Queue } from '../../../applications/list-applications.ts';
import type { ApplicationRowView } from '../../presenters/application.presenter.ts';
import { DataTable } from '../components/table.tsx';

interface Props {
  readonly queue: Queue;
  readonly rows: readonly ApplicationRowView[];
  readonly canRegister: boolean;
}

/** The applications of the user's agencies, one queue at a time (issue 4, item 7). */
export const ApplicationList = ({ queue, rows, canRegister }: Props) => (
  <>
    <h1>依申请公开</h1>
    <p class="lead">您所在机关及其下级机关收到的政府信息公开申请。答复期限按办理事件和法定工作日自动计算。</p>
    {canRegister ? (
      <div class="actions">
        <a class="button" href="/workbench/applications/new">
          登记申请
        </a>
      </div>
    ) : null}
    <nav aria-label="申请队列">
      <ul class="actions">
        {QUEUES.map((q) => (
          <li key={q}>
            <a
              href={q === 'all' ? '/workbench/applications' : `/workbench/applications?queue=${q}`}
              aria-current={q === queue ? 'page' : undefined}
            >
              {QUEUE_LABELS[q]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    <DataTable
      caption={`${QUEUE_LABELS[queue]}（共 ${rows.length} 件）`}
      rows={rows}
      wide
      rowKey={(r) => r.id}
      empty="此队列中没有申请。"
      columns={[
        { header: '申请编号', nowrap: true, cell: (r) => <a href={r.href}>{r.trackingNumber}</a> },
        { header: '申请人', cell: (r) => r.applicant },
        { header: '收到日期', nowrap: true, cell: (r) => r.receivedOn },
        { header: '答复期限', cell: (r) => r.deadline },
        {
          header: '状态',
          cell: (r) => (
            <>
              {r.status}
              {r.overdue ? <span class="tag tag--off">已逾期</span> : null}
            </>
          ),
        },
      ]}
    />
  </>
);
