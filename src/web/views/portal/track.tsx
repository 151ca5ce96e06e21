import type { ApplicantView } from '../../../applications/find-for-applicant.ts';
import { type FieldErrors, PostForm, SubmitButton, TextField } from '../components/form.tsx';

const STATUS_LABELS: Readonly<Record<string, string>> = { open: '办理中', closed: '已办结' };

/** The applicant's lookup: tracking number and secret code, nothing else. */
export const TrackPage = ({
  csrfToken,
  trackingNumber,
  errors,
  notFound,
  found,
}: {
  csrfToken: string;
  trackingNumber: string;
  errors: FieldErrors;
  notFound: boolean;
  found: ApplicantView | null;
}) => (
  <>
    <h1>查询申请办理进度</h1>
    {found ? (
      <section aria-labelledby="track-result">
        <h2 id="track-result">申请 {found.trackingNumber}</h2>
        <dl class="facts">
          <dt>受理机关</dt>
          <dd>{found.agencyName}</dd>
          <dt>收到申请日期</dt>
          <dd>{found.receivedOn}</dd>
          <dt>办理状态</dt>
          <dd>{STATUS_LABELS[found.status] ?? found.status}</dd>
          <dt>申请内容</dt>
          <dd>{found.description}</dd>
        </dl>
      </section>
    ) : null}
    {notFound ? (
      <div class="notice" role="alert">
        申请编号或查询码不正确。请核对后重新输入（查询码区分大小写）。
      </div>
    ) : null}
    <PostForm action="/track" csrfToken={csrfToken}>
      <TextField
        name="trackingNumber"
        label="申请编号"
        required
        value={trackingNumber}
        error={errors.trackingNumber}
      />
      <TextField name="secretCode" label="查询码" required error={errors.secretCode} autocomplete="off" />
      <SubmitButton>查询</SubmitButton>
    </PostForm>
  </>
);
