import type { ApplicantApplication } from '../../../applicants/applicant-applications.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export const CLAIM_LABELS: Readonly<Record<string, string>> = {
  trackingNumber: '申请编号',
  secretCode: '查询码',
};

interface Props {
  readonly displayName: string;
  /** The login, masked: the page shows whose account it is without printing it whole. */
  readonly maskedLogin: string;
  readonly csrfToken: string;
  readonly applications: readonly ApplicantApplication[];
  readonly claim: { readonly trackingNumber: string; readonly errors: FieldErrors };
  readonly notice?: string | undefined;
}

/** A form that ends the applicant's session: a POST, so that it carries the session's token. */
export const ApplicantLogout = ({ csrfToken }: { csrfToken: string }) => (
  <PostForm action="/account/logout" csrfToken={csrfToken} class="inline-form">
    <SubmitButton quiet>退出登录</SubmitButton>
  </PostForm>
);

/** 我的申请: the account's applications, and the form that adds one submitted without the account. */
export const ApplicantHomePage = ({
  displayName,
  maskedLogin,
  csrfToken,
  applications,
  claim,
  notice,
}: Props) => (
  <>
    <h1>我的申请</h1>
    {notice ? <Notice>{notice}</Notice> : null}
    <p class="lead">
      {displayName}（{maskedLogin}），您好。以下是您账户中的政府信息公开申请。
    </p>
    <ApplicantLogout csrfToken={csrfToken} />
    <DataTable
      caption="我的政府信息公开申请"
      rows={applications}
      rowKey={(a) => a.id}
      empty="您的账户中还没有申请。登录后在线提交的申请会自动出现在这里；以前提交的申请可用下面的表单添加。"
      columns={[
        {
          header: '申请编号',
          nowrap: true,
          cell: (a) => (
            <a href={`/account/applications/${a.id}`}>
              <code>{a.trackingNumber}</code>
            </a>
          ),
        },
        { header: '受理机关', cell: (a) => a.agencyName },
        { header: '收到申请日期', nowrap: true, cell: (a) => a.receivedOn },
        { header: '办理状态', cell: (a) => a.status },
        { header: '答复期限', cell: (a) => a.deadlineText ?? '—' },
        { header: '办理结果', cell: (a) => a.outcome?.label ?? '—' },
      ]}
    />
    <section aria-labelledby="claim-title">
      <h2 id="claim-title">添加以前提交的申请</h2>
      <p>未登录时在线提交的申请，或以书面形式提交、取得了申请编号和查询码的申请，可凭二者添加到您的账户。</p>
      <ErrorSummary errors={claim.errors} labels={CLAIM_LABELS} />
      <PostForm action="/account/claim" csrfToken={csrfToken}>
        <TextField
          name="trackingNumber"
          label={CLAIM_LABELS.trackingNumber ?? ''}
          value={claim.trackingNumber}
          error={claim.errors.trackingNumber}
          autocomplete="off"
          required
          maxLength={40}
        />
        <TextField
          name="secretCode"
          label={CLAIM_LABELS.secretCode ?? ''}
          error={claim.errors.secretCode}
          autocomplete="off"
          required
          maxLength={100}
        />
        <div class="actions">
          <SubmitButton>添加到我的申请</SubmitButton>
        </div>
      </PostForm>
    </section>
  </>
);
