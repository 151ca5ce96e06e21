import type { UserView } from '../../presenters/user.presenter.ts';
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
} from '../components/form.tsx';
import { ROLE_OPTIONS } from './user-new.tsx';

interface Props {
  readonly user: UserView;
  readonly csrfToken: string;
  readonly isSelf: boolean;
  readonly notice?: string | undefined;
  readonly errors?: FieldErrors | undefined;
  /** Shown once, right after a reset. */
  readonly newPassword?: string | undefined;
}

export const UserDetail = ({ user, csrfToken, isSelf, notice, errors = {}, newPassword }: Props) => (
  <>
    <h1>用户：{user.displayName}</h1>
    {notice ? <Notice>{notice}</Notice> : null}
    {newPassword ? (
      <div class="notice" role="status">
        <p>
          新密码：<span class="secret">{newPassword}</span>
        </p>
        <p>
          此密码只显示这一次。请通过安全渠道告知本人，并提醒其登录后立即修改。该用户原有的登录已全部退出。
        </p>
      </div>
    ) : null}
    <ErrorSummary errors={errors} labels={{ roles: '角色' }} />
    <dl class="facts">
      <dt>用户名</dt>
      <dd>{user.username}</dd>
      <dt>姓名</dt>
      <dd>{user.displayName}</dd>
      <dt>所属机关</dt>
      <dd>{user.agencyName}</dd>
      <dt>状态</dt>
      <dd>{user.status}</dd>
      <dt>角色</dt>
      <dd>{user.roleLabels.length > 0 ? user.roleLabels.join('、') : '无'}</dd>
    </dl>

    {isSelf ? (
      <p class="muted">
        不能在此调整自己的角色、停用自己的账户或重置自己的密码；修改自己的密码请使用“修改密码”。
      </p>
    ) : (
      <AccountForms user={user} csrfToken={csrfToken} errors={errors} />
    )}
    <p>
      <a href="/workbench/users">返回用户列表</a>
    </p>
  </>
);

const AccountForms = ({
  user,
  csrfToken,
  errors,
}: {
  user: UserView;
  csrfToken: string;
  errors: FieldErrors;
}) => (
  <>
    <h2>角色</h2>
    <PostForm action={`/workbench/users/${user.id}/roles`} csrfToken={csrfToken}>
      <CheckboxGroup
        name="roles"
        label={`在${user.agencyName}（含下级机关）的角色`}
        options={ROLE_OPTIONS}
        values={user.ownRoles}
        error={errors.roles}
      />
      <SubmitButton>保存角色</SubmitButton>
    </PostForm>

    <h2>账户</h2>
    <div class="actions">
      <PostForm action={`/workbench/users/${user.id}/active`} csrfToken={csrfToken} class="inline-form">
        <input type="hidden" name="active" value={user.active ? '0' : '1'} />
        <SubmitButton quiet>{user.active ? '停用账户' : '启用账户'}</SubmitButton>
      </PostForm>
      <PostForm
        action={`/workbench/users/${user.id}/password-reset`}
        csrfToken={csrfToken}
        class="inline-form"
      >
        <SubmitButton quiet>重置为随机密码</SubmitButton>
      </PostForm>
    </div>
  </>
);
