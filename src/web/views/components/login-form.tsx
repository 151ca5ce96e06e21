import type { ComponentChildren } from 'preact';
import { ErrorSummary, type FieldErrors, Notice, PostForm, SubmitButton, TextField } from './form.tsx';

interface Props {
  readonly heading: string;
  readonly action: string;
  readonly csrfToken: string;
  /** The account field: its name in the form, its label, its longest value, what was typed. */
  readonly account: {
    readonly name: string;
    readonly label: string;
    readonly maxLength: number;
    readonly value: string;
  };
  readonly next: string;
  readonly errors: FieldErrors;
  /** Why the last attempt failed (wrong password, locked, deactivated). */
  readonly failure?: string | undefined;
  readonly loggedOut?: boolean | undefined;
  /** What follows the form: where else to go. */
  readonly children?: ComponentChildren;
}

/** A login page: the staff's and the applicant's differ only in their account field and their links. */
export const LoginForm = ({
  heading,
  action,
  csrfToken,
  account,
  next,
  errors,
  failure,
  loggedOut,
  children,
}: Props) => {
  const labels = { [account.name]: account.label, password: '密码' };
  return (
    <>
      <h1>{heading}</h1>
      {loggedOut ? <Notice>您已安全退出登录。</Notice> : null}
      {failure ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>登录未成功</h2>
          <p>{failure}</p>
        </div>
      ) : null}
      <ErrorSummary errors={errors} labels={labels} />
      <PostForm action={action} csrfToken={csrfToken}>
        <input type="hidden" name="next" value={next} />
        <TextField
          name={account.name}
          label={account.label}
          value={account.value}
          error={errors[account.name]}
          autocomplete="username"
          required
          maxLength={account.maxLength}
        />
        <TextField
          name="password"
          label="密码"
          type="password"
          error={errors.password}
          autocomplete="current-password"
          required
          maxLength={128}
        />
        <div class="actions">
          <SubmitButton>登录</SubmitButton>
        </div>
      </PostForm>
      {children}
    </>
  );
};
