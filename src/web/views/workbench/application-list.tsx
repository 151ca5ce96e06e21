import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../../../applications/application-kinds.ts';
import { QUEUE_LABELS, QUEUES, type Queue } from '../../../applications/list-applications.ts';
import type { ApplicationRowView } from '../../presenters/application.presenter.ts';
import { SelectField, TextField } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

/** The filters of the queue page, as they stand in its query string. */
export interface QueueFilters {
  readonly q: string;
  readonly handler: string;
  readonly channel: string;
  readonly applicantType: string;
  readonly receivedFrom: string;
  readonly receivedTo: string;
}

export const filterValues = (
  query: Partial<Record<keyof QueueFilters, string | undefined>>,
): QueueFilters => ({
  q: query.q ?? '',
  handler: query.handler ?? '',
  channel: query.channel ?? '',
  applicantType: query.applicantType ?? '',
  receivedFrom: query.receivedFrom ?? '',
  receivedTo: query.receivedTo ?? '',
});

/** '/workbench/applications?queue=overdue&q=…', leaving out what is empty. */
export const queueHref = (path: string, queue: Queue, filters: QueueFilters, page = 1): string => {
  const params = new URLSearchParams();
  if (queue !== 'all') params.set('queue', queue);
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
};

interface Props {
  readonly queue: Queue;
  readonly rows: readonly ApplicationRowView[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly filters: QueueFilters;
  readonly canRegister: boolean;
}

const options = (labels: Readonly<Record<string, string>>) => [
  { value: '', label: '全部' },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

/** The applications of the user's agencies, one queue at a time, filtered and paged (issue 4, item 7). */
export const ApplicationList = ({ queue, rows, total, page, pageSize, filters, canRegister }: Props) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const list = '/workbench/applications';
  return (
    <>
      <h1>依申请公开</h1>
      <p class="lead">
        您所在机关及其下级机关收到、承办或会办的政府信息公开申请。答复期限按办理事件和法定工作日自动计算。
      </p>
      {canRegister ? (
        <div class="actions">
          <a class="button" href="/workbench/applications/new">
            登记申请
          </a>
          <a class="button button--quiet" href="/workbench/applications/import">
            批量导入
          </a>
        </div>
      ) : null}
      <nav aria-label="申请队列" class="queue-tabs">
        <ul class="actions">
          {QUEUES.map((q) => (
            <li key={q}>
              <a href={queueHref(list, q, filters)} aria-current={q === queue ? 'page' : undefined}>
                {QUEUE_LABELS[q]}
              </a>
            </li>
          ))}
          <li>
            <a
              href={queueHref(list, queue, { ...filters, handler: 'me' })}
              aria-current={filters.handler === 'me' ? 'true' : undefined}
            >
              我承办的
            </a>
          </li>
        </ul>
      </nav>
      <form method="get" action={list} class="form form--inline" aria-label="筛选申请">
        <input type="hidden" name="queue" value={queue} />
        {filters.handler ? <input type="hidden" name="handler" value={filters.handler} /> : null}
        <TextField
          name="q"
          label="搜索"
          value={filters.q}
          hint="申请编号、申请人姓名或所需信息中的文字"
          maxLength={100}
        />
        <SelectField
          name="channel"
          label="申请渠道"
          options={options(CHANNEL_LABELS)}
          value={filters.channel}
        />
        <SelectField
          name="applicantType"
          label="申请人类型"
          options={options(APPLICANT_TYPE_LABELS)}
          value={filters.applicantType}
        />
        <TextField
          name="receivedFrom"
          label="收到日期自"
          value={filters.receivedFrom}
          hint="YYYY-MM-DD"
          maxLength={10}
        />
        <TextField
          name="receivedTo"
          label="收到日期至"
          value={filters.receivedTo}
          hint="YYYY-MM-DD"
          maxLength={10}
        />
        <div class="form__buttons">
          <button type="submit" class="button">
            筛选
          </button>
          <a href={queueHref(list, queue, filterValues({}))}>清除筛选</a>
        </div>
      </form>
      <p>
        <a href={queueHref(`${list}/export.csv`, queue, filters)}>导出此队列为 CSV（个人信息已隐藏）</a>
      </p>
      <DataTable
        caption={`${QUEUE_LABELS[queue]}${filters.handler === 'me' ? '·我承办的' : ''}（共 ${total} 件${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`}
        rows={rows}
        wide
        rowKey={(r) => r.id}
        empty="此队列中没有申请。"
        columns={[
          { header: '申请编号', nowrap: true, cell: (r) => <a href={r.href}>{r.trackingNumber}</a> },
          { header: '受理机关', cell: (r) => r.agencyName },
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
      {pages > 1 ? (
        <nav aria-label="分页">
          <ul class="actions">
            {page > 1 ? (
              <li>
                <a href={queueHref(list, queue, filters, page - 1)} rel="prev">
                  上一页
                </a>
              </li>
            ) : null}
            <li>
              第 {page} / {pages} 页
            </li>
            {page < pages ? (
              <li>
                <a href={queueHref(list, queue, filters, page + 1)} rel="next">
                  下一页
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>
  );
};
