import { ErrorSummary, type FieldErrors, PostForm, SubmitButton, TextField } from '../components/form.tsx';
import { ClassificationFields, ITEM_FIELD_LABELS } from './disclosure-form.tsx';

export interface ReleaseApplicationView {
  readonly id: number;
  readonly trackingNumber: string;
  readonly agencyName: string;
  readonly outcome: string;
  readonly description: string;
}

/** The fields of the form, prefilled from the application (releaseFormValues) or as sent. */
export const RELEASE_FIELDS = ['title', 'bodyHtml', 'article20Item', 'category', 'tags'] as const;

/**
 * GET /workbench/applications/:id/release-to-all: information released to one applicant made a
 * draft of proactive disclosure (Art. 44), to go through 保密审查 and approval like any other.
 */
export const ReleaseToAllPage = ({
  application,
  csrfToken,
  values,
  errors,
}: {
  application: ReleaseApplicationView;
  csrfToken: string;
  values: Record<string, string>;
  errors: FieldErrors;
}) => {
  const back = `/workbench/applications/${application.id}`;
  return (
    <>
      <p>
        <a href={back}>返回申请 {application.trackingNumber}</a>
      </p>
      <h1>转为主动公开</h1>
      <p class="lead">
        申请 {application.trackingNumber}（{application.agencyName}，答复：{application.outcome}
        ）所公开的信息，其他人也可能需要：依《条例》第四十四条，可以转为主动公开。保存后生成一份草稿，
        经保密审查和审批后发布，并与本申请相互链接。
      </p>
      <div class="notice notice--warning" role="note">
        请删去申请人的姓名、证件号码、联系方式等个人信息，以及依法不予公开的内容，只保留已经公开的信息。
      </div>
      <ErrorSummary errors={errors} labels={{ ...ITEM_FIELD_LABELS, applicationId: '申请' }} />
      <PostForm action={`${back}/release-to-all`} csrfToken={csrfToken}>
        <TextField
          name="title"
          label="标题"
          required
          value={values.title}
          error={errors.title}
          maxLength={200}
        />
        <TextField
          name="bodyHtml"
          label="正文"
          required
          multiline
          value={values.bodyHtml}
          error={errors.bodyHtml}
          hint="HTML 格式，可使用段落、标题、列表、表格和链接；脚本等不安全的内容在保存时会被去除。"
        />
        <ClassificationFields values={values} errors={errors} />
        <div class="form__buttons">
          <SubmitButton>保存为主动公开草稿</SubmitButton>
          <a href={back}>取消</a>
        </div>
      </PostForm>
    </>
  );
};
