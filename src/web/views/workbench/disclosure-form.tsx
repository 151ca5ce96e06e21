import { ARTICLE_20, article20Label } from '../../../disclosure/article-20.ts';
import { DOCUMENT_TYPE_LABELS, VALIDITY_LABELS } from '../../../disclosure/disclosure-item.table.ts';
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

/** The labels of the item form's fields, for the error summary. */
export const ITEM_FIELD_LABELS: Readonly<Record<string, string>> = {
  agencyId: '公开机关',
  title: '标题',
  bodyHtml: '正文',
  documentNumber: '文号',
  issuingAgency: '发布机构',
  madeOn: '成文日期',
  changedOn: '变更日期',
  article20Item: '第二十条类别',
  category: '目录分类',
  tags: '重点领域',
  channels: '发布渠道',
  newMedia: '新媒体账号',
  documentType: '文件类型',
  validity: '效力状态',
  repealedOn: '废止日期',
  _form: '提交',
};

export const ARTICLE_20_OPTIONS: Option[] = [
  { value: '', label: '其他（不属于第二十条所列）' },
  ...ARTICLE_20.map((_, i) => ({ value: String(i + 1), label: article20Label(i + 1) })),
];

const blankAnd = (labels: Readonly<Record<string, string>>, blank: string): Option[] => [
  { value: '', label: blank },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

/** The fields of an item, as the new-item and the edit pages show them. */
/** Where an item stands in the catalogue: its Art. 20 item, category and focus areas. */
export const ClassificationFields = ({
  values,
  errors,
}: {
  values: Record<string, string>;
  errors: FieldErrors;
}) => (
  <>
    <SelectField
      name="article20Item"
      label="第二十条类别"
      options={ARTICLE_20_OPTIONS}
      value={values.article20Item ?? ''}
      error={errors.article20Item}
    />
    <TextField
      name="category"
      label="目录分类"
      value={values.category}
      error={errors.category}
      hint="政府信息公开目录中的分类"
      maxLength={100}
    />
    <TextField
      name="tags"
      label="重点领域"
      value={values.tags}
      error={errors.tags}
      hint="如：低保发放，社会救助；用逗号或顿号分隔"
      maxLength={300}
    />
  </>
);

export const ItemFields = ({ values, errors }: { values: Record<string, string>; errors: FieldErrors }) => (
  <>
    <TextField name="title" label="标题" value={values.title} error={errors.title} maxLength={200} />
    <div class={errors.bodyHtml ? 'field field--error' : 'field'}>
      <label class="field__label" for="field-bodyHtml">
        正文
      </label>
      <p class="field__hint" id="field-bodyHtml-hint">
        HTML 格式，可使用段落、标题、列表、表格和链接；脚本、事件属性等不安全的内容在保存时会被去除。
      </p>
      {errors.bodyHtml ? (
        <p class="field__error" id="field-bodyHtml-error">
          <span class="visually-hidden">错误：</span>
          {errors.bodyHtml}
        </p>
      ) : null}
      <textarea
        id="field-bodyHtml"
        name="bodyHtml"
        rows={12}
        aria-invalid={errors.bodyHtml ? 'true' : undefined}
        aria-describedby={
          errors.bodyHtml ? 'field-bodyHtml-hint field-bodyHtml-error' : 'field-bodyHtml-hint'
        }
        value={values.bodyHtml ?? ''}
      />
    </div>
    <TextField
      name="documentNumber"
      label="文号"
      value={values.documentNumber}
      error={errors.documentNumber}
      hint="如：鼓政〔2024〕31号；没有文号的留空"
      maxLength={100}
    />
    <TextField
      name="issuingAgency"
      label="发布机构"
      value={values.issuingAgency}
      error={errors.issuingAgency}
      hint="文件上署名的机关；联合发文的写全"
      maxLength={100}
    />
    <TextField
      name="madeOn"
      label="成文日期"
      value={values.madeOn}
      error={errors.madeOn}
      hint="YYYY-MM-DD。自成文（或变更）之日起 20 个工作日内应当公开（《条例》第二十六条）"
      maxLength={10}
    />
    <TextField
      name="changedOn"
      label="变更日期"
      value={values.changedOn}
      error={errors.changedOn}
      hint="YYYY-MM-DD，信息发生变更时填写"
      maxLength={10}
    />
    <ClassificationFields values={values} errors={errors} />
    <CheckboxGroup
      name="channels"
      label="发布渠道"
      options={[{ value: 'portal', label: '政府门户网站' }]}
      values={values.portal === '' ? [] : ['portal']}
      error={errors.channels}
    />
    <TextField
      name="newMedia"
      label="新媒体账号"
      value={values.newMedia}
      error={errors.newMedia}
      hint="同时通过政务微博、微信公众号等发布的，写明账号名称，用逗号分隔"
      maxLength={500}
    />
    <SelectField
      name="documentType"
      label="文件类型"
      options={blankAnd(DOCUMENT_TYPE_LABELS, '其他信息（非规章、规范性文件）')}
      value={values.documentType ?? ''}
      error={errors.documentType}
    />
    <SelectField
      name="validity"
      label="效力状态"
      hint="仅规章和规范性文件填写；未选择的视为现行有效"
      options={blankAnd(VALIDITY_LABELS, '（不适用）')}
      value={values.validity ?? ''}
      error={errors.validity}
    />
    <TextField
      name="repealedOn"
      label="废止日期"
      value={values.repealedOn}
      error={errors.repealedOn}
      hint="YYYY-MM-DD，已废止的文件填写"
      maxLength={10}
    />
  </>
);

/** GET /workbench/disclosure/new: a new draft of one of the agencies the user publishes for. */
export const DisclosureNew = ({
  csrfToken,
  agencies,
  values,
  errors,
}: {
  csrfToken: string;
  agencies: readonly Option[];
  values: Record<string, string>;
  errors: FieldErrors;
}) => (
  <>
    <h1>新建主动公开信息</h1>
    <p class="lead">保存为草稿后，可上传附件、送保密审查；经审批后发布到政府门户网站。</p>
    <ErrorSummary errors={errors} labels={ITEM_FIELD_LABELS} />
    <PostForm action="/workbench/disclosure/new" csrfToken={csrfToken}>
      <SelectField
        name="agencyId"
        label="公开机关"
        required
        options={[{ value: '', label: '请选择' }, ...agencies]}
        value={values.agencyId ?? (agencies.length === 1 ? agencies[0]?.value : '')}
        error={errors.agencyId}
      />
      <ItemFields values={values} errors={errors} />
      <div class="form__buttons">
        <SubmitButton>保存草稿</SubmitButton>
        <a href="/workbench/disclosure">取消</a>
      </div>
    </PostForm>
  </>
);
