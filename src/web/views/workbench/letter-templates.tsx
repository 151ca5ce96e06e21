import type { LetterDocument } from '../../../letters/compose-letter.ts';
import { LETTER_KIND_LABELS, LETTER_KINDS, type LetterKind } from '../../../letters/letter-kind.ts';
import { type PlaceholderDefinition, REQUIRED_PLACEHOLDERS } from '../../../letters/letter-placeholders.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import { ErrorSummary, type FieldErrors, fieldId, Notice, PostForm, TextField } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export const TEMPLATE_FIELD_LABELS: Readonly<Record<string, string>> = { title: '标题', body: '正文' };

export interface TemplateListAgency {
  readonly id: number;
  readonly name: string;
  /** The kinds the agency has its own template for, with when each was last changed. */
  readonly custom: ReadonlyMap<LetterKind, string>;
}

/** The letter templates of the agencies the admin administers: which are the agency's own. */
export const LetterTemplateList = ({ agencies }: { agencies: readonly TemplateListAgency[] }) => (
  <>
    <h1>文书模板</h1>
    <p class="lead">
      受理回执、补正告知书、延期答复告知书、征求第三方意见书、收费通知和各类答复告知书，均由模板生成。
      本机关未设置模板的，使用系统默认模板。修改模板只影响此后出具的文书，已出具的文书不变。
    </p>
    {agencies.length === 0 ? <p>您不是任何机关的管理员。</p> : null}
    {agencies.map((agency) => (
      <DataTable
        key={agency.id}
        caption={`${agency.name}的文书模板`}
        rows={LETTER_KINDS}
        rowKey={(k) => k}
        empty="—"
        columns={[
          {
            header: '文书',
            cell: (k) => (
              <a href={`/workbench/letter-templates/${agency.id}/${k}`}>{LETTER_KIND_LABELS[k]}</a>
            ),
          },
          {
            header: '使用的模板',
            cell: (k) => {
              const at = agency.custom.get(k);
              return at === undefined ? '系统默认模板' : `本机关模板（${beijingDateTime(at)} 修改）`;
            },
          },
        ]}
      />
    ))}
  </>
);

/** A letter as it prints, inside a workbench page: text only, escaped as every page. */
export const LetterPreview = ({ doc, label }: { doc: LetterDocument; label: string }) => (
  <div class="letter-preview" role="document" aria-label={label}>
    <h2>{doc.title}</h2>
    {doc.paragraphs.map((p, i) => (
      // Paragraphs have no identity of their own: their place is their key (they never reorder).
      <p key={i} class={p.align}>
        {p.text}
      </p>
    ))}
  </div>
);

interface EditProps {
  readonly agencyId: number;
  readonly agencyName: string;
  readonly kind: LetterKind;
  readonly custom: boolean;
  readonly values: { readonly title: string; readonly body: string };
  readonly errors: FieldErrors;
  readonly notice?: string | undefined;
  readonly placeholders: readonly PlaceholderDefinition[];
  /** The template (as typed, or as saved) printed for a made-up application; null when it has errors. */
  readonly preview: LetterDocument | null;
  readonly csrfToken: string;
}

/** One template: edit, preview against a sample application, save, or go back to the default. */
export const LetterTemplateEdit = (props: EditProps) => {
  const { agencyId, agencyName, kind, values, errors, csrfToken } = props;
  const action = `/workbench/letter-templates/${agencyId}/${kind}`;
  const required = new Set(REQUIRED_PLACEHOLDERS[kind]);
  return (
    <>
      <link rel="stylesheet" href="/static/letters.css" />
      <p>
        <a href="/workbench/letter-templates">全部文书模板</a>
      </p>
      <h1>
        {agencyName} · {LETTER_KIND_LABELS[kind]}模板
      </h1>
      <p class="lead">
        {props.custom ? '正在使用本机关的模板。' : '正在使用系统默认模板；保存后改用本机关的模板。'}
      </p>
      {props.notice ? <Notice>{props.notice}</Notice> : null}
      <ErrorSummary errors={errors} labels={TEMPLATE_FIELD_LABELS} />
      <PostForm action={action} csrfToken={csrfToken}>
        <TextField
          name="title"
          label="标题"
          required
          maxLength={100}
          value={values.title}
          error={errors.title}
        />
        <div class={errors.body ? 'field field--error' : 'field'}>
          <label class="field__label" for={fieldId('body')}>
            正文<span class="field__required">（必填）</span>
          </label>
          <p class="field__hint" id={`${fieldId('body')}-hint`}>
            每行一段，首行缩进两字；以“&lt; ”开头的行顶格（称谓），以“&gt;
            ”开头的行右对齐（编号、落款、日期），以“# ”开头的行居中。占位符写成 {'{{名称}}'}
            ，只能使用下表所列的占位符；某行的占位符都没有内容时，该行不出现。
          </p>
          {errors.body ? (
            <p class="field__error" id={`${fieldId('body')}-error`}>
              <span class="visually-hidden">错误：</span>
              {errors.body}
            </p>
          ) : null}
          <textarea
            id={fieldId('body')}
            name="body"
            rows={20}
            required
            maxLength={10000}
            aria-invalid={errors.body ? 'true' : undefined}
            aria-describedby={[`${fieldId('body')}-hint`, errors.body ? `${fieldId('body')}-error` : '']
              .filter(Boolean)
              .join(' ')}
            value={values.body}
          />
        </div>
        <div class="actions">
          <button type="submit" name="intent" value="save" class="button">
            保存模板
          </button>
          <button type="submit" name="intent" value="preview" class="button button--quiet">
            预览
          </button>
        </div>
      </PostForm>
      {props.custom ? (
        <PostForm action={action} csrfToken={csrfToken}>
          <input type="hidden" name="intent" value="reset" />
          <button type="submit" class="button button--quiet">
            删除本机关模板，恢复系统默认模板
          </button>
        </PostForm>
      ) : null}

      <h2>预览（示例申请）</h2>
      {props.preview === null ? (
        <p class="muted">模板有错误，改正后才能预览。</p>
      ) : (
        <LetterPreview doc={props.preview} label={`${LETTER_KIND_LABELS[kind]}预览`} />
      )}

      <h2>可用的占位符</h2>
      <div class="placeholder-list">
        <DataTable
          caption={`${LETTER_KIND_LABELS[kind]}可用的占位符`}
          rows={props.placeholders}
          rowKey={(p) => p.name}
          empty="—"
          columns={[
            { header: '占位符', nowrap: true, cell: (p) => <code>{`{{${p.name}}}`}</code> },
            { header: '内容', cell: (p) => p.description },
            { header: '必须包含', cell: (p) => (required.has(p.name) ? '是' : '') },
          ]}
        />
      </div>
    </>
  );
};
