import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { isLocked, lockedUntilAfter, MAX_FAILED_LOGINS } from './lockout.ts';
import { dummyHash, verifyPassword } from './password.ts';
import { findUser } from './user.repository.ts';
import type { User } from './user.table.ts';

export type AuthenticateResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'invalid' | 'locked' | 'inactive'; lockedUntil?: string };

export interface AuthenticateOptions {
  username: string;
  password: string;
  now: Date;
  ip?: string | null;
}

/** Counts a failure in one statement, so concurrent processes cannot lose one; locks at the limit. */
async function countFailure(db: Kysely<DB>, userId: number, now: Date) {
  const reached = sql<boolean>`failed_logins + 1 >= ${MAX_FAILED_LOGINS}`;
  return db
    .updateTable('users')
    .set({
      failed_logins: sql<number>`case when ${reached} then 0 else failed_logins + 1 end`,
      locked_until: sql<
        string | null
      >`case when ${reached} then ${lockedUntilAfter(now)} else locked_until end`,
    })
    .where('id', '=', userId)
    .returning(['failed_logins', 'locked_until', 'agency_id'])
    .executeTakeFirstOrThrow();
}

/** Records a wrong password: 'invalid', or 'locked' when it was the last one allowed. */
function failure(db: Kysely<DB>, userId: number, options: AuthenticateOptions): Promise<AuthenticateResult> {
  return withTransaction(db, async (trx) => {
    const after = await countFailure(trx, userId, options.now);
    const audit = {
      at: options.now,
      actorUserId: null,
      entityType: 'user',
      entityId: userId,
      agencyId: after.agency_id,
      ip: options.ip ?? null,
    };
    await recordAudit(trx, { ...audit, actorLabel: '未登录的访问者', action: 'user.login.failed' });
    // The count went back to 0 only if this failure reached the limit and locked the account.
    if (after.failed_logins !== 0 || after.locked_until === null) return { ok: false, reason: 'invalid' };
    await recordAudit(trx, {
      ...audit,
      actorLabel: '系统',
      action: 'user.lock',
      after: { lockedUntil: after.locked_until },
    });
    return { ok: false, reason: 'locked', lockedUntil: after.locked_until };
  });
}

/**
 * Checks a username and password. The password is checked before "inactive" is told, so
 * that answer does not reveal an account to someone without its password; an unknown
 * username is checked against a dummy hash, so it takes as long as a known one.
 */
export async function authenticate(
  db: Kysely<DB>,
  options: AuthenticateOptions,
): Promise<AuthenticateResult> {
  const username = options.username.trim().toLowerCase();
  const row = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'locked_until'])
    .where('username', '=', username)
    .executeTakeFirst();
  if (row === undefined) {
    await verifyPassword(await dummyHash(), options.password);
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until !== null && isLocked(row.locked_until, options.now)) {
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  }
  if (!(await verifyPassword(row.password_hash, options.password))) {
    return failure(db, row.id, options);
  }
  const user = await findUser(db, row.id);
  if (user === null) return { ok: false, reason: 'invalid' };
  if (!user.active) return { ok: false, reason: 'inactive' };
  if (user.failedLogins !== 0 || user.lockedUntil !== null) {
    await db
      .updateTable('users')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', user.id)
      .execute();
    return { ok: true, user: { ...user, failedLogins: 0, lockedUntil: null } };
  }
  return { ok: true, user };
}
