import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Cookie of the anonymous forms' double-submit token: a random value, never a session. */
export const CSRF_COOKIE = 'gk_csrf';

/** Compares two tokens in constant time; false for anything that is not a non-empty string. */
export const sameToken = (given: unknown, expected: string): boolean => {
  if (typeof given !== 'string' || given === '' || expected === '') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

/**
 * Signed double-submit tokens for forms shown to people who are not logged in (the login
 * form, the public application form): the cookie holds a random nonce, the form holds
 * HMAC(secret, nonce). A site that can plant a cookie still cannot make the matching token.
 */
export class AnonymousCsrf {
  readonly #secret: Buffer;

  constructor(secret: string | undefined) {
    this.#secret = secret === undefined ? randomBytes(32) : Buffer.from(secret);
  }

  newNonce(): string {
    return randomBytes(24).toString('base64url');
  }

  isNonce(value: unknown): value is string {
    return typeof value === 'string' && /^[A-Za-z0-9_-]{32}$/.test(value);
  }

  tokenFor(nonce: string): string {
    return createHmac('sha256', this.#secret).update(`gongkai-csrf:${nonce}`).digest('base64url');
  }

  verify(nonce: unknown, token: unknown): boolean {
    return this.isNonce(nonce) && sameToken(token, this.tokenFor(nonce));
  }
}
