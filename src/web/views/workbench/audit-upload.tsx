import { AUDIT_UPLOAD_STATUS_LABELS, type AuditUploadView } from '../../../reports/audit/upload.ts';
import { UPLOAD_FIELD, UPLOAD_FIELD_LABEL } from '../../../reports/audit/upload-archive.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  Notice,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export const AUDIT_UPLOAD_LABELS: Readonly<Record<string, string>> = {
  name: '批次名称',
  [UPLOAD_FIELD]: UPLOAD_FIELD_LABEL,
};

export interface AuditUploadFormProps {
  readonly csrfToken: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly maxMegabytes: number;
  readonly maxFiles: number;
  /** False when this service runs no background jobs: the form says so and is not shown. */
  readonly enabled: boolean;
}

/** 上传报告批量核查: a batch name and a ZIP of published reports (or several report files). */
export const AuditUploadForm = ({
  csrfToken,
  values,
  errors,
  maxMegabytes,
  maxFiles,
  enabled,
}: AuditUploadFormProps) => {
  const id = fieldId(UPLOAD_FIELD);
  const error = errors[UPLOAD_FIELD];
  return (
    <section aria-labelledby="audit-upload-title">
      <h2 id="audit-upload-title">上传报告批量核查</h2>
      {enabled ? (
        <>
          <p>
            上传各机关已发布的年度报告（TXT、HTML、DOCX、PDF），打包为一个 ZIP
            压缩包，或直接选择多个报告文件。 核查在后台进行，完成后结果出现在下方“已保存的核查批次”中。
          </p>
          <ErrorSummary errors={errors} labels={AUDIT_UPLOAD_LABELS} />
          <form
            method="post"
            action="/workbench/audits/upload"
            enctype="multipart/form-data"
            class="form"
            noValidate
          >
            <input type="hidden" name="_csrf" value={csrfToken} />
            <TextField
              name="name"
              label={AUDIT_UPLOAD_LABELS.name ?? ''}
              hint="例如：2025 年度全市各部门年报"
              error={errors.name}
              value={values.name}
              maxLength={200}
              required
            />
            <div class={error ? 'field field--error' : 'field'}>
              <label class="field__label" for={id}>
                {UPLOAD_FIELD_LABEL}
                <span class="field__required">（必填）</span>
              </label>
              <p class="field__hint" id={`${id}-hint`}>
                ZIP 压缩包（最多 2 万个文件），或多个报告文件；一次合计不超过 {maxMegabytes} MB、{maxFiles}{' '}
                个文件
              </p>
              {error ? (
                <p class="field__error" id={`${id}-error`}>
                  <span class="visually-hidden">错误：</span>
                  {error}
                </p>
              ) : null}
              <input
                type="file"
                id={id}
                name={UPLOAD_FIELD}
                multiple
                accept=".zip,.txt,.htm,.html,.docx,.pdf"
                required
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
              />
            </div>
            <div class="actions">
              <SubmitButton>上传并开始核查</SubmitButton>
            </div>
          </form>
        </>
      ) : (
        <p>
          本服务未启用后台任务，无法上传核查；请用命令 <code>gongkai audit … --store 名称</code>。
        </p>
      )}
    </section>
  );
};

export const AuditQueuedNotice = ({ view }: { view: AuditUploadView }) => (
  <Notice>
    已上传“{view.upload.name}”（{view.upload.file_count} 个文件），核查任务
    {AUDIT_UPLOAD_STATUS_LABELS[view.status]}。完成后结果出现在下方；进度见
    <a href="/workbench/jobs?name=audit.batch">后台任务</a>。
  </Notice>
);

/** The uploads and how each stands: 排队中 / 核查中 / 已完成 / 失败. */
export const AuditUploadTable = ({ uploads }: { uploads: readonly AuditUploadView[] }) =>
  uploads.length === 0 ? null : (
    <DataTable
      caption="上传的核查任务（最新的在前）"
      rows={uploads}
      rowKey={(v) => v.upload.id}
      empty="还没有上传的核查任务。"
      columns={[
        {
          header: '批次',
          cell: (v) =>
            v.upload.batch_id !== null ? (
              <a href={`/workbench/audits/${v.upload.batch_id}`}>{v.upload.name}</a>
            ) : (
              v.upload.name
            ),
        },
        { header: '上传时间（北京时间）', cell: (v) => beijingDateTime(v.upload.created_at), nowrap: true },
        { header: '文件数', cell: (v) => v.upload.file_count, numeric: true },
        {
          header: '状态',
          cell: (v) => (
            <span data-status={v.status}>
              {AUDIT_UPLOAD_STATUS_LABELS[v.status]}
              {v.status !== 'done' && v.error ? `：${v.error}` : ''}
            </span>
          ),
        },
        {
          header: '后台任务',
          cell: (v) => (v.upload.job_id !== null ? <a href="/workbench/jobs?name=audit.batch">查看</a> : '—'),
          nowrap: true,
        },
      ]}
    />
  );
