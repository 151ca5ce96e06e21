/**
 * Lockout rule, pure: after MAX_FAILED_LOGINS wrong passwords in a row the account is
 * locked for LOCK_MINUTES; a successful login resets the count. The count lives in the
 * users row, so every app process sees the same one.
 */
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;

export const lockedUntilAfter = (now: Date): string =>
  new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();

/** True while `lockedUntil` is in the future. ISO-8601 UTC strings compare as instants. */
export const isLocked = (lockedUntil: string | null, now: Date): boolean =>
  lockedUntil !== null && lockedUntil > now.toISOString();
