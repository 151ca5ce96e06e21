import { PASSWORD_RULE_MESSAGE } from '../../../orgs/password-policy.ts';
import { ErrorSummary, type FieldErrors, PostForm, SubmitButton, TextField } from '../components/form.tsx';

export const REGISTER_LABELS: Readonly<Record<string, string>> = {
  login: '手机号码或电子邮箱',
  displayName: '姓名或名称',
  password: '密码',
  confirmPassword: '再次输入密码',
};

interface Props {
  readonly csrfToken: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

/** Opening an optional account: applying needs none. */
export const ApplicantRegisterPage = ({ csrfToken, values, errors }: Props) => (
  <>
    <h1>注册账户</h1>
    <p class="lead">
      申请政府信息公开<strong>无需注册</strong>
      ：不登录也可以在线申请，凭申请编号和查询码查询进度。注册后，您在登录状态下提交的申请会自动保存到“我的申请”，以前提交的申请也可以凭申请编号和查询码添加进来。
    </p>
    <ErrorSummary errors={errors} labels={REGISTER_LABELS} />
    <PostForm action="/account/register" csrfToken={csrfToken}>
      <TextField
        name="login"
        label={REGISTER_LABELS.login ?? ''}
        value={values.login}
        hint="用于登录。手机号码为 11 位数字，例如 13812345678。"
        error={errors.login}
        autocomplete="username"
        required
        maxLength={254}
      />
      <TextField
        name="displayName"
        label={REGISTER_LABELS.displayName ?? ''}
        value={values.displayName}
        hint="在线申请时将自动填入申请人姓名，可以修改。"
        error={errors.displayName}
        autocomplete="name"
        required
        maxLength={100}
      />
      <TextField
        name="password"
        label={REGISTER_LABELS.password ?? ''}
        type="password"
        hint={PASSWORD_RULE_MESSAGE}
        error={errors.password}
        autocomplete="new-password"
        required
        maxLength={128}
      />
      <TextField
        name="confirmPassword"
        label={REGISTER_LABELS.confirmPassword ?? ''}
        type="password"
        error={errors.confirmPassword}
        autocomplete="new-password"
        required
        maxLength={128}
      />
      <div class="actions">
        <SubmitButton>注册并登录</SubmitButton>
      </div>
    </PostForm>
    <p>
      已有账户？<a href="/account/login">登录</a>
    </p>
  </>
);
