import { REGISTER_COLUMNS, type RegisterImport } from '../../../disclosure/register-import.ts';
import { cellLabel, derivedCells, enteredCells } from '../../../disclosure/registers.ts';
import type { AskedGroup } from '../../../disclosure/release-to-all.ts';
import type { EditionDef } from '../../../reports/model/edition.ts';
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  Notice,
  PostForm,
  SubmitButton,
} from '../components/form.tsx';

const labelsOf = (edition: EditionDef): Record<string, string> =>
  Object.fromEntries(enteredCells(edition).map((c) => [c.key, cellLabel(c)]));

/** The register of an agency's year: the entered figures (a form), the counted ones (read-only). */
export const RegisterForm = ({
  agencyId,
  agencyName,
  year,
  edition,
  values,
  derived,
  errors,
  csrfToken,
  notice,
}: {
  agencyId: number;
  agencyName: string;
  year: number;
  edition: EditionDef;
  values: Readonly<Record<string, string>>;
  derived: Readonly<Record<string, number>>;
  errors: FieldErrors;
  csrfToken: string;
  notice?: string | undefined;
}) => {
  const base = `/workbench/agencies/${agencyId}/registers`;
  const counted = derivedCells(edition);
  const tables = [...new Set(enteredCells(edition).map((c) => c.table))];
  return (
    <>
      <h1>
        {agencyName} {year} 年度第二十条登记数据
      </h1>
      <p class="lead">
        年度报告第二部分“主动公开政府信息情况”的数据（{edition.source}
        格式）。规章和规范性文件的数量由已录入的主动公开信息自动统计；其余数据在此录入，或
        <a href={`${base}/import`}>从 CSV/XLSX 文件导入</a>。
      </p>
      <p>
        <a href={`${base}/${year - 1}`}>上一年度</a> · <a href={`${base}/${year + 1}`}>下一年度</a>
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      <table class="data-table">
        <caption>第二十条第（一）项（由主动公开信息统计，不能直接修改）</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">数量</th>
          </tr>
        </thead>
        <tbody>
          {counted.map((c) => (
            <tr key={c.key}>
              <th scope="row">{cellLabel(c)}</th>
              <td class="numeric">{derived[c.key] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ErrorSummary errors={errors} labels={labelsOf(edition)} />
      <PostForm action={`${base}/${year}`} csrfToken={csrfToken}>
        {tables.map((table) => (
          <fieldset class="fieldset" key={table.id}>
            <legend>{table.title}</legend>
            {enteredCells(edition)
              .filter((c) => c.table === table)
              .map((c) => {
                const id = fieldId(c.key);
                const error = errors[c.key];
                return (
                  <div class={error ? 'field field--error' : 'field'} key={c.key}>
                    <label class="field__label" for={id}>
                      {cellLabel(c)}
                      {c.kind === 'amount' ? '（万元）' : ''}
                    </label>
                    {error ? (
                      <p class="field__error" id={`${id}-error`}>
                        <span class="visually-hidden">错误：</span>
                        {error}
                      </p>
                    ) : null}
                    <input
                      type="text"
                      inputMode={c.kind === 'amount' ? 'decimal' : 'numeric'}
                      id={id}
                      name={c.key}
                      value={values[c.key] ?? ''}
                      aria-invalid={error ? 'true' : undefined}
                      aria-describedby={error ? `${id}-error` : undefined}
                    />
                  </div>
                );
              })}
          </fieldset>
        ))}
        <div class="actions">
          <SubmitButton>保存</SubmitButton>
        </div>
      </PostForm>
    </>
  );
};

const STATUS_LABELS = { pending: '待确认', done: '已导入', discarded: '已放弃' } as const;

/** The upload form, and the preview of the last upload when there is one. */
export const RegisterImportPage = ({
  agencyId,
  agencyName,
  csrfToken,
  errors,
  view,
  notice,
}: {
  agencyId: number;
  agencyName: string;
  csrfToken: string;
  errors: FieldErrors;
  view: RegisterImport | null;
  notice?: string | undefined;
}) => {
  const base = `/workbench/agencies/${agencyId}/registers/import`;
  const fileId = fieldId('file');
  return (
    <>
      <h1>导入第二十条登记数据 · {agencyName}</h1>
      <p class="lead">
        CSV（UTF-8 或 GBK 编码）或 XLSX（第一张工作表）文件，表头为：{REGISTER_COLUMNS.join('、')}
        。每行一个数据；“项目”“栏目”按该年度报告格式的行名、列名填写，例如“2019, 行政处罚, 处理决定数量,
        2816”。上传后先预览，确认后一次性全部导入。
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {view !== null ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">
            预览：{view.fileName}（{STATUS_LABELS[view.status]}）
          </h2>
          {view.summary.errors.length > 0 ? (
            <table class="data-table">
              <caption>有错误的行（改正后重新上传）</caption>
              <thead>
                <tr>
                  <th scope="col">行号</th>
                  <th scope="col">错误</th>
                </tr>
              </thead>
              <tbody>
                {view.summary.errors.map((e) => (
                  <tr key={e.row}>
                    <td class="numeric">{e.row}</td>
                    <td>{e.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <table class="data-table">
            <caption>将导入的数据（{view.summary.rows.length} 个）</caption>
            <thead>
              <tr>
                <th scope="col">行号</th>
                <th scope="col">年度</th>
                <th scope="col">项目</th>
                <th scope="col">现有数值</th>
                <th scope="col">导入数值</th>
              </tr>
            </thead>
            <tbody>
              {view.summary.rows.map((r) => (
                <tr key={r.row}>
                  <td class="numeric">{r.row}</td>
                  <td>{r.year}</td>
                  <td>{r.label}</td>
                  <td class="numeric">{r.previous ?? '（空）'}</td>
                  <td class="numeric">{r.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.status === 'pending' && view.summary.errors.length === 0 ? (
            <PostForm action={`${base}/confirm`} csrfToken={csrfToken}>
              <input type="hidden" name="importId" value={String(view.id)} />
              <SubmitButton>确认导入</SubmitButton>
            </PostForm>
          ) : null}
        </section>
      ) : null}
      <ErrorSummary errors={errors} labels={{ file: '登记数据文件', importId: '导入' }} />
      <form method="post" action={base} enctype="multipart/form-data" class="form" noValidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <div class={errors.file ? 'field field--error' : 'field'}>
          <label class="field__label" for={fileId}>
            登记数据文件（XLSX 或 CSV）<span class="field__required">（必填）</span>
          </label>
          {errors.file ? (
            <p class="field__error" id={`${fileId}-error`}>
              <span class="visually-hidden">错误：</span>
              {errors.file}
            </p>
          ) : null}
          <input
            type="file"
            id={fileId}
            name="file"
            accept=".xlsx,.csv,.txt"
            required
            aria-invalid={errors.file ? 'true' : undefined}
            aria-describedby={errors.file ? `${fileId}-error` : undefined}
          />
        </div>
        <div class="actions">
          <SubmitButton>上传并预览</SubmitButton>
        </div>
      </form>
    </>
  );
};

const OUTCOME_NOTE = (a: AskedGroup['applications'][number]) =>
  a.outcome === null
    ? '办理中'
    : a.outcome === 'granted'
      ? '予以公开'
      : a.outcome === 'partial'
        ? '部分公开'
        : '其他答复';

/** Information asked for by several applicants (Art. 44): candidates for proactive disclosure. */
export const AskedBySeveralPage = ({
  groups,
  agencyNames,
}: {
  groups: readonly AskedGroup[];
  agencyNames: ReadonlyMap<number, string>;
}) => (
  <>
    <h1>多人申请的政府信息</h1>
    <p class="lead">
      近三年内不同申请人申请公开的相近信息（按申请内容的相似度归组）。依《条例》第四十四条，多个申请人就相同政府信息申请公开，且该信息属于可以公开的，可以纳入主动公开范围。
    </p>
    {groups.length === 0 ? <p>没有多人申请的相近信息。</p> : null}
    {groups.map((g, i) => (
      <table class="data-table" key={`${g.agencyId}-${g.applications[0]?.id ?? i}`}>
        <caption>
          {agencyNames.get(g.agencyId) ?? ''}：{g.applicants} 位申请人
          {g.released ? '（已转为主动公开）' : g.releasable ? '（已有予以公开的答复，可转为主动公开）' : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">申请编号</th>
            <th scope="col">收到日期</th>
            <th scope="col">所需信息</th>
            <th scope="col">答复</th>
          </tr>
        </thead>
        <tbody>
          {g.applications.map((a) => (
            <tr key={a.id}>
              <td>
                <a href={`/workbench/applications/${a.id}`}>{a.trackingNumber}</a>
              </td>
              <td>{a.receivedOn}</td>
              <td>{a.description}</td>
              <td>
                {OUTCOME_NOTE(a)}
                {a.releasedItems > 0 ? `，已转主动公开 ${a.releasedItems} 条` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    ))}
  </>
);
