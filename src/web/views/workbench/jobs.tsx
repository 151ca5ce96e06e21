import { beijingDateTime } from '../../../calendar/beijing-time.ts';
import { JOB_STATES, type JobState, type JobView } from '../../../jobs/job.ts';
import { JOB_STATE_LABELS, jobNameLabel } from '../../../jobs/job-labels.ts';
import { Notice, PostForm, SelectField, SubmitButton } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export interface JobsFilter {
  readonly state: JobState | undefined;
  readonly name: string | undefined;
}

interface Props {
  /** False when this service runs without background jobs. */
  readonly enabled: boolean;
  readonly jobs: readonly JobView[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly filter: JobsFilter;
  /** The job names to filter by. */
  readonly names: readonly string[];
  readonly csrfToken: string;
  readonly notice: string | null;
  readonly href: (changes: { page?: number }) => string;
}

const when = (iso: string | null): string => (iso === null ? '—' : beijingDateTime(iso));

const Actions = ({ job, csrfToken }: { job: JobView; csrfToken: string }) =>
  job.state === 'failed' ? (
    <PostForm action={`/workbench/jobs/${job.id}/retry`} csrfToken={csrfToken} class="inline-form">
      <SubmitButton quiet>重试</SubmitButton>
    </PostForm>
  ) : job.state === 'created' || job.state === 'retry' ? (
    <PostForm action={`/workbench/jobs/${job.id}/cancel`} csrfToken={csrfToken} class="inline-form">
      <SubmitButton quiet>取消</SubmitButton>
    </PostForm>
  ) : null;

/** GET /workbench/jobs: the background jobs, filtered and paged, with retry, cancel and recompute. */
export const JobsPage = ({
  enabled,
  jobs,
  total,
  page,
  pageCount,
  filter,
  names,
  csrfToken,
  notice,
  href,
}: Props) => (
  <>
    <h1>后台任务</h1>
    <p class="lead">
      每天 2:00 重新计算未办结申请的答复期限，8:00
      为承办人生成期限提醒（北京时间）。失败的任务会按间隔自动重试，用尽重试次数后可在此手动重试。
    </p>
    {notice ? <Notice>{notice}</Notice> : null}
    {enabled ? (
      <PostForm action="/workbench/jobs/recompute" csrfToken={csrfToken} class="form form--inline">
        <p>节假日安排或机关的收费设置改动后会自动重新计算；如需立即全部重新计算，可手动启动。</p>
        <SubmitButton>重新计算全部期限</SubmitButton>
      </PostForm>
    ) : (
      <div class="notice notice--warning" role="status">
        本服务未启用后台任务。
      </div>
    )}
    <form method="get" action="/workbench/jobs" class="form form--inline" aria-label="筛选任务">
      <SelectField
        name="state"
        label="状态"
        options={[
          { value: '', label: '全部' },
          ...JOB_STATES.map((s) => ({ value: s, label: JOB_STATE_LABELS[s] })),
        ]}
        value={filter.state ?? ''}
      />
      <SelectField
        name="name"
        label="任务"
        options={[{ value: '', label: '全部' }, ...names.map((n) => ({ value: n, label: jobNameLabel(n) }))]}
        value={filter.name ?? ''}
      />
      <div class="form__buttons">
        <button type="submit" class="button">
          筛选
        </button>
        <a href="/workbench/jobs">清除筛选</a>
      </div>
    </form>
    <p>符合条件的任务 {total} 个。</p>
    <DataTable
      caption={`后台任务（第 ${page} / ${Math.max(1, pageCount)} 页）`}
      rows={jobs}
      wide
      rowKey={(j) => j.id}
      empty="没有符合条件的任务。"
      columns={[
        { header: '任务', cell: (j) => jobNameLabel(j.name) },
        { header: '状态', cell: (j) => JOB_STATE_LABELS[j.state], nowrap: true },
        { header: '已运行次数', cell: (j) => `${j.attempts} / ${j.retryLimit + 1}`, numeric: true },
        { header: '创建时间', cell: (j) => when(j.createdOn), nowrap: true },
        { header: '开始时间', cell: (j) => when(j.startedOn), nowrap: true },
        { header: '结束时间', cell: (j) => when(j.completedOn), nowrap: true },
        { header: '最近一次错误', cell: (j) => j.lastError ?? '—' },
        { header: '操作', cell: (j) => <Actions job={j} csrfToken={csrfToken} /> },
      ]}
    />
    <nav class="pager" aria-label="翻页">
      {page > 1 ? <a href={href({ page: page - 1 })}>上一页</a> : null}{' '}
      {page < pageCount ? <a href={href({ page: page + 1 })}>下一页</a> : null}
    </nav>
  </>
);
