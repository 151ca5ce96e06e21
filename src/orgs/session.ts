import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { hashToken, newToken, SESSION_ABSOLUTE_MS } from './session-token.ts';
import { getUser } from './user.repository.ts';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface CreateSessionOptions {
  userId: number;
  ip?: string | null;
  userAgent?: string | null;
  now: Date;
}

/** Starts a session (a login): only the token's SHA-256 is stored; the token goes to the cookie. */
export async function createSession(db: Kysely<DB>, options: CreateSessionOptions): Promise<NewSession> {
  const token = newToken();
  const csrfToken = newToken();
  const now = options.now.toISOString();
  const expiresAt = new Date(options.now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await withTransaction(db, async (trx) => {
    const user = await getUser(trx, options.userId);
    await trx
      .insertInto('sessions')
      .values({
        id: hashToken(token),
        user_id: user.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: options.ip ?? null,
        user_agent: options.userAgent?.slice(0, 500) ?? null,
      })
      .execute();
    const actor: Actor = {
      userId: user.id,
      label: user.displayName,
      ...(options.ip ? { ip: options.ip } : {}),
    };
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(actor),
      action: 'user.login',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agencyId,
    });
  });
  return { token, csrfToken, expiresAt };
}

/** Ends the session of this token (a logout); nothing happens for an unknown token. */
export async function deleteSession(db: Kysely<DB>, token: string, now: Date = new Date()): Promise<void> {
  await withTransaction(db, async (trx) => {
    const session = await trx
      .deleteFrom('sessions')
      .where('id', '=', hashToken(token))
      .returning(['user_id', 'ip'])
      .executeTakeFirst();
    if (session === undefined) return;
    const user = await getUser(trx, session.user_id);
    await recordAudit(trx, {
      at: now,
      actorUserId: user.id,
      actorLabel: user.displayName,
      ip: session.ip,
      action: 'user.logout',
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agencyId,
    });
  });
}

/** Ends every session of a user (password reset, deactivation), except `keepSessionId` if given. */
export async function deleteUserSessions(
  db: Kysely<DB>,
  userId: number,
  options: { keepSessionId?: string } = {},
): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (options.keepSessionId !== undefined) query = query.where('id', '!=', options.keepSessionId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Housekeeping: removes sessions past their absolute expiry. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
