import { Fragment } from 'preact';
import type { DisclosureAttachment } from '../../../disclosure/disclosure-attachment.table.ts';
import { VALIDITY_LABELS } from '../../../disclosure/disclosure-item.table.ts';
import { STAGE_LABELS, type Stage } from '../../../disclosure/publishing-workflow.ts';
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
import { ITEM_FIELD_LABELS, ItemFields } from './disclosure-form.tsx';

export interface DisclosureDetailView {
  readonly id: number;
  readonly title: string;
  readonly agencyName: string;
  readonly stage: Stage;
  readonly facts: readonly { readonly term: string; readonly value: string }[];
  /** Sanitised on save and again before it is shown. */
  readonly safeBodyHtml: string;
  readonly deadline: string;
  readonly late: boolean;
  /** The portal address once it is published. */
  readonly portalHref: string | null;
  readonly attachments: readonly DisclosureAttachment[];
  /** The application it was released from (Art. 44), if it was. */
  readonly sourceApplication?: { readonly href: string; readonly trackingNumber: string } | null;
}

/** Which steps the user may take on this item now. */
export interface DisclosureAbilities {
  readonly edit: boolean;
  readonly requestReview: boolean;
  readonly review: boolean;
  readonly approve: boolean;
  readonly publish: boolean;
  readonly withdraw: boolean;
  /** Mark a rule or normative document repealed, or in force again. */
  readonly validity?: boolean;
}

const LABELS: Readonly<Record<string, string>> = {
  ...ITEM_FIELD_LABELS,
  file: '附件',
  note: '意见',
  result: '保密审查结果',
  reviewer: '审查人',
  verdict: '审批意见',
  reason: '撤回理由',
  publishedOn: '发布日期',
  validity: '效力状态',
  repealedOn: '废止日期',
};

const size = (bytes: number): string =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

export const DisclosureDetail = ({
  view,
  can,
  csrfToken,
  values,
  errors,
  notice,
}: {
  view: DisclosureDetailView;
  can: DisclosureAbilities;
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
  notice?: string | undefined;
}) => {
  const base = `/workbench/disclosure/${view.id}`;
  return (
    <>
      <p>
        <a href="/workbench/disclosure">返回主动公开列表</a>
      </p>
      <h1>{view.title || '（无标题）'}</h1>
      <p class="lead">
        {view.agencyName} · 当前阶段：<strong>{STAGE_LABELS[view.stage]}</strong>
        {view.late ? (
          <>
            {' '}
            <span class="tag tag--off">逾期</span>
          </>
        ) : null}
      </p>
      {notice ? <Notice>{notice}</Notice> : null}
      {view.late ? (
        <div class="notice notice--warning" role="note">
          按《条例》第二十六条，该信息应当在 {view.deadline} 前公开，已经逾期。
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={LABELS} />
      <dl class="facts">
        {view.facts
          .filter((f) => f.value !== '')
          .map((f) => (
            <Fragment key={f.term}>
              <dt>{f.term}</dt>
              <dd>{f.value}</dd>
            </Fragment>
          ))}
        {view.sourceApplication ? (
          <>
            <dt>来源申请（第四十四条）</dt>
            <dd>
              <a href={view.sourceApplication.href}>{view.sourceApplication.trackingNumber}</a>
            </dd>
          </>
        ) : null}
        {view.portalHref ? (
          <>
            <dt>门户网站地址</dt>
            <dd>
              <a href={view.portalHref}>{view.portalHref}</a>
            </dd>
          </>
        ) : null}
      </dl>

      <h2>办理</h2>
      <Steps view={view} can={can} base={base} csrfToken={csrfToken} values={values} errors={errors} />
      {can.validity ? (
        <ValidityForm base={base} csrfToken={csrfToken} values={values} errors={errors} />
      ) : null}

      <h2>附件</h2>
      <DataTable
        caption="已上传的附件"
        rows={view.attachments}
        rowKey={(a) => a.id}
        empty="还没有附件。"
        columns={[
          {
            header: '文件名',
            cell: (a) =>
              view.portalHref ? (
                <a href={`${view.portalHref}/attachments/${a.id}`}>{a.fileName}</a>
              ) : (
                a.fileName
              ),
          },
          { header: '类型', cell: (a) => a.mediaType },
          { header: '大小', cell: (a) => size(a.size), numeric: true },
          { header: 'SHA-256', cell: (a) => <code>{a.sha256.slice(0, 16)}…</code> },
        ]}
      />
      {can.edit ? (
        <form
          method="post"
          action={`${base}/attachments`}
          enctype="multipart/form-data"
          class="form"
          aria-label="附件上传表单"
          noValidate
        >
          <input type="hidden" name="_csrf" value={csrfToken} />
          <div class={errors.file ? 'field field--error' : 'field'}>
            <label class="field__label" for="field-file">
              上传附件
            </label>
            <p class="field__hint" id="field-file-hint">
              PDF、OFD、Word（DOCX）、Excel（XLSX）、PNG 或 JPEG，不超过 10 MB；按文件内容核验类型。
            </p>
            {errors.file ? (
              <p class="field__error" id="field-file-error">
                <span class="visually-hidden">错误：</span>
                {errors.file}
              </p>
            ) : null}
            <input
              id="field-file"
              type="file"
              name="file"
              accept=".pdf,.ofd,.docx,.xlsx,.png,.jpg,.jpeg"
              aria-describedby={errors.file ? 'field-file-hint field-file-error' : 'field-file-hint'}
            />
          </div>
          <div class="form__buttons">
            <SubmitButton quiet>上传</SubmitButton>
          </div>
        </form>
      ) : null}

      {can.edit ? (
        <>
          <h2>编辑草稿</h2>
          <PostForm action={base} csrfToken={csrfToken}>
            <ItemFields values={values} errors={errors} />
            <div class="form__buttons">
              <SubmitButton>保存草稿</SubmitButton>
            </div>
          </PostForm>
        </>
      ) : (
        <>
          <h2>正文</h2>
          {/* Sanitised on the server with an allow-list (src/disclosure/sanitize-html.ts). */}
          <div class="item-body" dangerouslySetInnerHTML={{ __html: view.safeBodyHtml }} />
        </>
      )}
    </>
  );
};

const Steps = ({
  view,
  can,
  base,
  csrfToken,
  values,
  errors,
}: {
  view: DisclosureDetailView;
  can: DisclosureAbilities;
  base: string;
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) => {
  const forms = [
    can.requestReview ? (
      <PostForm key="request" action={`${base}/review-request`} csrfToken={csrfToken}>
        <TextField
          name="note"
          label="送审说明"
          multiline
          value={values.note}
          error={errors.note}
          hint="可选：需要审查人注意的内容"
          maxLength={500}
        />
        <SubmitButton>送保密审查</SubmitButton>
      </PostForm>
    ) : null,
    can.review ? (
      <PostForm key="review" action={`${base}/review`} csrfToken={csrfToken}>
        <SelectField
          name="result"
          label="保密审查结果"
          required
          options={[
            { value: '', label: '请选择' },
            { value: 'cleared', label: '通过，可以公开' },
            { value: 'refused', label: '不通过，退回修改' },
          ]}
          value={values.result ?? ''}
          error={errors.result}
        />
        <TextField
          name="reviewer"
          label="审查人"
          required
          value={values.reviewer}
          error={errors.reviewer}
          maxLength={50}
        />
        <TextField
          name="note"
          label="审查意见"
          multiline
          value={values.note}
          error={errors.note}
          hint="不通过时必填"
          maxLength={500}
        />
        <SubmitButton>记录审查结果</SubmitButton>
      </PostForm>
    ) : null,
    can.approve ? (
      <PostForm key="approve" action={`${base}/approve`} csrfToken={csrfToken}>
        <SelectField
          name="verdict"
          label="审批意见"
          required
          options={[
            { value: '', label: '请选择' },
            { value: 'approve', label: '批准发布' },
            { value: 'return', label: '退回修改' },
          ]}
          value={values.verdict ?? ''}
          error={errors.verdict}
        />
        <TextField
          name="note"
          label="意见"
          multiline
          value={values.note}
          error={errors.note}
          hint="退回时必填"
          maxLength={500}
        />
        <SubmitButton>提交审批意见</SubmitButton>
      </PostForm>
    ) : null,
    can.publish ? (
      <PostForm key="publish" action={`${base}/publish`} csrfToken={csrfToken}>
        <p>已经保密审查和批准。发布后，该信息出现在政府门户网站和检索结果中。</p>
        <SubmitButton>发布</SubmitButton>
      </PostForm>
    ) : null,
    can.withdraw ? (
      <PostForm key="withdraw" action={`${base}/withdraw`} csrfToken={csrfToken}>
        <TextField
          name="reason"
          label="撤回理由"
          multiline
          value={values.reason}
          error={errors.reason}
          maxLength={500}
        />
        <SubmitButton quiet>撤回</SubmitButton>
      </PostForm>
    ) : null,
  ].filter((f) => f !== null);
  if (forms.length > 0) return <>{forms}</>;
  const waiting: Partial<Record<Stage, string>> = {
    inReview: '正在等待保密审查结果。',
    reviewed: '已通过保密审查，正在等待审批。',
    approved: '已经批准，等待发布员发布。',
  };
  return <p class="muted">{waiting[view.stage] ?? '您在此阶段没有可办理的事项。'}</p>;
};

/** A rule or normative document repealed (废止、失效) on a day, or in force again: setValidity. */
const ValidityForm = ({
  base,
  csrfToken,
  values,
  errors,
}: {
  base: string;
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) => (
  <>
    <h3>效力状态</h3>
    <PostForm action={`${base}/validity`} csrfToken={csrfToken}>
      <SelectField
        name="validity"
        label="效力状态"
        required
        options={Object.entries(VALIDITY_LABELS).map(([value, label]) => ({ value, label }))}
        value={values.validity || 'inForce'}
        error={errors.validity}
        hint="规章、规范性文件被废止或者失效的，选择“已废止”并填写日期；门户网站上的该文件随之标明。"
      />
      <TextField
        name="repealedOn"
        label="废止日期"
        value={values.repealedOn}
        error={errors.repealedOn}
        hint="YYYY-MM-DD，废止或失效之日；现行有效的留空"
        maxLength={10}
      />
      <SubmitButton quiet>更新效力状态</SubmitButton>
    </PostForm>
  </>
);
