import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { loadPrincipal } from './load-principal.ts';
import type { Principal } from './policy.ts';
import { hashToken, SESSION_TOUCH_MS, sessionAlive } from './session-token.ts';
import { findUser } from './user.repository.ts';
import type { User } from './user.table.ts';

export interface FoundSession {
  /** The stored id (the token's hash): pass it as keepSessionId to keep this session. */
  sessionId: string;
  csrfToken: string;
  user: User;
  principal: Principal;
}

/**
 * The live session of this token, or null: unknown, past 8 hours, idle for 2, or its user
 * deactivated (a dead session is deleted). last_seen_at moves at most once a minute.
 */
export async function findSession(db: Kysely<DB>, token: string, now: Date): Promise<FoundSession | null> {
  if (token === '' || token.length > 200) return null;
  const id = hashToken(token);
  const session = await db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'csrf_token', 'last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (session === undefined) return null;
  const user = await findUser(db, session.user_id);
  if (
    user === null ||
    !user.active ||
    !sessionAlive({ expiresAt: session.expires_at, lastSeenAt: session.last_seen_at }, now)
  ) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - Date.parse(session.last_seen_at) >= SESSION_TOUCH_MS) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  return { sessionId: id, csrfToken: session.csrf_token, user, principal: await loadPrincipal(db, user.id) };
}
