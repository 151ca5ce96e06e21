import type { ComponentChildren } from 'preact';

/** A form's problems, one Chinese sentence per field name. */
export type FieldErrors = Readonly<Record<string, string>>;

export const fieldId = (name: string): string => `field-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`;

const describedBy = (name: string, hint: unknown, error: unknown): string | undefined => {
  const ids = [hint ? `${fieldId(name)}-hint` : '', error ? `${fieldId(name)}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
};

/** '机关名称：不能为空', but not '机关名称：机关名称不能为空' when the message names its field. */
const summaryLine = (label: string, message: string): string =>
  message.startsWith(label) ? message : `${label}：${message}`;

/**
 * The list of problems at the top of a form: announced by screen readers on load, and each
 * item links to its field.
 */
export const ErrorSummary = ({
  errors,
  labels,
}: {
  errors: FieldErrors;
  labels: Readonly<Record<string, string>>;
}) => {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">提交的内容有 {entries.length} 处需要修改</h2>
      <ul>
        {entries.map(([name, message]) => (
          <li key={name}>
            {labels[name] ? <a href={`#${fieldId(name)}`}>{summaryLine(labels[name], message)}</a> : message}
          </li>
        ))}
      </ul>
    </div>
  );
};

interface FieldShell {
  readonly name: string;
  readonly label: string;
  readonly hint?: string | undefined;
  readonly error?: string | undefined;
  readonly required?: boolean | undefined;
}

const Label = ({ name, label, required }: FieldShell) => (
  <label class="field__label" for={fieldId(name)}>
    {label}
    {required ? <span class="field__required">（必填）</span> : null}
  </label>
);

const HintAndError = ({ name, hint, error }: FieldShell) => (
  <>
    {hint ? (
      <p class="field__hint" id={`${fieldId(name)}-hint`}>
        {hint}
      </p>
    ) : null}
    {error ? (
      <p class="field__error" id={`${fieldId(name)}-error`}>
        <span class="visually-hidden">错误：</span>
        {error}
      </p>
    ) : null}
  </>
);

export interface TextFieldProps extends FieldShell {
  readonly value?: string | undefined;
  readonly type?: 'text' | 'password' | 'email' | 'tel' | 'url' | undefined;
  readonly autocomplete?: string | undefined;
  readonly maxLength?: number | undefined;
  readonly multiline?: boolean | undefined;
}

export const TextField = (props: TextFieldProps) => {
  const { name, value, type = 'text', autocomplete, maxLength, required, error, hint, multiline } = props;
  const common = {
    id: fieldId(name),
    name,
    required,
    maxLength,
    'aria-invalid': error ? ('true' as const) : undefined,
    'aria-describedby': describedBy(name, hint, error),
  };
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <Label {...props} />
      <HintAndError {...props} />
      {multiline ? (
        <textarea {...common} rows={4} value={value ?? ''} />
      ) : type === 'password' ? (
        // A password is never sent back into the page.
        <input {...common} type="password" value="" autocomplete={autocomplete} />
      ) : (
        // text, email, tel and url inputs share every attribute used here; preact's types
        // discriminate them one by one, so the union is named by one of its members.
        <input {...common} type={type as 'text'} value={value ?? ''} autocomplete={autocomplete} />
      )}
    </div>
  );
};

export interface Option {
  readonly value: string;
  readonly label: string;
}

export const SelectField = (
  props: FieldShell & { options: readonly Option[]; value?: string | undefined },
) => {
  const { name, options, value, error, hint, required } = props;
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <Label {...props} />
      <HintAndError {...props} />
      <select
        id={fieldId(name)}
        name={name}
        required={required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, hint, error)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
};

export const CheckboxGroup = (
  props: FieldShell & { options: readonly Option[]; values: readonly string[] },
) => {
  const { name, label, options, values, error, hint } = props;
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      id={fieldId(name)}
      aria-describedby={describedBy(name, hint, error)}
    >
      <legend class="field__label">{label}</legend>
      <HintAndError {...props} />
      <div class="checkboxes">
        {options.map((o) => (
          <label class="checkbox" key={o.value}>
            <input type="checkbox" name={name} value={o.value} checked={values.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
};

/** A POST form with its CSRF token. Every state-changing form of the site is one of these. */
export const PostForm = ({
  action,
  csrfToken,
  children,
  class: className,
}: {
  action: string;
  csrfToken: string;
  children: ComponentChildren;
  class?: string;
}) => (
  <form method="post" action={action} class={className ?? 'form'} noValidate>
    <input type="hidden" name="_csrf" value={csrfToken} />
    {children}
  </form>
);

export const SubmitButton = ({ children, quiet }: { children: ComponentChildren; quiet?: boolean }) => (
  <button type="submit" class={quiet ? 'button button--quiet' : 'button'}>
    {children}
  </button>
);

/** A one-line confirmation after a successful action. */
export const Notice = ({ children }: { children: ComponentChildren }) => (
  <div class="notice" role="status">
    {children}
  </div>
);
