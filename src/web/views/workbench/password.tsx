import { PASSWORD_RULE_MESSAGE } from '../../../orgs/password-policy.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

export const PASSWORD_LABELS = {
  currentPassword: '当前密码',
  newPassword: '新密码',
  confirmPassword: '再次输入新密码',
};

interface Props {
  readonly csrfToken: string;
  readonly errors: FieldErrors;
  readonly changed?: boolean;
}

export const PasswordPage = ({ csrfToken, errors, changed }: Props) => (
  <>
    <h1>修改密码</h1>
    {changed ? <Notice>密码已修改。您在其他设备或浏览器上的登录已全部退出。</Notice> : null}
    <ErrorSummary errors={errors} labels={PASSWORD_LABELS} />
    <PostForm action="/workbench/password" csrfToken={csrfToken}>
      <TextField
        name="currentPassword"
        label={PASSWORD_LABELS.currentPassword}
        type="password"
        autocomplete="current-password"
        error={errors.currentPassword}
        required
      />
      <TextField
        name="newPassword"
        label={PASSWORD_LABELS.newPassword}
        type="password"
        autocomplete="new-password"
        hint={PASSWORD_RULE_MESSAGE}
        error={errors.newPassword}
        required
      />
      <TextField
        name="confirmPassword"
        label={PASSWORD_LABELS.confirmPassword}
        type="password"
        autocomplete="new-password"
        error={errors.confirmPassword}
        required
      />
      <div class="actions">
        <SubmitButton>修改密码</SubmitButton>
      </div>
    </PostForm>
  </>
);
