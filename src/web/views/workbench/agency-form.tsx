import { AGENCY_FIELD_LABELS } from '../../../orgs/agency-fields.ts';
import {
  AGENCY_KIND_LABELS,
  AGENCY_KINDS,
  AGENCY_LEVEL_LABELS,
  AGENCY_LEVELS,
} from '../../../orgs/agency-kind.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

const CONTACT_HINTS: Record<string, string> = {
  'contact.phone': '例如 0371-23798902',
  'contact.officeHours': '例如 法定工作日 上午8:30—12:00，下午14:30—17:30',
  'contact.website': '以 http:// 或 https:// 开头',
};

interface Props {
  readonly heading: string;
  readonly action: string;
  readonly csrfToken: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly notice?: string | undefined;
  readonly submitLabel: string;
}

const text = (
  props: Props,
  name: string,
  extra: { required?: boolean; type?: 'email' | 'tel' | 'url' } = {},
) => (
  <TextField
    name={name}
    label={AGENCY_FIELD_LABELS[name] ?? name}
    value={props.values[name]}
    error={props.errors[name]}
    hint={CONTACT_HINTS[name]}
    {...extra}
  />
);

export const AgencyForm = (props: Props) => (
  <>
    <h1>{props.heading}</h1>
    {props.notice ? <Notice>{props.notice}</Notice> : null}
    <ErrorSummary errors={props.errors} labels={AGENCY_FIELD_LABELS} />
    <PostForm action={props.action} csrfToken={props.csrfToken} class="form form--wide">
      {text(props, 'name', { required: true })}
      <div class="form-grid">
        {text(props, 'shortName')}
        <SelectField
          name="kind"
          label="机关类型"
          required
          value={props.values.kind}
          error={props.errors.kind}
          options={AGENCY_KINDS.map((k) => ({ value: k, label: AGENCY_KIND_LABELS[k] }))}
        />
        <SelectField
          name="level"
          label="行政层级"
          required
          value={props.values.level}
          error={props.errors.level}
          options={AGENCY_LEVELS.map((l) => ({ value: l, label: AGENCY_LEVEL_LABELS[l] }))}
        />
      </div>
      <h2 class="form-section">政府信息公开工作机构</h2>
      <p class="muted">这些信息会出现在门户的政府信息公开指南和每个页面的页脚中。</p>
      {text(props, 'contact.officeName')}
      {text(props, 'contact.address')}
      <div class="form-grid">
        {text(props, 'contact.postcode')}
        {text(props, 'contact.phone', { type: 'tel' })}
        {text(props, 'contact.fax', { type: 'tel' })}
        {text(props, 'contact.email', { type: 'email' })}
      </div>
      {text(props, 'contact.officeHours')}
      {text(props, 'contact.website', { type: 'url' })}
      <div class="actions">
        <SubmitButton>{props.submitLabel}</SubmitButton>
        <a href="/workbench/agencies">返回机关列表</a>
      </div>
    </PostForm>
  </>
);
