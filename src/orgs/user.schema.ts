import { z } from 'zod';
import { passwordProblem } from './password-policy.ts';
import { ROLES } from './role.ts';

export const usernameSchema = z
  .string({ required_error: '用户名不能为空', invalid_type_error: '用户名应为文字' })
  .trim()
  .toLowerCase()
  .min(3, '用户名至少 3 个字符')
  .max(40, '用户名不能超过 40 个字符')
  .regex(/^[a-z0-9][a-z0-9._-]*$/, '用户名只能包含英文字母、数字、点、下划线和连字符，并以字母或数字开头');

export const displayNameSchema = z
  .string({ required_error: '姓名不能为空', invalid_type_error: '姓名应为文字' })
  .trim()
  .min(1, '姓名不能为空')
  .max(50, '姓名不能超过 50 个字');

/** A new password: the policy's message names what is missing. */
export const newPasswordSchema = z
  .string({ required_error: '密码不能为空', invalid_type_error: '密码应为文字' })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem !== null) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
  });

export const agencyIdSchema = z
  .number({ required_error: '所属机关不能为空', invalid_type_error: '所属机关应为机关编号' })
  .int('所属机关应为机关编号')
  .positive('所属机关应为机关编号');

export const roleGrantSchema = z.object({
  agencyId: agencyIdSchema,
  role: z.enum(ROLES, {
    errorMap: () => ({ message: '角色不正确，应为管理员、登记员、承办人、负责人、发布员或查看者' }),
  }),
});

export const createUserSchema = z.object({
  username: usernameSchema,
  displayName: displayNameSchema,
  password: newPasswordSchema,
  agencyId: agencyIdSchema,
  roles: z.array(roleGrantSchema).max(50, '角色太多').default([]),
});

export const changePasswordSchema = z.object({
  currentPassword: z.string({ required_error: '请输入当前密码' }).min(1, '请输入当前密码'),
  newPassword: newPasswordSchema,
});

export type CreateUserInput = z.input<typeof createUserSchema>;
