import type { FieldErrors } from '../components/form.tsx';
import { LoginForm } from '../components/login-form.tsx';

interface Props {
  readonly csrfToken: string;
  readonly username: string;
  readonly next: string;
  readonly errors: FieldErrors;
  /** Why the last attempt failed (wrong password, locked, deactivated). */
  readonly failure?: string | undefined;
  readonly loggedOut?: boolean | undefined;
}

export const LoginPage = ({ username, ...props }: Props) => (
  <LoginForm
    heading="工作人员登录"
    action="/workbench/login"
    account={{ name: 'username', label: '用户名', maxLength: 40, value: username }}
    {...props}
  >
    <p class="muted">本系统仅供政府信息公开工作人员使用。忘记密码请联系本机关的系统管理员重置。</p>
  </LoginForm>
);
