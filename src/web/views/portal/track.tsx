import type { ApplicantProgress } from '../../../applications/applicant-progress.ts';
import { LETTER_FORMAT_LABELS, LETTER_FORMATS } from '../../../letters/letter-file.ts';
import type { LetterSummary } from '../../../letters/list-letters.ts';
import { beijingDate } from '../../presenters/dates.ts';
import { type FieldErrors, PostForm, SubmitButton, TextField } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

/** What the applicant gets with the right number and code: the progress and their letters. */
export interface TrackFound {
  readonly progress: ApplicantProgress;
  /** The letters addressed to the applicant. */
  readonly letters: readonly LetterSummary[];
  /** Sent back with each download, as the applicant typed it: there is no account to remember it. */
  readonly secretCode: string;
  /** Whether a letter stored without a PDF can be printed to PDF now. */
  readonly pdfAvailable: boolean;
}

/** A letter's downloads: one small form a format, so that the code travels in a POST body only. */
const LetterDownloads = ({
  found,
  letter,
  csrfToken,
}: {
  found: TrackFound;
  letter: LetterSummary;
  csrfToken: string;
}) => (
  <ul class="letter-downloads">
    {LETTER_FORMATS.map((format) =>
      format === 'pdf' && !letter.hasPdf && !found.pdfAvailable ? (
        <li key={format}>
          <span class="muted">PDF（暂不可用）</span>
        </li>
      ) : (
        <li key={format}>
          <PostForm action="/track/letters" csrfToken={csrfToken} class="letter-download-form">
            <input type="hidden" name="trackingNumber" value={found.progress.trackingNumber} />
            <input type="hidden" name="secretCode" value={found.secretCode} />
            <input type="hidden" name="letterId" value={String(letter.id)} />
            <input type="hidden" name="format" value={format} />
            <button
              type="submit"
              aria-label={`下载《${letter.kindLabel}》${LETTER_FORMAT_LABELS[format]} 文件`}
            >
              {LETTER_FORMAT_LABELS[format]}
            </button>
          </PostForm>
        </li>
      ),
    )}
  </ul>
);

const Progress = ({ found, csrfToken }: { found: TrackFound; csrfToken: string }) => {
  const p = found.progress;
  return (
    <section aria-labelledby="track-result">
      <h2 id="track-result">申请 {p.trackingNumber}</h2>
      <dl class="facts">
        <dt>受理机关</dt>
        <dd>{p.agencyName}</dd>
        <dt>办理状态</dt>
        <dd>
          <strong>{p.status}</strong>
        </dd>
        {p.deadlineText !== null ? (
          <>
            <dt>答复期限</dt>
            <dd>{p.deadlineText}</dd>
          </>
        ) : null}
        {p.outcome !== null ? (
          <>
            <dt>办理结果</dt>
            <dd>
              {p.outcome.label}（{p.outcome.basis}）
            </dd>
          </>
        ) : null}
        {p.decidedOn !== null ? (
          <>
            <dt>答复日期</dt>
            <dd>{p.decidedOn}</dd>
          </>
        ) : null}
        {p.deliveredOn !== null ? (
          <>
            <dt>送达日期</dt>
            <dd>{p.deliveredOn}</dd>
          </>
        ) : null}
        <dt>申请到达日期</dt>
        <dd>{p.arrivedOn}</dd>
        <dt>收到申请日期</dt>
        <dd>{p.receivedOn}</dd>
        <dt>申请内容</dt>
        <dd>{p.description}</dd>
      </dl>
      <p class="muted">
        答复期限按工作日计算，自收到申请之日起20个工作日；补正、征求第三方意见和缴纳信息处理费的时间不计入。
      </p>
      <h3>文书</h3>
      <DataTable
        caption="本机关向您出具的文书"
        rows={found.letters}
        rowKey={(l) => l.id}
        empty="本机关尚未向您出具文书。"
        columns={[
          { header: '文书', cell: (l) => l.title },
          { header: '出具日期', nowrap: true, cell: (l) => beijingDate(l.createdAt) },
          { header: '下载', cell: (l) => <LetterDownloads found={found} letter={l} csrfToken={csrfToken} /> },
        ]}
      />
    </section>
  );
};

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
  found: TrackFound | null;
}) => (
  <>
    <link rel="stylesheet" href="/static/letters.css" />
    <h1>查询申请办理进度</h1>
    {found ? <Progress found={found} csrfToken={csrfToken} /> : null}
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
