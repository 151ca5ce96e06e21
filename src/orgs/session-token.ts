import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: what the cookie carries. */
export const newToken = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of the token: a leaked table does not let anyone in. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/** Absolute lifetime of a session, and how long it may lie unused. */
export const SESSION_ABSOLUTE_MS = 8 * 60 * 60 * 1000;
export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, not on every request. */
export const SESSION_TOUCH_MS = 60 * 1000;

/** Pure: whether a session is still good at `now`. */
export function sessionAlive(session: { expiresAt: string; lastSeenAt: string }, now: Date): boolean {
  const t = now.getTime();
  return Date.parse(session.expiresAt) > t && Date.parse(session.lastSeenAt) + SESSION_IDLE_MS > t;
}
