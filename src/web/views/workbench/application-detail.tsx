import type { ComponentChildren } from 'preact';
import { RECORDABLE_EVENT_TYPES } from '../../../applications/application-event.schema.ts';
import { DEADLINE_EVENT_LABELS } from '../../../deadlines/deadline-event.ts';
import type { ApplicationDetailView } from '../../presenters/application.presenter.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export const EVENT_FIELD_LABELS: Readonly<Record<string, string>> = {
  type: '事件',
  date: '事件日期',
  workingDays: '延长的工作日数',
  until: '期限',
  note: '备注',
  feeMethod: '计费方式',
  nth: '当月第几件申请',
  pages: '页数',
  electronicFiles: '电子文件数',
};

const FEE_METHOD_OPTIONS = [
  { value: '', label: '不适用' },
  { value: 'perApplication', label: '按件计收' },
  { value: 'perQuantity', label: '按量计收' },
];

const EVENT_OPTIONS = RECORDABLE_EVENT_TYPES.map((t) => ({ value: t, label: DEADLINE_EVENT_LABELS[t] }));

interface Props {
  readonly view: ApplicationDetailView;
  readonly csrfToken: string;
  readonly canRecord: boolean;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly notice?: string | undefined;
  /** What the user may do to the application now, each a page of its own. */
  readonly actions: readonly { readonly action: string; readonly title: string; readonly href: string }[];
  /** Proactive items made from this application's released information (Art. 44). */
  readonly released?: readonly { readonly href: string; readonly title: string; readonly status: string }[];
  /** The form that releases this application's information to all (Art. 44), when the user may. */
  readonly releaseHref?: string | undefined;
  /** Published items that may hold what is asked for. */
  readonly published?: ComponentChildren;
  /** The letters issued, and the form to issue one. */
  readonly letters?: ComponentChildren;
  /** Reconsideration and litigation cases about the application (src/appeals). */
  readonly appeals?: ComponentChildren;
  /** The case file's downloads (案卷), for those who see the applicant's personal data. */
  readonly caseFile?: { readonly pdf: string; readonly zip: string } | undefined;
  /** Earlier applications to the agency for much the same information. */
  readonly similar: readonly SimilarRow[];
}

interface SimilarRow {
  readonly href: string;
  readonly trackingNumber: string;
  readonly receivedOn: string;
  readonly description: string;
  readonly status: string;
  readonly sameApplicant: boolean;
}

const Facts = ({ items }: { items: ApplicationDetailView['applicant'] }) => (
  <dl class="facts">
    {items.flatMap(([term, value]) => [
      <dt key={`t-${term}`}>{term}</dt>,
      <dd key={`d-${term}`}>{value}</dd>,
    ])}
  </dl>
);

/** One application: who, what, the timeline, the deadline and how it was computed. */
export const ApplicationDetailPage = ({
  view,
  csrfToken,
  canRecord,
  values,
  errors,
  notice,
  actions,
  similar,
  letters,
  caseFile,
  appeals,
  published,
  released = [],
  releaseHref,
}: Props) => (
  <>
    <h1>申请 {view.trackingNumber}</h1>
    {notice ? <Notice>{notice}</Notice> : null}
    <ErrorSummary errors={errors} labels={EVENT_FIELD_LABELS} />
    <dl class="facts">
      <dt>状态</dt>
      <dd>{view.status}</dd>
      <dt>答复期限</dt>
      <dd>
        <strong>{view.deadline}</strong>
      </dd>
    </dl>

    {actions.length > 0 ? (
      <nav aria-label="办理操作">
        <ul class="actions">
          {actions.map((a) => (
            <li key={a.action}>
              <a class="button" href={a.href}>
                {a.title}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null}

    <h2>承办与答复</h2>
    <Facts items={view.handling} />

    {letters}

    {caseFile ? (
      <section aria-labelledby="case-file-title">
        <h2 id="case-file-title">案卷</h2>
        <p>
          申请、办理过程、全部文书和送达凭证：合订为一个 PDF，或连同原始文件打包为 ZIP（附 SHA-256 清单）。
        </p>
        <ul class="actions">
          <li>
            <a class="button" href={caseFile.pdf}>
              导出案卷（PDF）
            </a>
          </li>
          <li>
            <a class="button button--quiet" href={caseFile.zip}>
              导出原始文件（ZIP）
            </a>
          </li>
        </ul>
      </section>
    ) : null}

    {appeals}

    <h2>申请人</h2>
    {view.masked ? (
      <p class="muted">个人信息已部分隐藏：仅本机关的登记员、承办人和管理员可查看完整信息。</p>
    ) : null}
    <Facts items={view.applicant} />

    <h2>申请内容</h2>
    <Facts items={view.request} />

    {released.length > 0 || releaseHref ? (
      <>
        <h2>据此主动公开的信息</h2>
        <ul class="link-list">
          {released.map((r) => (
            <li key={r.href}>
              <a href={r.href}>{r.title}</a>（{r.status}）
            </li>
          ))}
        </ul>
        {releaseHref ? (
          <p>
            <a class="button button--quiet" href={releaseHref}>
              转为主动公开
            </a>
          </p>
        ) : null}
      </>
    ) : null}

    {published}

    {similar.length > 0 ? (
      <>
        <h2>相似的既往申请</h2>
        <p class="muted">
          本机关此前收到的内容相近的申请，供统一答复口径、识别重复申请（条例第三十六条第（六）项）参考。
        </p>
        <DataTable
          caption="相似的既往申请"
          rows={similar}
          wide
          rowKey={(r) => r.trackingNumber}
          empty="—"
          columns={[
            { header: '申请编号', nowrap: true, cell: (r) => <a href={r.href}>{r.trackingNumber}</a> },
            { header: '收到日期', nowrap: true, cell: (r) => r.receivedOn },
            { header: '所需信息', cell: (r) => r.description },
            {
              header: '状态',
              cell: (r) => (
                <>
                  {r.status}
                  {r.sameApplicant ? <span class="tag">同一申请人</span> : null}
                </>
              ),
            },
          ]}
        />
      </>
    ) : null}

    <h2>答复期限是怎样计算的</h2>
    <ol>
      {view.steps.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ol>
    {view.warnings.length > 0 ? (
      <div class="notice notice--warning">
        <h3>注意</h3>
        <ul>
          {view.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      </div>
    ) : null}

    <h2>办理过程</h2>
    <DataTable
      caption="办理事件"
      rows={view.timeline}
      wide
      rowKey={(e) => e.id}
      empty="还没有办理事件。"
      columns={[
        { header: '日期', nowrap: true, cell: (e) => e.date },
        { header: '事件', cell: (e) => e.event },
        { header: '说明', cell: (e) => e.detail || '—' },
        { header: '备注', cell: (e) => e.note || '—' },
        { header: '记录时间', nowrap: true, cell: (e) => e.recordedAt },
      ]}
    />

    {canRecord ? (
      <>
        <h2>记录办理事件</h2>
        <PostForm action={`/workbench/applications/${view.id}/events`} csrfToken={csrfToken}>
          <SelectField
            name="type"
            label="事件"
            required
            options={EVENT_OPTIONS}
            value={values.type}
            error={errors.type}
            hint="延长答复期限须由负责人记录。"
          />
          <TextField
            name="date"
            label="事件日期"
            required
            value={values.date}
            error={errors.date}
            hint="格式 YYYY-MM-DD"
            maxLength={10}
          />
          <TextField
            name="workingDays"
            label="延长的工作日数"
            value={values.workingDays}
            error={errors.workingDays}
            hint="仅延长答复期限时填写，至多 20 个工作日（条例第三十三条）"
            maxLength={2}
          />
          <TextField
            name="until"
            label="期限"
            value={values.until}
            error={errors.until}
            hint="告知补正时填写给申请人的补正期限；依条例第三十五条确定答复日期时填写该日期。格式 YYYY-MM-DD"
            maxLength={10}
          />
          <SelectField
            name="feeMethod"
            label="计费方式"
            options={FEE_METHOD_OPTIONS}
            value={values.feeMethod}
            error={errors.feeMethod}
            hint="仅发出收费通知时填写（《政府信息公开信息处理费管理办法》）"
          />
          <TextField
            name="nth"
            label="本申请是该申请人当月的第几件申请"
            value={values.nth}
            error={errors.nth}
            hint="按件计收时填写"
            maxLength={4}
          />
          <TextField
            name="pages"
            label="页数"
            value={values.pages}
            error={errors.pages}
            hint="按量计收时填写"
            maxLength={7}
          />
          <TextField
            name="electronicFiles"
            label="电子文件数"
            value={values.electronicFiles}
            error={errors.electronicFiles}
            hint="按量计收时填写；每10个文件折合1页"
            maxLength={7}
          />
          <TextField
            name="note"
            label="备注"
            multiline
            value={values.note}
            error={errors.note}
            maxLength={500}
          />
          <SubmitButton>记录事件</SubmitButton>
        </PostForm>
      </>
    ) : null}
    <p>
      <a href="/workbench/applications">返回申请列表</a>
    </p>
  </>
);
