import { APPEAL_KINDS } from '../../../appeals/appeal-case.table.ts';
import { APPEAL_KIND_LABELS } from '../../../appeals/appeal-labels.ts';
import { SelectField, TextField } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

/** One case as the list shows it: every value already a display string. */
export interface AppealRowView {
  readonly id: number;
  readonly href: string;
  readonly kind: string;
  readonly agencyName: string;
  readonly body: string;
  readonly caseNumber: string;
  readonly claimant: string;
  readonly application: { readonly href: string; readonly number: string } | null;
  readonly filedOn: string;
  readonly due: string;
  readonly dutyState: string;
  /** 'overdue' and 'soon' are marked. */
  readonly urgency: 'overdue' | 'soon' | 'none';
  readonly result: string;
}

export interface AppealFilterValues {
  readonly kind: string;
  readonly pending: string;
  readonly year: string;
}

interface Props {
  readonly rows: readonly AppealRowView[];
  readonly filters: AppealFilterValues;
  readonly canRecord: boolean;
}

const KIND_OPTIONS = [
  { value: '', label: '全部' },
  ...APPEAL_KINDS.map((k) => ({ value: k, label: APPEAL_KIND_LABELS[k] })),
];
const PENDING_OPTIONS = [
  { value: '', label: '全部' },
  { value: '1', label: '尚未审结' },
];

/** Reconsideration and litigation cases of the user's agencies, with the agency's own duties. */
export const AppealList = ({ rows, filters, canRecord }: Props) => (
  <>
    <h1>行政复议和行政诉讼</h1>
    <p class="lead">
      针对本机关及下级机关政府信息公开工作的行政复议、行政诉讼案件。收到复议申请书副本后10日内提出书面答复，收到起诉状副本后15日内提交答辩状及证据（按自然日计算，最后一日为法定休假日的顺延至其后第一个工作日）。
    </p>
    {canRecord ? (
      <div class="actions">
        <a class="button" href="/workbench/appeals/new">
          登记复议/诉讼
        </a>
      </div>
    ) : null}
    <form method="get" action="/workbench/appeals" class="form form--inline" aria-label="筛选案件">
      <SelectField name="kind" label="案件类型" options={KIND_OPTIONS} value={filters.kind} />
      <SelectField name="pending" label="审结情况" options={PENDING_OPTIONS} value={filters.pending} />
      <TextField name="year" label="立案年度" value={filters.year} hint="如 2019" maxLength={4} />
      <div class="form__buttons">
        <button type="submit" class="button">
          筛选
        </button>
        <a href="/workbench/appeals">清除筛选</a>
      </div>
    </form>
    <DataTable
      caption={`复议和诉讼案件（共 ${rows.length} 件）`}
      rows={rows}
      wide
      rowKey={(r) => r.id}
      empty="没有符合条件的案件。"
      columns={[
        { header: '类型', cell: (r) => <a href={r.href}>{r.kind}</a> },
        { header: '被申请人（被告）', cell: (r) => r.agencyName },
        { header: '复议机关或法院', cell: (r) => `${r.body}${r.caseNumber ? `（${r.caseNumber}）` : ''}` },
        { header: '申请人（原告）', cell: (r) => r.claimant },
        {
          header: '所涉申请',
          nowrap: true,
          cell: (r) =>
            r.application ? <a href={r.application.href}>{r.application.number}</a> : '主动公开等',
        },
        { header: '申请或起诉日期', nowrap: true, cell: (r) => r.filedOn },
        { header: '答复或答辩期限', nowrap: true, cell: (r) => r.due },
        {
          header: '期限状态',
          cell: (r) =>
            r.urgency === 'none' ? (
              r.dutyState
            ) : (
              <span class={r.urgency === 'overdue' ? 'tag tag--off' : 'tag'}>{r.dutyState}</span>
            ),
        },
        { header: '结果', cell: (r) => r.result },
      ]}
    />
  </>
);
