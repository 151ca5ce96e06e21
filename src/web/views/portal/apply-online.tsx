import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  FORM_WANTED_LABELS,
  FORMS_WANTED,
  ID_TYPE_LABELS,
  ID_TYPES,
} from '../../../applications/application-kinds.ts';
import type { AgencyView } from '../../presenters/agency.presenter.ts';
import {
  ErrorSummary,
  type FieldErrors,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

export const APPLY_FIELD_LABELS: Readonly<Record<string, string>> = {
  applicantType: '申请人类型',
  applicantName: '申请人姓名或名称',
  idType: '身份证明类型',
  idNumber: '身份证明号码',
  phone: '联系电话',
  address: '通信地址',
  email: '电子邮箱',
  description: '所需政府信息的名称、文号或特征性描述',
  formWanted: '获取信息的方式',
};

const options = <T extends string>(values: readonly T[], labels: Record<T, string>) =>
  values.map((value) => ({ value, label: labels[value] }));

export interface ApplyOnlineProps {
  readonly agency: AgencyView;
  readonly csrfToken: string;
  readonly submissionKey: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** The online application form (Art. 29): no account needed. */
export const ApplyOnline = ({ agency, csrfToken, submissionKey, values, errors }: ApplyOnlineProps) => {
  const field = (name: string) => ({ name, label: APPLY_FIELD_LABELS[name] ?? name, error: errors[name] });
  return (
    <>
      <h1>向{agency.name}在线申请政府信息公开</h1>
      <p class="lead">
        请如实填写。提交后将显示申请编号和查询码，凭二者可随时查询办理进度。网上提交的申请，以提交当日为收到申请之日，本机关自次日起
        20 个工作日内答复。
      </p>
      <ErrorSummary errors={errors} labels={APPLY_FIELD_LABELS} />
      <PostForm action={`/agencies/${agency.id}/apply/online`} csrfToken={csrfToken}>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <SelectField
          {...field('applicantType')}
          required
          options={options(APPLICANT_TYPES, APPLICANT_TYPE_LABELS)}
          value={values.applicantType}
        />
        <TextField
          {...field('applicantName')}
          required
          value={values.applicantName}
          autocomplete="name"
          maxLength={100}
        />
        <SelectField
          {...field('idType')}
          required
          options={options(ID_TYPES, ID_TYPE_LABELS)}
          value={values.idType}
        />
        <TextField {...field('idNumber')} required value={values.idNumber} maxLength={40} />
        <TextField
          {...field('phone')}
          required
          type="tel"
          value={values.phone}
          autocomplete="tel"
          maxLength={20}
        />
        <TextField
          {...field('address')}
          value={values.address}
          autocomplete="street-address"
          maxLength={200}
        />
        <TextField {...field('email')} type="email" value={values.email} autocomplete="email" />
        <TextField
          {...field('description')}
          required
          multiline
          value={values.description}
          maxLength={4000}
          hint="请写明信息的名称、文号，或者便于本机关查询的其他特征，例如：“2023年度最低生活保障资金发放情况”。"
        />
        <SelectField
          {...field('formWanted')}
          required
          options={options(FORMS_WANTED, FORM_WANTED_LABELS)}
          value={values.formWanted}
        />
        <SubmitButton>提交申请</SubmitButton>
      </PostForm>
    </>
  );
};

/** Shown once after submission: the secret code exists nowhere else. */
export const ApplySubmitted = ({
  agency,
  trackingNumber,
  secretCode,
}: {
  agency: AgencyView;
  trackingNumber: string;
  secretCode: string | null;
}) => (
  <>
    <h1>申请已提交</h1>
    <p class="lead">{agency.name}已收到您的政府信息公开申请。</p>
    <dl class="facts">
      <dt>申请编号</dt>
      <dd>
        <code>{trackingNumber}</code>
      </dd>
      {secretCode ? (
        <>
          <dt>查询码</dt>
          <dd>
            <code>{secretCode}</code>
          </dd>
        </>
      ) : null}
    </dl>
    {secretCode ? (
      <p class="notice">请立即记下申请编号和查询码：查询码只显示这一次，凭它才能查询办理进度。</p>
    ) : (
      <p class="notice">这份申请此前已经提交过，未重复登记。查询码已在首次提交时显示。</p>
    )}
    <p>
      <a href="/track">查询办理进度</a>
    </p>
  </>
);
