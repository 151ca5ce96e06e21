import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

/** A report as the list shows it. */
export interface ReportRow {
  readonly id: number;
  readonly year: number;
  readonly source: string;
  readonly status: string;
  readonly deadline: string;
  readonly published: string;
  /** Whether the row opens the editor (compiled) or is read only (imported). */
  readonly editable: boolean;
}

/** GET /workbench/reports: an agency's annual reports by year, and the form to create one. */
export const ReportListPage = ({
  agencies,
  agencyId,
  agencyName,
  rows,
  reminder,
  canCreate,
  values,
  errors,
  csrfToken,
}: {
  agencies: readonly Option[];
  agencyId: number;
  agencyName: string;
  rows: readonly ReportRow[];
  reminder: string | null;
  canCreate: boolean;
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  csrfToken: string;
}) => (
  <>
    <h1>{agencyName}政府信息公开工作年度报告</h1>
    {reminder ? <Notice>{reminder}</Notice> : null}
    <form method="get" action="/workbench/reports" class="form form--inline">
      <SelectField name="agencyId" label="机关" options={agencies} value={String(agencyId)} />
      <SubmitButton quiet>查看</SubmitButton>
    </form>
    <DataTable
      caption="年度报告（按年度）"
      columns={[
        { header: '年度', cell: (r: ReportRow) => `${r.year} 年`, nowrap: true },
        {
          header: '报告',
          cell: (r: ReportRow) =>
            r.editable ? (
              <a href={`/workbench/reports/${r.id}`}>{`${r.year}年度报告`}</a>
            ) : (
              `${r.year}年度报告`
            ),
        },
        { header: '来源', cell: (r: ReportRow) => r.source },
        { header: '状态', cell: (r: ReportRow) => r.status },
        { header: '法定公布期限', cell: (r: ReportRow) => r.deadline, nowrap: true },
        { header: '公布日期', cell: (r: ReportRow) => r.published },
      ]}
      rows={rows}
      rowKey={(r) => r.id}
      empty="本机关还没有年度报告。"
    />
    {canCreate ? (
      <section aria-labelledby="create-report">
        <h2 id="create-report">新建年度报告</h2>
        <p>
          系统按所选年度使用的格式，从登记的申请、复议诉讼案件和第二十条登记数据自动统计表格数据；报告提交前数据随记录实时更新。
        </p>
        <ErrorSummary errors={errors} labels={{ year: '报告年度' }} />
        <PostForm action="/workbench/reports" csrfToken={csrfToken}>
          <input type="hidden" name="agencyId" value={String(agencyId)} />
          <TextField
            name="year"
            label="报告年度"
            value={values.year}
            error={errors.year}
            hint="四位数的年份，如 2019"
            maxLength={4}
            required
          />
          <SubmitButton>新建报告</SubmitButton>
        </PostForm>
      </section>
    ) : null}
  </>
);
