import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  Notice,
  PostForm,
  SubmitButton,
} from '../components/form.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';

export interface EditorCell {
  readonly key: string;
  readonly value: string;
  /** The records behind the cell; null for a register figure. */
  readonly href: string | null;
}

export interface EditorTable {
  readonly id: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly { readonly label: string; readonly cells: readonly EditorCell[] }[];
}

export interface EditorSection {
  readonly number: number;
  readonly heading: string;
  readonly template: string;
  readonly segments: readonly { readonly text: string; readonly generated: boolean }[];
}

export interface EditorFinding {
  readonly key: string;
  readonly severity: string;
  readonly isError: boolean;
  readonly message: string;
  readonly explanation: string | null;
}

export interface ReportEditorProps {
  readonly id: number;
  readonly title: string;
  readonly status: string;
  readonly deadline: string;
  readonly published: string | null;
  readonly returnedReason: string | null;
  readonly locked: boolean;
  readonly differences: readonly string[];
  readonly tables: readonly EditorTable[];
  readonly sections: readonly EditorSection[];
  readonly placeholders: readonly { name: string; label: string }[];
  readonly findings: readonly EditorFinding[];
  readonly footnotes: readonly string[];
  readonly can: { edit: boolean; submit: boolean; approve: boolean; return: boolean; publish: boolean };
  readonly notice?: string | undefined;
  readonly errors: FieldErrors;
  readonly csrfToken: string;
}

const Figures = ({ tables }: { tables: readonly EditorTable[] }) => (
  <>
    {tables.map((t) => (
      <ScrollRegion key={t.id} label={t.caption}>
        <table class="data-table data-table--wide report-figures">
          <caption>{t.caption}</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              {t.columns.map((c) => (
                <th key={c} scope="col" class="numeric">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {t.rows.map((r) => (
              <tr key={r.label}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c) => (
                  <td key={c.key} class="numeric">
                    {c.href ? (
                      <a href={c.href} title={`查看“${r.label}”的记录`}>
                        {c.value}
                      </a>
                    ) : (
                      c.value
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    ))}
  </>
);

/** GET /workbench/reports/:id: the report's figures, narrative, findings and the steps of its life. */
export const ReportEditorPage = (p: ReportEditorProps) => (
  <>
    <h1>{p.title}</h1>
    {p.notice ? <Notice>{p.notice}</Notice> : null}
    <ErrorSummary errors={p.errors} labels={{}} />
    <dl class="summary-list">
      <dt>状态</dt>
      <dd>{p.status}</dd>
      <dt>法定公布期限</dt>
      <dd>{p.deadline}</dd>
      {p.published ? (
        <>
          <dt>公布日期</dt>
          <dd>{p.published}</dd>
        </>
      ) : null}
      {p.returnedReason ? (
        <>
          <dt>退回理由</dt>
          <dd>{p.returnedReason}</dd>
        </>
      ) : null}
    </dl>
    {p.differences.length > 0 ? (
      <section class="callout" aria-labelledby="differences">
        <h2 id="differences">记录已变更</h2>
        <p>报告的数据已在提交时锁定，不随记录改变。以下单元格按现在的记录统计与报告不同：</p>
        <ul>
          {p.differences.map((d) => (
            <li key={d}>{d}</li>
          ))}
        </ul>
      </section>
    ) : null}

    <section aria-labelledby="steps">
      <h2 id="steps">办理</h2>
      {p.can.submit ? (
        <PostForm action={`/workbench/reports/${p.id}/submit`} csrfToken={p.csrfToken}>
          <p>提交后表格数据即锁定，报负责人审核。</p>
          <SubmitButton>提交审核</SubmitButton>
        </PostForm>
      ) : null}
      {p.can.approve ? (
        <PostForm action={`/workbench/reports/${p.id}/approve`} csrfToken={p.csrfToken}>
          <SubmitButton>审核通过</SubmitButton>
        </PostForm>
      ) : null}
      {p.can.return ? (
        <PostForm action={`/workbench/reports/${p.id}/return`} csrfToken={p.csrfToken}>
          <div class="field">
            <label class="field__label" for={fieldId('reason')}>
              退回理由
            </label>
            <textarea id={fieldId('reason')} name="reason" rows={2} maxLength={1000} />
          </div>
          <SubmitButton quiet>退回修改</SubmitButton>
        </PostForm>
      ) : null}
      {p.can.publish ? (
        <PostForm action={`/workbench/reports/${p.id}/publish`} csrfToken={p.csrfToken}>
          <p>发布后报告即在门户网站“政府信息公开年报”栏目公开，不能撤回。</p>
          <SubmitButton>发布到门户网站</SubmitButton>
        </PostForm>
      ) : null}
      {!p.can.submit && !p.can.approve && !p.can.return && !p.can.publish ? (
        <p>当前没有您可以办理的操作。</p>
      ) : null}
    </section>

    <section aria-labelledby="findings">
      <h2 id="findings">校验提示（{p.findings.length} 条）</h2>
      {p.findings.length === 0 ? <p>没有校验提示。</p> : null}
      <ol class="report-findings">
        {p.findings.map((f, i) => (
          <li key={f.key} class={f.isError ? 'finding finding--error' : 'finding'}>
            <p>
              <strong>{f.severity}</strong>：{f.message}
            </p>
            {f.explanation ? <p>已说明（将作为脚注印出）：{f.explanation}</p> : null}
            {p.can.edit ? (
              <PostForm action={`/workbench/reports/${p.id}/acknowledge`} csrfToken={p.csrfToken}>
                <input type="hidden" name="key" value={f.key} />
                <div class="field">
                  <label class="field__label" for={`explanation-${i}`}>
                    对第 {i + 1} 条提示的说明
                  </label>
                  <textarea
                    id={`explanation-${i}`}
                    name="explanation"
                    rows={2}
                    maxLength={1000}
                    value={f.explanation ?? ''}
                  />
                </div>
                <SubmitButton quiet>{f.explanation ? '修改说明（留空则撤回）' : '保存说明'}</SubmitButton>
              </PostForm>
            ) : null}
          </li>
        ))}
      </ol>
    </section>

    <section aria-labelledby="figures">
      <h2 id="figures">表格数据{p.locked ? '（已锁定）' : '（按现有记录实时统计）'}</h2>
      <p>点击数字可查看计入该单元格的申请或案件。</p>
      <Figures tables={p.tables} />
    </section>

    <section aria-labelledby="narrative">
      <h2 id="narrative">正文</h2>
      {p.can.edit ? (
        <PostForm action={`/workbench/reports/${p.id}/narrative`} csrfToken={p.csrfToken}>
          <p id="placeholder-help">
            双花括号中的占位符由系统按表格数据生成文字，数据变化时自动更新，其余文字保持不变。可用的占位符：
            {p.placeholders.map((h) => `{{${h.name}}}（${h.label}）`).join('；')}；也可用单元格编号，如
            {'{{s3.new.total}}'}。
          </p>
          {p.sections.map((s) => (
            <div key={s.number} class={p.errors[`section${s.number}`] ? 'field field--error' : 'field'}>
              <label class="field__label" for={fieldId(`section${s.number}`)}>
                {s.heading}
              </label>
              {p.errors[`section${s.number}`] ? (
                <p class="field__error" id={`${fieldId(`section${s.number}`)}-error`}>
                  <span class="visually-hidden">错误：</span>
                  {p.errors[`section${s.number}`]}
                </p>
              ) : null}
              <textarea
                id={fieldId(`section${s.number}`)}
                name={`section${s.number}`}
                rows={5}
                aria-describedby="placeholder-help"
                value={s.template}
              />
            </div>
          ))}
          <SubmitButton>保存正文</SubmitButton>
        </PostForm>
      ) : null}
      <h3>正文预览</h3>
      <p>标记的文字由系统根据数据生成。</p>
      <div class="report-preview">
        {p.sections.map((s) => (
          <section key={s.number} aria-label={s.heading}>
            <h4>{s.heading}</h4>
            <p>
              {s.segments.map((g, i) =>
                g.generated ? (
                  <mark key={i} class="generated">
                    {g.text}
                  </mark>
                ) : (
                  <span key={i}>{g.text}</span>
                ),
              )}
            </p>
          </section>
        ))}
      </div>
      {p.footnotes.length > 0 ? (
        <>
          <h3>脚注</h3>
          <ol>
            {p.footnotes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  </>
);

export interface RecordRow {
  readonly key: string;
  readonly label: string;
  readonly href: string | null;
  readonly on: string;
  readonly note: string;
}

/** GET /workbench/reports/:id/records?cell=…: the records one cell counts. */
export const ReportRecordsPage = ({
  title,
  back,
  rows,
  note,
}: {
  title: string;
  back: string;
  rows: readonly RecordRow[];
  note: string | null;
}) => (
  <>
    <h1>{title}</h1>
    <p>
      <a href={back}>返回年度报告</a>
    </p>
    {note ? <p>{note}</p> : null}
    <ScrollRegion label="计入该单元格的记录">
      <table class="data-table">
        <caption>计入该单元格的记录（共 {rows.length} 条）</caption>
        <thead>
          <tr>
            <th scope="col">记录</th>
            <th scope="col">计入日期</th>
            <th scope="col">说明</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={`${r.key}-${i}`}>
              <td>{r.href ? <a href={r.href}>{r.label}</a> : r.label}</td>
              <td class="nowrap">{r.on}</td>
              <td>{r.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  </>
);
