import type { FieldErrors } from '../components/form.tsx';
import { LoginForm } from '../components/login-form.tsx';

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
export const ApplicantLoginPage = ({ login, ...props }: Props) => (
  <LoginForm
    heading="登录“我的申请”"
    action="/account/login"
    account={{ name: 'login', label: '手机号码或电子邮箱', maxLength: 254, value: login }}
    {...props}
  >
    <p>
      还没有账户？<a href="/account/register">注册</a>。申请政府信息公开无需注册，也可凭申请编号和查询码
      <a href="/track">查询办理进度</a>。
    </p>
    <p class="muted">
      本页面供申请人使用。机关工作人员请从<a href="/workbench/login">工作人员登录</a>进入工作台。
    </p>
  </LoginForm>
);
