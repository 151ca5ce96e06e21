import {
  GENERIC_LABELS,
  WORK_RECORD_KIND_LABELS,
  WORK_RECORD_KINDS,
} from '../../../work-records/work-record-kinds.ts';
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  Notice,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

/** A work record as the list shows it. */
export interface WorkRecordRow {
  readonly id: number;
  readonly date: string;
  readonly kind: string;
  readonly title: string;
  readonly figures: string;
  readonly note: string;
}

const KIND_OPTIONS: readonly Option[] = [
  { value: '', label: '请选择' },
  ...WORK_RECORD_KINDS.map((k) => ({ value: k, label: WORK_RECORD_KIND_LABELS[k] })),
];

/** The fields of every kind; the hint says which kinds use each, the others are left out when saved. */
export const WorkRecordFields = ({
  values,
  errors,
}: {
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
}) => (
  <>
    <SelectField
      name="kind"
      label="工作类别"
      options={KIND_OPTIONS}
      value={values.kind}
      error={errors.kind}
      required
    />
    <TextField
      name="date"
      label="日期"
      value={values.date}
      error={errors.date}
      hint="YYYY-MM-DD，工作完成的日期"
      maxLength={10}
      required
    />
    <TextField
      name="title"
      label="事项"
      value={values.title}
      error={errors.title}
      hint="培训主题、检查或考核事项、平台建设内容、新媒体发布内容或政务服务事项说明"
      maxLength={200}
      required
    />
    <TextField
      name="participants"
      label="参训人数"
      value={values.participants}
      error={errors.participants}
      hint="教育培训填写"
      maxLength={12}
    />
    <TextField
      name="cost"
      label="投入金额（元）"
      value={values.cost}
      error={errors.cost}
      hint="平台建设填写，如 20000"
      maxLength={20}
    />
    <TextField
      name="account"
      label="账号名称"
      value={values.account}
      error={errors.account}
      hint="政务新媒体填写，如“鼓楼发布”微信公众号"
      maxLength={100}
    />
    <TextField
      name="items"
      label="数量"
      value={values.items}
      error={errors.items}
      hint="政务新媒体填写发布信息条数；网上政务服务事项填写事项数量"
      maxLength={12}
    />
    <TextField name="note" label="备注" value={values.note} error={errors.note} maxLength={500} multiline />
  </>
);

/** GET /workbench/work-records: an agency's records of a year, their totals and sentences, and the form to add one. */
export const WorkRecordsPage = ({
  agencies,
  agencyId,
  agencyName,
  year,
  rows,
  totals,
  sentences,
  values,
  errors,
  csrfToken,
  notice,
}: {
  agencies: readonly Option[];
  agencyId: number;
  agencyName: string;
  year: number;
  rows: readonly WorkRecordRow[];
  totals: readonly (readonly [string, string])[];
  sentences: readonly string[];
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  csrfToken: string;
  notice?: string | undefined;
}) => {
  const list = (y: number) => `/workbench/work-records?agencyId=${agencyId}&year=${y}`;
  return (
    <>
      <h1>
        {agencyName} {year} 年度政府信息公开工作记录
      </h1>
      <p class="lead">
        培训、监督检查和考核、平台建设、政务新媒体和网上政务服务事项，在工作完成后随时登记；年度报告第一部分“总体情况”按年汇总引用。
      </p>
      <form
        method="get"
        action="/workbench/work-records"
        class="form form--inline"
        aria-label="选择机关和年度"
      >
        <SelectField name="agencyId" label="机关" options={agencies} value={String(agencyId)} />
        <TextField name="year" label="年度" value={String(year)} maxLength={4} />
        <div class="form__buttons">
          <button type="submit" class="button">
            查看
          </button>
        </div>
      </form>
      <p>
        <a href={list(year - 1)}>上一年度</a> · <a href={list(year + 1)}>下一年度</a>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}

      <h2>全年汇总</h2>
      <dl class="facts">
        {totals.flatMap(([term, value]) => [
          <dt key={`t-${term}`}>{term}</dt>,
          <dd key={`d-${term}`}>{value}</dd>,
        ])}
      </dl>
      <h3>年度报告可引用的表述</h3>
      {sentences.length === 0 ? (
        <p class="muted">本年度尚无工作记录。</p>
      ) : (
        <ul class="sentences">
          {sentences.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      )}

      <DataTable
        caption={`${year} 年度工作记录`}
        rows={rows}
        rowKey={(r) => r.id}
        empty="本年度还没有登记工作记录。"
        wide
        columns={[
          { header: '日期', nowrap: true, cell: (r) => r.date },
          { header: '类别', nowrap: true, cell: (r) => r.kind },
          { header: '事项', cell: (r) => r.title },
          { header: '人数、数量或金额', cell: (r) => r.figures },
          { header: '备注', cell: (r) => r.note },
          {
            header: '操作',
            nowrap: true,
            cell: (r) => (
              <>
                <a href={`/workbench/work-records/${r.id}`}>
                  修改
                  <span class="visually-hidden">
                    （{r.date} {r.title}）
                  </span>
                </a>{' '}
                ·{' '}
                <a href={`/workbench/work-records/${r.id}/delete`}>
                  删除
                  <span class="visually-hidden">
                    （{r.date} {r.title}）
                  </span>
                </a>
              </>
            ),
          },
        ]}
      />

      <h2 id="add">登记工作记录</h2>
      <ErrorSummary errors={errors} labels={{ agencyId: '机关', ...GENERIC_LABELS }} />
      <PostForm action="/workbench/work-records" csrfToken={csrfToken}>
        <input type="hidden" name="agencyId" value={String(agencyId)} />
        <WorkRecordFields values={values} errors={errors} />
        <SubmitButton>登记</SubmitButton>
      </PostForm>
    </>
  );
};

/** GET /workbench/work-records/:id: correct a record. */
export const WorkRecordEditPage = ({
  id,
  agencyName,
  back,
  values,
  errors,
  csrfToken,
}: {
  id: number;
  agencyName: string;
  back: string;
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  csrfToken: string;
}) => (
  <>
    <h1>修改工作记录</h1>
    <p class="lead">{agencyName}</p>
    <ErrorSummary errors={errors} labels={GENERIC_LABELS} />
    <PostForm action={`/workbench/work-records/${id}`} csrfToken={csrfToken}>
      <WorkRecordFields values={values} errors={errors} />
      <SubmitButton>保存</SubmitButton>
    </PostForm>
    <p>
      <a href={back}>返回工作记录</a>
    </p>
  </>
);

/** GET /workbench/work-records/:id/delete: what is deleted, and a box to tick before the POST. */
export const WorkRecordDeletePage = ({
  row,
  back,
  error,
  csrfToken,
}: {
  row: WorkRecordRow;
  back: string;
  error?: string | undefined;
  csrfToken: string;
}) => (
  <>
    <h1>删除工作记录</h1>
    <ErrorSummary errors={error ? { confirm: error } : {}} labels={{ confirm: '确认删除' }} />
    <dl class="facts">
      <dt>日期</dt>
      <dd>{row.date}</dd>
      <dt>类别</dt>
      <dd>{row.kind}</dd>
      <dt>事项</dt>
      <dd>{row.title}</dd>
      <dt>人数、数量或金额</dt>
      <dd>{row.figures || '—'}</dd>
    </dl>
    <p>删除后，本条记录不再计入年度汇总；审计日志保留删除前的内容。</p>
    <PostForm action={`/workbench/work-records/${row.id}/delete`} csrfToken={csrfToken}>
      <div class={error ? 'field field--error' : 'field'}>
        {error ? (
          <p class="field__error" id={`${fieldId('confirm')}-error`}>
            <span class="visually-hidden">错误：</span>
            {error}
          </p>
        ) : null}
        <label class="checkbox">
          <input
            type="checkbox"
            id={fieldId('confirm')}
            name="confirm"
            value="yes"
            aria-describedby={error ? `${fieldId('confirm')}-error` : undefined}
          />
          <span>我确认删除这条工作记录</span>
        </label>
      </div>
      <SubmitButton>删除</SubmitButton>
    </PostForm>
    <p>
      <a href={back}>取消，返回工作记录</a>
    </p>
  </>
);
