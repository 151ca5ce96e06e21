import { LETTER_FORMAT_LABELS, LETTER_FORMATS } from '../../../letters/letter-file.ts';
import { LETTER_KIND_LABELS, type LetterKind } from '../../../letters/letter-kind.ts';
import type { LetterSummary } from '../../../letters/list-letters.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
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

export const LETTER_FIELD_LABELS: Readonly<Record<string, string>> = {
  kind: '文书',
  particulars: '补充说明',
  thirdParty: '第三方名称',
};

export interface LettersPanelProps {
  readonly applicationId: number;
  readonly letters: readonly LetterSummary[];
  /** The kinds that can be issued now (possibleLetterKinds). */
  readonly possible: readonly LetterKind[];
  readonly canIssue: boolean;
  /** Handlers, registrars, approvers and admins may read the letters (they name the applicant). */
  readonly canDownload: boolean;
  /** Whether a PDF can be printed here (Chromium installed) for a letter stored without one. */
  readonly pdfAvailable: boolean;
  readonly csrfToken: string;
  readonly values?: Readonly<Record<string, string>> | undefined;
  readonly errors?: FieldErrors | undefined;
  readonly notice?: string | undefined;
}

const Downloads = ({
  applicationId,
  letter,
  pdfAvailable,
}: {
  applicationId: number;
  letter: LetterSummary;
  pdfAvailable: boolean;
}) => (
  <ul class="letter-downloads">
    {LETTER_FORMATS.map((format) =>
      format === 'pdf' && !letter.hasPdf && !pdfAvailable ? (
        <li key={format}>
          <span class="muted">PDF（本服务器无法生成）</span>
        </li>
      ) : (
        <li key={format}>
          <a
            href={`/workbench/applications/${applicationId}/letters/${letter.id}/${format}`}
            download
            aria-label={`下载《${letter.kindLabel}》第${letter.version}版 ${LETTER_FORMAT_LABELS[format]} 文件`}
          >
            {LETTER_FORMAT_LABELS[format]}
          </a>
        </li>
      ),
    )}
  </ul>
);

/**
 * The letters (文书) of an application: those issued, each with its downloads, and the form to
 * issue one of the kinds its record allows now. Mounted on the application's page.
 */
export const LettersPanel = (props: LettersPanelProps) => {
  const { applicationId, letters, possible, canIssue, canDownload, pdfAvailable, csrfToken } = props;
  const errors = props.errors ?? {};
  const values = props.values ?? {};
  return (
    <section id="letters" aria-labelledby="letters-title">
      <link rel="stylesheet" href="/static/letters.css" />
      <h2 id="letters-title">文书</h2>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <DataTable
        caption="已出具的文书"
        rows={letters}
        wide
        rowKey={(l) => l.id}
        empty="还没有出具文书。"
        columns={[
          { header: '文书', cell: (l) => `${l.kindLabel}${l.version > 1 ? `（第${l.version}版）` : ''}` },
          { header: '标题', cell: (l) => l.title },
          { header: '出具时间', nowrap: true, cell: (l) => beijingDateTime(l.createdAt) },
          { header: '送达对象', cell: (l) => (l.toApplicant ? '申请人' : '第三方') },
          {
            header: '下载',
            cell: (l) =>
              canDownload ? (
                <Downloads applicationId={applicationId} letter={l} pdfAvailable={pdfAvailable} />
              ) : (
                '—'
              ),
          },
        ]}
      />
      {canIssue ? (
        <>
          <h3>出具文书</h3>
          <ErrorSummary errors={errors} labels={LETTER_FIELD_LABELS} />
          {possible.length === 0 ? (
            <p class="muted">按本申请目前的办理记录，暂无可以出具的文书。</p>
          ) : (
            <PostForm action={`/workbench/applications/${applicationId}/letters`} csrfToken={csrfToken}>
              <SelectField
                name="kind"
                label="文书"
                required
                options={possible.map((k) => ({ value: k, label: LETTER_KIND_LABELS[k] }))}
                value={values.kind}
                error={errors.kind}
                hint="只列出按目前办理记录可以出具的文书。已出具的文书不能修改，再次出具将生成新的版本。"
              />
              <TextField
                name="particulars"
                label="补充说明"
                multiline
                maxLength={1000}
                value={values.particulars}
                error={errors.particulars}
                hint="可不填。填写的内容作为一段文字写入文书（模板中的 {{补充说明}}）。"
              />
              {possible.includes('consultation') ? (
                <TextField
                  name="thirdParty"
                  label="第三方名称"
                  maxLength={100}
                  value={values.thirdParty}
                  error={errors.thirdParty}
                  hint="仅用于征求第三方意见书的称谓；不填写的，写作“相关权利人”。"
                />
              ) : null}
              <SubmitButton>出具文书</SubmitButton>
            </PostForm>
          )}
        </>
      ) : null}
    </section>
  );
};

/** The letters of one application on a page of their own (and where an issue is refused). */
export const ApplicationLettersPage = ({
  trackingNumber,
  ...panel
}: LettersPanelProps & { trackingNumber: string }) => (
  <>
    <p>
      <a href={`/workbench/applications/${panel.applicationId}`}>返回申请 {trackingNumber}</a>
    </p>
    <h1>申请 {trackingNumber} 的文书</h1>
    <LettersPanel {...panel} />
  </>
);
