/**
 * The password rule, pure: at least 10 characters with both letters and digits, at most 128
 * (argon2 hashes whatever it is given; a cap keeps a login request cheap).
 */
export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 128;
export const PASSWORD_RULE_MESSAGE = `密码至少 ${PASSWORD_MIN_LENGTH} 位，且须同时包含字母和数字`;

/** null when the password is acceptable, otherwise the reason in Chinese. */
export function passwordProblem(password: string): string | null {
  if (password.length > PASSWORD_MAX_LENGTH) return `密码不能超过 ${PASSWORD_MAX_LENGTH} 位`;
  if (password.length < PASSWORD_MIN_LENGTH) return PASSWORD_RULE_MESSAGE;
  if (!/\p{L}/u.test(password) || !/\d/.test(password)) return PASSWORD_RULE_MESSAGE;
  return null;
}
