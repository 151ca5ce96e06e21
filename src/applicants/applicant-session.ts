import type { Kysely } from 'kysely';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import {
  hashToken,
  newToken,
  SESSION_ABSOLUTE_MS,
  SESSION_TOUCH_MS,
  sessionAlive,
} from '../orgs/session-token.ts';
import { type ApplicantAccount, findApplicantAccount } from './applicant-account.repository.ts';
import { applicantActorLabel } from './applicant-login.ts';

/**
 * An applicant's sessions: the staff sessions' rules (src/orgs/session.ts) in their own table,
 * so that a staff token never opens an applicant's pages and an applicant's never the workbench.
 */
export interface NewApplicantSession {
  readonly token: string;
  readonly csrfToken: string;
  readonly expiresAt: string;
}

export interface FoundApplicantSession {
  /** The stored id (the token's hash). */
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly account: ApplicantAccount;
}

export interface CreateApplicantSessionOptions {
  readonly accountId: number;
  readonly now: Date;
  readonly ip?: string | null;
  readonly userAgent?: string | null;
}

/** Starts a session (a login): only the token's SHA-256 is stored; the token goes to the cookie. */
export async function createApplicantSession(
  db: Kysely<DB>,
  options: CreateApplicantSessionOptions,
): Promise<NewApplicantSession> {
  const token = newToken();
  const csrfToken = newToken();
  const now = options.now.toISOString();
  const expiresAt = new Date(options.now.getTime() + SESSION_ABSOLUTE_MS).toISOString();
  await withTransaction(db, async (trx) => {
    const account = await findApplicantAccount(trx, options.accountId);
    if (account === null) throw new AppError('NOT_FOUND', '账户不存在');
    await trx
      .insertInto('applicant_sessions')
      .values({
        id: hashToken(token),
        account_id: account.id,
        csrf_token: csrfToken,
        created_at: now,
        last_seen_at: now,
        expires_at: expiresAt,
        ip: options.ip ?? null,
        user_agent: options.userAgent?.slice(0, 500) ?? null,
      })
      .execute();
    await recordAudit(trx, {
      at: options.now,
      actorUserId: null,
      actorLabel: applicantActorLabel(account.login),
      action: 'applicant.login',
      entityType: 'applicant_account',
      entityId: account.id,
      agencyId: null,
      ip: options.ip ?? null,
    });
  });
  return { token, csrfToken, expiresAt };
}

/**
 * The live session of this token, or null: unknown, past 8 hours or idle for 2 (a dead
 * session is deleted). last_seen_at moves at most once a minute.
 */
export async function findApplicantSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
): Promise<FoundApplicantSession | null> {
  if (token === '' || token.length > 200) return null;
  const id = hashToken(token);
  const session = await db
    .selectFrom('applicant_sessions')
    .select(['account_id', 'csrf_token', 'last_seen_at', 'expires_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (session === undefined) return null;
  const account = await findApplicantAccount(db, session.account_id);
  if (
    account === null ||
    !sessionAlive({ expiresAt: session.expires_at, lastSeenAt: session.last_seen_at }, now)
  ) {
    await db.deleteFrom('applicant_sessions').where('id', '=', id).execute();
    return null;
  }
  if (now.getTime() - Date.parse(session.last_seen_at) >= SESSION_TOUCH_MS) {
    await db
      .updateTable('applicant_sessions')
      .set({ last_seen_at: now.toISOString() })
      .where('id', '=', id)
      .execute();
  }
  return { sessionId: id, csrfToken: session.csrf_token, account };
}

/** Ends the session of this token (a logout); nothing happens for an unknown token. */
export async function deleteApplicantSession(
  db: Kysely<DB>,
  token: string,
  now: Date,
  ip?: string | null,
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const session = await trx
      .deleteFrom('applicant_sessions')
      .where('id', '=', hashToken(token))
      .returning(['account_id'])
      .executeTakeFirst();
    if (session === undefined) return;
    const account = await findApplicantAccount(trx, session.account_id);
    await recordAudit(trx, {
      at: now,
      actorUserId: null,
      actorLabel: account ? applicantActorLabel(account.login) : '公众用户',
      action: 'applicant.logout',
      entityType: 'applicant_account',
      entityId: session.account_id,
      agencyId: null,
      ip: ip ?? null,
    });
  });
}

/** Housekeeping: removes applicant sessions past their absolute expiry. */
export async function deleteExpiredApplicantSessions(db: Kysely<DB>, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('applicant_sessions')
    .where('expires_at', '<=', now.toISOString())
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
