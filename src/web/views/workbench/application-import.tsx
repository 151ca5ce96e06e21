import { MAX_IMPORT_APPLICATIONS, MAX_IMPORT_EVENTS } from '../../../applications/import/import-columns.ts';
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  type Option,
  SelectField,
  SubmitButton,
} from '../components/form.tsx';

export const IMPORT_FIELD_LABELS: Readonly<Record<string, string>> = {
  agencyId: '受理机关',
  file: '申请文件（XLSX 或 CSV）',
  eventsFile: '事件文件（CSV，可不选）',
};

interface Props {
  readonly csrfToken: string;
  readonly agencies: readonly Option[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

const FileField = ({
  name,
  hint,
  error,
  required,
}: {
  name: string;
  hint: string;
  error?: string | undefined;
  required?: boolean;
}) => {
  const id = fieldId(name);
  const described = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label class="field__label" for={id}>
        {IMPORT_FIELD_LABELS[name]}
        {required ? <span class="field__required">（必填）</span> : null}
      </label>
      <p class="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error ? (
        <p class="field__error" id={`${id}-error`}>
          <span class="visually-hidden">错误：</span>
          {error}
        </p>
      ) : null}
      <input
        type="file"
        id={id}
        name={name}
        accept={name === 'file' ? '.xlsx,.csv,.txt' : '.csv,.txt'}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
    </div>
  );
};

/** The upload form of an import: the agency, the file (and an events CSV), the template. */
export const ApplicationImportForm = ({ csrfToken, agencies, values, errors }: Props) => (
  <>
    <h1>批量导入申请</h1>
    <p class="lead">
      开始使用本系统时，可将以往和正在办理的申请连同其办理事件一次导入，使办理队列和年度报告的“上年结转”从第一天起就正确。上传后先预览和检查，确认后才一次性全部导入。
    </p>
    <p>
      <a href="/workbench/applications/import/template.xlsx" download>
        下载导入模板（XLSX）
      </a>
      ：含「申请」「事件」两张表、每列的说明和可选值。也可上传 CSV 文件（UTF-8 或 GBK
      编码）：申请一个文件，事件另一个文件。 每个文件最多 {MAX_IMPORT_APPLICATIONS} 件申请、
      {MAX_IMPORT_EVENTS} 个事件、10 MB。
    </p>
    <ErrorSummary errors={errors} labels={IMPORT_FIELD_LABELS} />
    <form
      method="post"
      action="/workbench/applications/import"
      enctype="multipart/form-data"
      class="form"
      noValidate
    >
      <input type="hidden" name="_csrf" value={csrfToken} />
      <SelectField
        name="agencyId"
        label={IMPORT_FIELD_LABELS.agencyId ?? ''}
        error={errors.agencyId}
        required
        options={agencies}
        value={values.agencyId}
      />
      <FileField
        name="file"
        required
        error={errors.file}
        hint="XLSX 工作簿（「申请」表和「事件」表），或申请的 CSV 文件"
      />
      <FileField
        name="eventsFile"
        error={errors.eventsFile}
        hint="只在申请用 CSV 文件上传时使用：事件的 CSV 文件"
      />
      <div class="actions">
        <SubmitButton>上传并预览</SubmitButton>
        <a href="/workbench/applications">返回申请列表</a>
      </div>
    </form>
  </>
);
