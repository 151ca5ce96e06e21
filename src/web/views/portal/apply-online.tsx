import type { SuggestedItem } from '../../../disclosure/suggest-items.ts';
import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { APPLICANT_FIELD_LABELS, ApplicantFields } from '../components/applicant-fields.tsx';
import { ErrorSummary, type FieldErrors, PostForm, SubmitButton } from '../components/form.tsx';
import { PublishedSuggestions } from '../components/published-suggestions.tsx';
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
      <p>
        申请前可以先<a href={`/search?agency=${agency.id}`}>检索本机关已主动公开的信息</a>
        ，已经公开的信息无需申请即可查阅。
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
  published = [],
}: {
  agency: AgencyView;
  trackingNumber: string;
  secretCode: string | null;
  published?: readonly SuggestedItem[];
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
    <PublishedSuggestions
      items={published}
      heading="这些已主动公开的信息可能就是您要找的"
      lead="本机关已经主动公开了以下信息，您可以直接查阅；申请仍会按规定办理答复。"
    />
    <p>
      <a href="/track">查询办理进度</a>
    </p>
  </>
);
