import { APPEAL_KINDS } from '../../../appeals/appeal-case.table.ts';
import { APPEAL_KIND_LABELS } from '../../../appeals/appeal-labels.ts';
import {
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

export const APPEAL_FIELD_LABELS: Readonly<Record<string, string>> = {
  agencyId: '被申请人（被告）机关',
  kind: '案件类型',
  applicationNumber: '申请编号',
  priorCaseId: '此前的复议案件',
  caseNumber: '案号',
  body: '复议机关或人民法院',
  claimantName: '申请人或原告',
  subject: '案由',
  filedOn: '申请复议或起诉的日期',
  copyReceivedOn: '收到副本的日期',
  respondedOn: '提交答复或答辩的日期',
  result: '结果',
  decidedOn: '结果日期',
  resultNote: '结果说明',
  reopensApplication: '责令重新答复',
  reopenedOn: '收到重新办理决定的日期',
};

const KIND_OPTIONS = APPEAL_KINDS.map((k) => ({ value: k, label: APPEAL_KIND_LABELS[k] }));

interface Props {
  /** Null for a new case; the case's id when editing. */
  readonly caseId: number | null;
  readonly csrfToken: string;
  /** The agencies the user may record cases for; absent when editing (the agency stays). */
  readonly agencies?: readonly Option[];
  /** Reconsideration cases a litigation after review may follow. */
  readonly priorCases: readonly Option[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** Records or edits a reconsideration or litigation case. */
export const AppealForm = ({ caseId, csrfToken, agencies, priorCases, values, errors }: Props) => (
  <>
    <h1>{caseId === null ? '登记行政复议或行政诉讼' : '修改案件'}</h1>
    <ErrorSummary errors={errors} labels={APPEAL_FIELD_LABELS} />
    {errors._form ? <p class="field__error">{errors._form}</p> : null}
    <PostForm
      action={caseId === null ? '/workbench/appeals' : `/workbench/appeals/${caseId}`}
      csrfToken={csrfToken}
    >
      {agencies ? (
        <SelectField
          name="agencyId"
          label="被申请人（被告）机关"
          required
          options={[{ value: '', label: '请选择' }, ...agencies]}
          value={values.agencyId}
          error={errors.agencyId}
        />
      ) : null}
      <SelectField
        name="kind"
        label="案件类型"
        required
        options={KIND_OPTIONS}
        value={values.kind}
        error={errors.kind}
        hint="年度报告第四部分按此分为行政复议、未经复议直接起诉、复议后起诉三组"
      />
      <TextField
        name="applicationNumber"
        label="申请编号"
        value={values.applicationNumber}
        error={errors.applicationNumber}
        hint="案件涉及的依申请公开申请；涉及主动公开等、不针对某件申请的，留空"
        maxLength={40}
      />
      <SelectField
        name="priorCaseId"
        label="此前的复议案件"
        options={[{ value: '', label: '无或未登记' }, ...priorCases]}
        value={values.priorCaseId}
        error={errors.priorCaseId}
        hint="仅复议后起诉的案件填写"
      />
      <TextField
        name="body"
        label="复议机关或人民法院"
        required
        value={values.body}
        error={errors.body}
        maxLength={100}
      />
      <TextField
        name="caseNumber"
        label="案号"
        value={values.caseNumber}
        error={errors.caseNumber}
        maxLength={100}
      />
      <TextField
        name="claimantName"
        label="申请人或原告"
        value={values.claimantName}
        error={errors.claimantName}
        hint="属于个人信息，仅登记员、承办人和管理员可见"
        maxLength={100}
      />
      <TextField
        name="subject"
        label="案由"
        multiline
        value={values.subject}
        error={errors.subject}
        maxLength={500}
      />
      <TextField
        name="filedOn"
        label="申请复议或起诉的日期"
        required
        value={values.filedOn}
        error={errors.filedOn}
        hint="格式 YYYY-MM-DD；年度报告按此日期所在年度统计"
        maxLength={10}
      />
      <TextField
        name="copyReceivedOn"
        label="收到副本的日期"
        value={values.copyReceivedOn}
        error={errors.copyReceivedOn}
        hint="收到复议申请书或起诉状副本的日期，答复或答辩期限自次日起算。格式 YYYY-MM-DD"
        maxLength={10}
      />
      <TextField
        name="respondedOn"
        label="提交答复或答辩的日期"
        value={values.respondedOn}
        error={errors.respondedOn}
        hint="格式 YYYY-MM-DD"
        maxLength={10}
      />
      <SubmitButton>{caseId === null ? '登记案件' : '保存修改'}</SubmitButton>
    </PostForm>
    <p>
      <a href={caseId === null ? '/workbench/appeals' : `/workbench/appeals/${caseId}`}>返回</a>
    </p>
  </>
);
