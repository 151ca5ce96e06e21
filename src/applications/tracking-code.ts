import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/**
 * An applicant follows an application with its tracking number and a secret code. The code
 * is a random token of 128 bits, stored as its SHA-256 only: argon2 is for passwords people
 * choose, and would cap online submissions at a few dozen a second.
 */
export const newSecretCode = (): string => randomBytes(16).toString('base64url');

export const hashSecretCode = (code: string): string =>
  createHash('sha256').update(code.trim()).digest('hex');

export const secretMatches = (code: string, hash: string): boolean => {
  const a = Buffer.from(hashSecretCode(code), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
};

/** 'GK' + the receipt date + eight random digits: says nothing of how many came before. */
export const newTrackingNumber = (receivedOn: string): string =>
  `GK${receivedOn.replaceAll('-', '')}${String(randomInt(0, 100_000_000)).padStart(8, '0')}`;
