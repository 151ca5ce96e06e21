import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { APPLICANT_FIELD_LABELS, ApplicantFields } from '../components/applicant-fields.tsx';
import { ErrorSummary, type FieldErrors, PostForm, SubmitButton } from '../components/form.tsx';
import { TrackingCredentials } from '../components/tracking-credentials.tsx';

export interface ApplyOnlineProps {
  readonly agency: AgencyView;
  readonly csrfToken: string;
  readonly submissionKey: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** The online application form (Art. 29): no account needed. */
export const ApplyOnline = ({ agency, csrfToken, submissionKey, values, errors }: ApplyOnlineProps) => {
  return (
    <>
      <h1>向{agency.name}在线申请政府信息公开</h1>
      <p class="lead">
        请如实填写。提交后将显示申请编号和查询码，凭二者可随时查询办理进度。网上提交的申请，以提交当日为收到申请之日，本机关自次日起
        20 个工作日内答复。
      </p>
      <ErrorSummary errors={errors} labels={APPLICANT_FIELD_LABELS} />
      <PostForm action={`/agencies/${agency.id}/apply/online`} csrfToken={csrfToken}>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <ApplicantFields values={values} errors={errors} personal />
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
    <TrackingCredentials trackingNumber={trackingNumber} secretCode={secretCode} />
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
