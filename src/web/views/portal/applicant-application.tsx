import type { ApplicantApplication } from '../../../applicants/applicant-applications.ts';
import { CHANNEL_LABELS } from '../../../applications/application-kinds.ts';
import { LETTER_FORMAT_LABELS } from '../../../letters/letter-file.ts';
import type { LetterSummary } from '../../../letters/list-letters.ts';
import { Notice } from '../components/form.tsx';
import { ApplicantLogout } from './applicant-home.tsx';

/**
 * One of the applicant's applications, as they may see it: status, deadline, outcome and the
 * dates. Nothing internal (handler, notes, warnings, internal events) is in ApplicantApplication.
 */
export const ApplicantApplicationPage = ({
  application: a,
  letters,
  pdfAvailable,
  csrfToken,
  notice,
}: {
  application: ApplicantApplication;
  letters: readonly LetterSummary[];
  pdfAvailable: boolean;
  csrfToken: string;
  notice?: string | undefined;
}) => (
  <>
    <h1>申请 {a.trackingNumber}</h1>
    {notice ? <Notice>{notice}</Notice> : null}
    <dl class="facts">
      <dt>受理机关</dt>
      <dd>{a.agencyName}</dd>
      <dt>办理状态</dt>
      <dd>
        <strong>{a.status}</strong>
      </dd>
      {a.deadlineText !== null ? (
        <>
          <dt>答复期限</dt>
          <dd>{a.deadlineText}</dd>
        </>
      ) : null}
      {a.outcome !== null ? (
        <>
          <dt>办理结果</dt>
          <dd>
            {a.outcome.label}（{a.outcome.basis}）
          </dd>
        </>
      ) : null}
      {a.decidedOn !== null ? (
        <>
          <dt>答复日期</dt>
          <dd>{a.decidedOn}</dd>
        </>
      ) : null}
      {a.deliveredOn !== null ? (
        <>
          <dt>送达日期</dt>
          <dd>{a.deliveredOn}</dd>
        </>
      ) : null}
      <dt>提交方式</dt>
      <dd>{CHANNEL_LABELS[a.channel as keyof typeof CHANNEL_LABELS] ?? a.channel}</dd>
      <dt>申请到达日期</dt>
      <dd>{a.arrivedOn}</dd>
      <dt>收到申请日期</dt>
      <dd>{a.receivedOn}</dd>
      <dt>获取信息的方式</dt>
      <dd>{a.formWanted}</dd>
      <dt>申请内容</dt>
      <dd>{a.description}</dd>
    </dl>
    <h2>本机关出具的文书</h2>
    {letters.length === 0 ? (
      <p>还没有出具文书。</p>
    ) : (
      <ul class="link-list">
        {letters.map((l) => (
          <li key={l.id}>
            {l.title}（{l.createdAt.slice(0, 10)}）：
            {(['pdf', 'docx', 'html'] as const)
              .filter((f) => f !== 'pdf' || l.hasPdf || pdfAvailable)
              .map((f, i) => (
                <>
                  {i > 0 ? '、' : ''}
                  <a key={f} href={`/account/applications/${a.id}/letters/${l.id}/${f}`}>
                    下载 {LETTER_FORMAT_LABELS[f]}
                  </a>
                </>
              ))}
          </li>
        ))}
      </ul>
    )}
    <p class="muted">
      答复期限按工作日计算，自收到申请之日起 20 个工作日；补正、征求第三方意见和缴纳信息处理费的时间不计入。
    </p>
    <p>
      <a href="/account">返回我的申请</a>
    </p>
    <ApplicantLogout csrfToken={csrfToken} />
  </>
);
