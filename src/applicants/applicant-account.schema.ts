import { z } from 'zod';
import { newPasswordSchema } from '../orgs/user.schema.ts';
import { normaliseLogin } from './applicant-login.ts';

/** A login as typed → its normalised form; the message names what is wrong. */
export const loginSchema = z
  .string({ required_error: '请填写手机号码或电子邮箱', invalid_type_error: '请填写手机号码或电子邮箱' })
  .transform((value, ctx) => {
    const result = normaliseLogin(value);
    if (result.ok) return result.login;
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: result.message });
    return z.NEVER;
  });

export const applicantNameSchema = z
  .string({ required_error: '请填写姓名或名称', invalid_type_error: '请填写姓名或名称' })
  .trim()
  .min(1, '请填写姓名或名称')
  .max(100, '姓名或名称不能超过 100 个字');

/** Registration: the password rule is the staff one (src/orgs/password-policy.ts). */
export const registerApplicantSchema = z.object({
  login: loginSchema,
  displayName: applicantNameSchema,
  password: newPasswordSchema,
});

export type RegisterApplicantInput = z.output<typeof registerApplicantSchema>;
