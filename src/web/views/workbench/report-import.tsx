import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  type Option,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

export const REPORT_IMPORT_LABELS: Readonly<Record<string, string>> = {
  agencyId: '机关',
  year: '报告年度',
  file: '年报文件',
  payload: '导入内容',
  replace: '替换此前导入的年报',
};

interface Props {
  readonly csrfToken: string;
  readonly agencies: readonly Option[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly maxMegabytes: number;
}

/** Upload of an agency's earlier published annual report: the agency, the year, the file. */
export const ReportImportForm = ({ csrfToken, agencies, values, errors, maxMegabytes }: Props) => {
  const fileId = fieldId('file');
  const fileError = errors.file;
  return (
    <>
      <h1>导入以往年度的年报</h1>
      <p class="lead">
        上传本机关以往已经发布的政府信息公开工作年度报告（文本、网页 HTML、Word DOCX 或
        PDF），系统读取其中的表格数据，用于显示历年趋势，并对第一个由系统编制的年度进行跨年度校验（上年结转与本年新收等）。上传后先预览，确认后才保存。
      </p>
      <ErrorSummary errors={errors} labels={REPORT_IMPORT_LABELS} />
      <form
        method="post"
        action="/workbench/reports/import"
        enctype="multipart/form-data"
        class="form"
        noValidate
      >
        <input type="hidden" name="_csrf" value={csrfToken} />
        <SelectField
          name="agencyId"
          label={REPORT_IMPORT_LABELS.agencyId ?? ''}
          error={errors.agencyId}
          required
          options={agencies}
          value={values.agencyId}
        />
        <TextField
          name="year"
          label={REPORT_IMPORT_LABELS.year ?? ''}
          hint="例如 2019；不填则采用文件中写明的年度"
          error={errors.year}
          value={values.year}
          maxLength={4}
        />
        <div class={fileError ? 'field field--error' : 'field'}>
          <label class="field__label" for={fileId}>
            {REPORT_IMPORT_LABELS.file}
            <span class="field__required">（必填）</span>
          </label>
          <p class="field__hint" id={`${fileId}-hint`}>
            TXT、HTML、DOCX 或 PDF，最大 {maxMegabytes} MB
          </p>
          {fileError ? (
            <p class="field__error" id={`${fileId}-error`}>
              <span class="visually-hidden">错误：</span>
              {fileError}
            </p>
          ) : null}
          <input
            type="file"
            id={fileId}
            name="file"
            accept=".txt,.htm,.html,.docx,.pdf"
            required
            aria-invalid={fileError ? 'true' : undefined}
            aria-describedby={[`${fileId}-hint`, fileError ? `${fileId}-error` : '']
              .filter(Boolean)
              .join(' ')}
          />
        </div>
        <div class="actions">
          <SubmitButton>上传并预览</SubmitButton>
          <a href="/workbench/reports/compare">对照年报与系统统计</a>
        </div>
      </form>
    </>
  );
};
