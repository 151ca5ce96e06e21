import { PASSWORD_RULE_MESSAGE } from '../../../orgs/password-policy.ts';
import { ROLE_LABELS, ROLES } from '../../../orgs/role.ts';
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

export const USER_FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  password: '初始密码',
  agencyId: '所属机关',
  roles: '角色',
};

export const ROLE_OPTIONS: readonly Option[] = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

interface Props {
  readonly csrfToken: string;
  readonly agencies: readonly Option[];
  readonly values: Readonly<Record<string, string>>;
  readonly roles: readonly string[];
  readonly errors: FieldErrors;
}

export const NewUserForm = ({ csrfToken, agencies, values, roles, errors }: Props) => (
  <>
    <h1>新建用户</h1>
    <ErrorSummary errors={errors} labels={USER_FIELD_LABELS} />
    <PostForm action="/workbench/users" csrfToken={csrfToken}>
      <TextField
        name="username"
        label="用户名"
        hint="登录用，3–40 个字符：英文字母、数字、点、下划线或连字符"
        value={values.username}
        error={errors.username}
        autocomplete="off"
        required
      />
      <TextField
        name="displayName"
        label="姓名"
        value={values.displayName}
        error={errors.displayName}
        required
      />
      <TextField
        name="password"
        label="初始密码"
        type="password"
        hint={`${PASSWORD_RULE_MESSAGE}。请通过安全渠道告知本人，并提醒其登录后修改。`}
        error={errors.password}
        autocomplete="new-password"
        required
      />
      <SelectField
        name="agencyId"
        label="所属机关"
        options={agencies}
        value={values.agencyId}
        error={errors.agencyId}
        required
      />
      <CheckboxGroup
        name="roles"
        label="角色"
        hint="角色适用于所属机关及其下级机关。"
        options={ROLE_OPTIONS}
        values={roles}
        error={errors.roles}
      />
      <div class="actions">
        <SubmitButton>新建用户</SubmitButton>
        <a href="/workbench/users">返回用户列表</a>
      </div>
    </PostForm>
  </>
);
