import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

interface Props {
  readonly csrfToken: string;
  readonly username: string;
  readonly next: string;
  readonly errors: FieldErrors;
  /** Why the last attempt failed (wrong password, locked, deactivated). */
  readonly failure?: string | undefined;
  readonly loggedOut?: boolean | undefined;
}

const LABELS = { username: '用户名', password: '密码' };

export const LoginPage = ({ csrfToken, username, next, errors, failure, loggedOut }: Props) => (
  <>
    <h1>工作人员登录</h1>
    {loggedOut ? <Notice>您已安全退出登录。</Notice> : null}
    {failure ? (
      <div class="error-summary" role="alert" tabindex={-1}>
        <h2>登录未成功</h2>
        <p>{failure}</p>
      </div>
    ) : null}
    <ErrorSummary errors={errors} labels={LABELS} />
    <PostForm action="/workbench/login" csrfToken={csrfToken}>
      <input type="hidden" name="next" value={next} />
      <TextField
        name="username"
        label={LABELS.username}
        value={username}
        error={errors.username}
        autocomplete="username"
        required
        maxLength={40}
      />
      <TextField
        name="password"
        label={LABELS.password}
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
    <p class="muted">本系统仅供政府信息公开工作人员使用。忘记密码请联系本机关的系统管理员重置。</p>
  </>
);
