import { STAGE_LABELS, STAGES, type Stage } from '../../../disclosure/publishing-workflow.ts';
import { SelectField, TextField } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export interface DisclosureRowView {
  readonly id: number;
  readonly href: string;
  readonly title: string;
  readonly agencyName: string;
  readonly documentNumber: string;
  readonly stage: Stage;
  readonly madeOn: string;
  readonly publishedOn: string;
  /** The last day Art. 26 allows; '' when the item has no date made. */
  readonly deadline: string;
  readonly late: boolean;
}

/** The filters of the list, as they stand in its query string. */
export interface DisclosureListFilters {
  readonly stage: Stage | '';
  readonly late: boolean;
  readonly q: string;
}

/** '/workbench/disclosure?stage=published&q=…&page=2', leaving out what is empty. */
export const disclosureListHref = (filters: DisclosureListFilters, page = 1): string => {
  const params = new URLSearchParams();
  if (filters.stage !== '') params.set('stage', filters.stage);
  if (filters.late) params.set('late', '1');
  if (filters.q !== '') params.set('q', filters.q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/workbench/disclosure?${query}` : '/workbench/disclosure';
};

interface Props {
  readonly rows: readonly DisclosureRowView[];
  readonly stage: Stage | '';
  readonly late: boolean;
  readonly q: string;
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** The late filter judged only the most recently changed candidates. */
  readonly capped: boolean;
  readonly limit: number;
  readonly canPublish: boolean;
  /** An admin keeps the search synonyms. */
  readonly canAdmin?: boolean;
}

/** GET /workbench/disclosure: the items of the user's agencies, by stage, late ones flagged (Art. 26). */
export const DisclosureList = ({
  rows,
  stage,
  late,
  q,
  total,
  page,
  pageSize,
  capped,
  limit,
  canPublish,
  canAdmin = false,
}: Props) => {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const filters = { stage, late, q };
  return (
    <>
      <h1>主动公开</h1>
      <p class="lead">
        您所在机关及其下级机关的主动公开信息：草稿经保密审查和审批后发布。自成文或变更之日起超过 20
        个工作日仍未公开（或公开晚于该期限）的，标为“逾期”（《条例》第二十六条）。
      </p>
      {canPublish || canAdmin ? (
        <div class="actions">
          {canPublish ? (
            <a class="button" href="/workbench/disclosure/new">
              新建信息
            </a>
          ) : null}
          {canAdmin ? (
            <a class="button button--quiet" href="/workbench/disclosure/synonyms">
              检索同义词
            </a>
          ) : null}
        </div>
      ) : null}
      <nav aria-label="办理阶段" class="queue-tabs">
        <ul class="actions">
          {(['', ...STAGES] as const).map((s) => (
            <li key={s}>
              <a
                href={disclosureListHref({ stage: s, late, q })}
                aria-current={s === stage ? 'page' : undefined}
              >
                {s === '' ? '全部' : STAGE_LABELS[s]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <form
        method="get"
        action="/workbench/disclosure"
        class="form form--inline"
        aria-label="筛选主动公开信息"
      >
        <TextField name="q" label="标题" value={q} hint="标题中的文字" maxLength={100} />
        <SelectField
          name="stage"
          label="办理阶段"
          options={[
            { value: '', label: '全部' },
            ...STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] })),
          ]}
          value={stage}
        />
        <SelectField
          name="late"
          label="是否逾期"
          options={[
            { value: '', label: '全部' },
            { value: '1', label: '仅逾期' },
          ]}
          value={late ? '1' : ''}
        />
        <div class="form__buttons">
          <button type="submit" class="button">
            筛选
          </button>
          <a href="/workbench/disclosure">清除筛选</a>
        </div>
      </form>
      <DataTable
        caption={`${stage === '' ? '全部信息' : STAGE_LABELS[stage]}${late ? '·逾期' : ''}${q ? `·标题含“${q}”` : ''}（共 ${total} 条${pages > 1 ? `，第 ${page}/${pages} 页` : ''}）`}
        rows={rows}
        rowKey={(r) => r.id}
        wide
        empty="没有符合条件的信息。"
        columns={[
          {
            header: '标题',
            cell: (r) => (
              <>
                <a href={r.href}>{r.title || '（无标题）'}</a>
                {r.late ? (
                  <>
                    {' '}
                    <span class="tag tag--off">逾期</span>
                  </>
                ) : null}
              </>
            ),
          },
          { header: '机关', cell: (r) => r.agencyName },
          { header: '文号', cell: (r) => r.documentNumber, nowrap: true },
          { header: '阶段', cell: (r) => STAGE_LABELS[r.stage], nowrap: true },
          { header: '成文日期', cell: (r) => r.madeOn, nowrap: true },
          { header: '应公开日期', cell: (r) => r.deadline, nowrap: true },
          { header: '发布日期', cell: (r) => r.publishedOn, nowrap: true },
        ]}
      />
      {capped ? (
        <p class="muted">
          逾期筛选只核对了最近变更的 {limit} 条可能逾期的信息；请再按办理阶段或标题缩小范围。
        </p>
      ) : null}
      {pages > 1 ? (
        <nav aria-label="分页">
          <ul class="actions">
            {page > 1 ? (
              <li>
                <a href={disclosureListHref(filters, page - 1)} rel="prev">
                  上一页
                </a>
              </li>
            ) : null}
            <li>
              第 {page} / {pages} 页
            </li>
            {page < pages ? (
              <li>
                <a href={disclosureListHref(filters, page + 1)} rel="next">
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
