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
  /** The agency's other pages (its catalogue, guide, registers), on the edit page. */
  readonly links?: readonly { readonly href: string; readonly label: string }[];
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
    {props.links && props.links.length > 0 ? (
      <nav aria-label="本机关的公开工作">
        <ul class="actions">
          {props.links.map((l) => (
            <li key={l.href}>
              <a href={l.href}>{l.label}</a>
            </li>
          ))}
        </ul>
      </nav>
    ) : null}
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
      <h2 class="form-section">依申请公开办理规则</h2>
      <div class="form-grid">
        <SelectField
          name="decisionsNeedApproval"
          label={AGENCY_FIELD_LABELS.decisionsNeedApproval ?? ''}
          value={props.values.decisionsNeedApproval ?? '0'}
          error={props.errors.decisionsNeedApproval}
          hint="是：承办人的拟办意见经负责人审批后才作出答复决定"
          options={[
            { value: '0', label: '否' },
            { value: '1', label: '是' },
          ]}
        />
        <SelectField
          name="feePausesClock"
          label={AGENCY_FIELD_LABELS.feePausesClock ?? ''}
          value={props.values.feePausesClock ?? '1'}
          error={props.errors.feePausesClock}
          hint="按《政府信息公开信息处理费管理办法》，自申请人收到收费通知至缴费之日不计入（默认）"
          options={[
            { value: '1', label: '是（不计入）' },
            { value: '0', label: '否（照常计算）' },
          ]}
        />
      </div>
      <div class="actions">
        <SubmitButton>{props.submitLabel}</SubmitButton>
        <a href="/workbench/agencies">返回机关列表</a>
      </div>
    </PostForm>
  </>
);
