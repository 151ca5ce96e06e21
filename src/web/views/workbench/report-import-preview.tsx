import type { ImportPreview } from '../../../reports/history/import-report.ts';
import { EDITIONS } from '../../../reports/model/editions.ts';
import type { Diagnostic, Finding } from '../../../reports/model/report.ts';
import { type FieldErrors, SubmitButton } from '../components/form.tsx';
import { FindingList, ReportFigures } from './report-compare.tsx';

type Ok = Extract<ImportPreview, { ok: true }>;

const LEVEL_LABELS: Record<Diagnostic['level'], string> = { error: '错误', warning: '提示', info: '说明' };

const FORMAT_LABELS: Record<Ok['format'], string> = {
  text: '文本',
  html: '网页（HTML）',
  docx: 'Word（DOCX）',
  pdf: 'PDF',
};

export const DiagnosticList = ({ diagnostics }: { diagnostics: readonly Diagnostic[] }) =>
  diagnostics.length === 0 ? (
    <p>读取文件时没有发现问题。</p>
  ) : (
    <ul class="error-list">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <span class="tag">{LEVEL_LABELS[d.level]}</span> {d.message}
          {d.cell ? `（${d.cell}）` : ''}
        </li>
      ))}
    </ul>
  );

const countBy = (findings: readonly Finding[], severity: Finding['severity']) =>
  findings.filter((f) => f.severity === severity).length;

/**
 * What an upload would store: the agency and year (the document's own beside the chosen ones),
 * the parser's notes, the validator's findings and every figure; the confirmation form carries
 * the parsed figures (the server checks them again) and, when the year was imported before,
 * asks to replace it.
 */
export const ReportImportPreview = ({
  preview,
  csrfToken,
  errors,
}: {
  preview: Ok;
  csrfToken: string;
  errors: FieldErrors;
}) => {
  const { report, detected, existing, previous } = preview;
  const refusal = errors.replace ?? errors.payload ?? errors.agencyId;
  return (
    <>
      <h1>年报导入预览</h1>
      {refusal ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <p>{refusal}</p>
        </div>
      ) : null}
      <dl class="facts">
        <dt>文件</dt>
        <dd>
          {preview.payload.fileName}（{FORMAT_LABELS[preview.format]}）
        </dd>
        <dt>机关</dt>
        <dd>
          {preview.agency.name}
          {detected.agency !== null ? `（文件写明：${detected.agency}）` : '（文件中未写明机关）'}
        </dd>
        <dt>报告年度</dt>
        <dd>
          {report.year}年
          {detected.year !== null ? `（文件写明：${detected.year}年）` : '（文件中未写明年度）'}
        </dd>
        <dt>格式</dt>
        <dd>{report.edition ? EDITIONS[report.edition].source : '未知'}</dd>
        <dt>发布日期</dt>
        <dd>{preview.payload.publishedOn ?? '文件中未写明'}</dd>
        <dt>上一年度的年报</dt>
        <dd>
          {previous
            ? `已有（${previous.source === 'imported' ? '导入' : '系统编制'}），已进行跨年度校验`
            : '没有，未进行跨年度校验'}
        </dd>
      </dl>
      {preview.mismatches.length > 0 ? (
        <div class="notice notice--warning" role="status">
          <p>文件与所选的机关或年度不一致，请核对：</p>
          <ul>
            {preview.mismatches.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2>读取情况</h2>
      <DiagnosticList diagnostics={preview.diagnostics} />
      <h2>
        校验结果：{countBy(preview.findings, 'error')} 个错误，{countBy(preview.findings, 'warning')} 个提示
      </h2>
      <FindingList findings={preview.findings} />
      <h2>读取的数据</h2>
      <ReportFigures report={report} />
      <h2>确认导入</h2>
      <form method="post" action="/workbench/reports/import/confirm" class="form" noValidate>
        <input type="hidden" name="_csrf" value={csrfToken} />
        <input type="hidden" name="agencyId" value={String(preview.agency.id)} />
        <input type="hidden" name="payload" value={JSON.stringify(preview.payload)} />
        {existing !== null ? (
          <div class={errors.replace ? 'field field--error' : 'field'}>
            <p class="field__hint" id="field-replace-hint">
              {preview.agency.name}
              {report.year}年度的年报已于 {existing.updatedAt.slice(0, 10)} 导入（文件{' '}
              {existing.fileName ?? '未知'}
              ）。确认后将以本文件替换。
            </p>
            <label class="checkbox">
              <input
                type="checkbox"
                id="field-replace"
                name="replace"
                value="1"
                aria-describedby="field-replace-hint"
              />
              替换此前导入的年报
            </label>
          </div>
        ) : null}
        <p>确认后，本年报作为该机关 {report.year} 年度已发布的年报保存。</p>
        <div class="actions">
          <SubmitButton>确认导入</SubmitButton>
          <a href="/workbench/reports/import">重新上传</a>
        </div>
      </form>
    </>
  );
};
