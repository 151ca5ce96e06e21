import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

const LABELS = { login: '手机号码或电子邮箱', password: '密码' };

interface Props {
  readonly csrfToken: string;
  readonly login: string;
  readonly next: string;
  readonly errors: FieldErrors;
  /** Why the last attempt failed (wrong password, locked). */
  readonly failure?: string | undefined;
  readonly loggedOut?: boolean | undefined;
}

/** The applicant's login: a separate account from the staff's (工作人员登录 is on the workbench). */
export const ApplicantLoginPage = ({ csrfToken, login, next, errors, failure, loggedOut }: Props) => (
  <>
    <h1>登录“我的申请”</h1>
    {loggedOut ? <Notice>您已安全退出登录。</Notice> : null}
    {failure ? (
      <div class="error-summary" role="alert" tabindex={-1}>
        <h2>登录未成功</h2>
        <p>{failure}</p>
      </div>
    ) : null}
    <ErrorSummary errors={errors} labels={LABELS} />
    <PostForm action="/account/login" csrfToken={csrfToken}>
      <input type="hidden" name="next" value={next} />
      <TextField
        name="login"
        label={LABELS.login}
        value={login}
        error={errors.login}
        autocomplete="username"
        required
        maxLength={254}
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
    <p>
      还没有账户？<a href="/account/register">注册</a>。申请政府信息公开无需注册，也可凭申请编号和查询码
      <a href="/track">查询办理进度</a>。
    </p>
    <p class="muted">
      本页面供申请人使用。机关工作人员请从<a href="/workbench/login">工作人员登录</a>进入工作台。
    </p>
  </>
);
