import { maskPhone } from '../privacy/mask.ts';

/**
 * An applicant logs in with a mobile number or an e-mail address. Both are normalised before
 * they are stored or looked up, so that '138 1234 5678', '+86 13812345678' and '13812345678'
 * are one account, and so are 'Zhang@Example.CN' and 'zhang@example.cn'.
 */
export type LoginKind = 'mobile' | 'email';

const MOBILE = /^1[3-9]\d{9}$/;
// Deliberately plain: one @, no spaces, a dot in the domain. The address is a login, not a mailbox we write to.
const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
export const LOGIN_MAX_LENGTH = 254;

export type NormalisedLogin =
  | { readonly ok: true; readonly login: string; readonly kind: LoginKind }
  | { readonly ok: false; readonly message: string };

/** The stored form of a login, or why it is not one, in Chinese. */
export function normaliseLogin(raw: string): NormalisedLogin {
  const value = raw.normalize('NFKC').trim();
  if (value === '') return { ok: false, message: '请填写手机号码或电子邮箱' };
  if (value.length > LOGIN_MAX_LENGTH) return { ok: false, message: '手机号码或电子邮箱过长' };
  if (value.includes('@')) {
    const email = value.toLowerCase();
    return EMAIL.test(email)
      ? { ok: true, login: email, kind: 'email' }
      : { ok: false, message: '电子邮箱格式不正确，例如 zhangsan@example.cn' };
  }
  const digits = value.replace(/[\s()-]/g, '').replace(/^(?:\+86|0086|86)(?=\d{11}$)/, '');
  if (!/^\+?\d+$/.test(digits)) return { ok: false, message: '请填写手机号码或电子邮箱' };
  return MOBILE.test(digits)
    ? { ok: true, login: digits, kind: 'mobile' }
    : { ok: false, message: '手机号码应为 11 位数字，以 1 开头，例如 13812345678' };
}

export const isMobileLogin = (login: string): boolean => MOBILE.test(login);

/** For logs and the audit trail: '138****5678', 'z***@example.cn'. */
export function maskLogin(login: string): string {
  const at = login.lastIndexOf('@');
  if (at < 0) return maskPhone(login);
  return `${login.slice(0, 1)}***${login.slice(at)}`;
}

/** How an applicant is named in the audit log: never the login in clear. */
export const applicantActorLabel = (login: string): string => `公众用户（${maskLogin(login)}）`;
