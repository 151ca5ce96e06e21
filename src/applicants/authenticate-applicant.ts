import { type Kysely, sql } from 'kysely';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { isLocked, lockedUntilAfter, MAX_FAILED_LOGINS } from '../orgs/lockout.ts';
import { dummyHash, verifyPassword } from '../orgs/password.ts';
import { type ApplicantAccount, findApplicantAccount } from './applicant-account.repository.ts';
import { applicantActorLabel, normaliseLogin } from './applicant-login.ts';

export type AuthenticateApplicantResult =
  | { ok: true; account: ApplicantAccount }
  | { ok: false; reason: 'invalid' | 'locked'; lockedUntil?: string };

export interface AuthenticateApplicantOptions {
  /** As typed: normalised here, so '138 1234 5678' finds the account of '13812345678'. */
  readonly login: string;
  readonly password: string;
  readonly now: Date;
  readonly ip?: string | null;
}

/** Counts a failure in one statement, so concurrent processes cannot lose one; locks at the limit. */
async function countFailure(db: Kysely<DB>, accountId: number, now: Date) {
  const reached = sql<boolean>`failed_logins + 1 >= ${MAX_FAILED_LOGINS}`;
  return db
    .updateTable('applicant_accounts')
    .set({
      failed_logins: sql<number>`case when ${reached} then 0 else failed_logins + 1 end`,
      locked_until: sql<
        string | null
      >`case when ${reached} then ${lockedUntilAfter(now)} else locked_until end`,
    })
    .where('id', '=', accountId)
    .returning(['failed_logins', 'locked_until'])
    .executeTakeFirstOrThrow();
}

/** Records a wrong password: 'invalid', or 'locked' when it was the last one allowed. */
function failure(
  db: Kysely<DB>,
  account: { id: number; login: string },
  options: AuthenticateApplicantOptions,
): Promise<AuthenticateApplicantResult> {
  return withTransaction(db, async (trx) => {
    const after = await countFailure(trx, account.id, options.now);
    const audit = {
      at: options.now,
      actorUserId: null,
      entityType: 'applicant_account',
      entityId: account.id,
      agencyId: null,
      ip: options.ip ?? null,
    };
    await recordAudit(trx, {
      ...audit,
      actorLabel: applicantActorLabel(account.login),
      action: 'applicant.login.failed',
    });
    if (after.failed_logins !== 0 || after.locked_until === null) return { ok: false, reason: 'invalid' };
    await recordAudit(trx, {
      ...audit,
      actorLabel: '系统',
      action: 'applicant.lock',
      after: { lockedUntil: after.locked_until },
    });
    return { ok: false, reason: 'locked', lockedUntil: after.locked_until };
  });
}

/**
 * Checks an applicant's login and password, with the staff rules (src/orgs/authenticate.ts):
 * five wrong passwords in a row lock the account for 15 minutes; an unknown login is checked
 * against a dummy hash, so that it takes as long as a known one.
 */
export async function authenticateApplicant(
  db: Kysely<DB>,
  options: AuthenticateApplicantOptions,
): Promise<AuthenticateApplicantResult> {
  const normalised = normaliseLogin(options.login);
  const row = normalised.ok
    ? await db
        .selectFrom('applicant_accounts')
        .select(['id', 'login', 'password_hash', 'locked_until'])
        .where('login', '=', normalised.login)
        .executeTakeFirst()
    : undefined;
  if (row === undefined) {
    await verifyPassword(await dummyHash(), options.password);
    return { ok: false, reason: 'invalid' };
  }
  if (row.locked_until !== null && isLocked(row.locked_until, options.now)) {
    return { ok: false, reason: 'locked', lockedUntil: row.locked_until };
  }
  if (!(await verifyPassword(row.password_hash, options.password))) return failure(db, row, options);
  const account = await findApplicantAccount(db, row.id);
  if (account === null) return { ok: false, reason: 'invalid' };
  if (account.failedLogins !== 0 || account.lockedUntil !== null) {
    await db
      .updateTable('applicant_accounts')
      .set({ failed_logins: 0, locked_until: null })
      .where('id', '=', account.id)
      .execute();
    return { ok: true, account: { ...account, failedLogins: 0, lockedUntil: null } };
  }
  return { ok: true, account };
}
