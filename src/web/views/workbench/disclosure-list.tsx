import { STAGE_LABELS, STAGES, type Stage } from '../../../disclosure/publishing-workflow.ts';
import { SelectField } from '../components/form.tsx';
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

interface Props {
  readonly rows: readonly DisclosureRowView[];
  readonly stage: Stage | '';
  readonly late: boolean;
  readonly total: number;
  readonly canPublish: boolean;
}

/** GET /workbench/disclosure: the items of the user's agencies, by stage, late ones flagged (Art. 26). */
export const DisclosureList = ({ rows, stage, late, total, canPublish }: Props) => (
  <>
    <h1>主动公开</h1>
    <p class="lead">
      您所在机关及其下级机关的主动公开信息：草稿经保密审查和审批后发布。自成文或变更之日起超过 20
      个工作日仍未公开（或公开晚于该期限）的，标为“逾期”（《条例》第二十六条）。
    </p>
    {canPublish ? (
      <div class="actions">
        <a class="button" href="/workbench/disclosure/new">
          新建信息
        </a>
      </div>
    ) : null}
    <form method="get" action="/workbench/disclosure" class="form form--inline" aria-label="筛选主动公开信息">
      <SelectField
        name="stage"
        label="办理阶段"
        options={[{ value: '', label: '全部' }, ...STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))]}
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
      caption={`${stage === '' ? '全部信息' : STAGE_LABELS[stage]}${late ? '·逾期' : ''}（共 ${total} 条${rows.length < total ? `，显示前 ${rows.length} 条` : ''}）`}
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
  </>
);
