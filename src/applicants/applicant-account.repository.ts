import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ApplicantAccountTable } from './applicant-account.table.ts';

/** An applicant's account as the code works with it; the password hash never leaves this module. */
export interface ApplicantAccount {
  readonly id: number;
  readonly login: string;
  readonly displayName: string;
  readonly failedLogins: number;
  readonly lockedUntil: string | null;
  readonly createdAt: string;
}

const COLUMNS = ['id', 'login', 'display_name', 'failed_logins', 'locked_until', 'created_at'] as const;

const toAccount = (
  r: Pick<Selectable<ApplicantAccountTable>, (typeof COLUMNS)[number]>,
): ApplicantAccount => ({
  id: r.id,
  login: r.login,
  displayName: r.display_name,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
});

export async function findApplicantAccount(db: Kysely<DB>, id: number): Promise<ApplicantAccount | null> {
  const row = await db
    .selectFrom('applicant_accounts')
    .select(COLUMNS)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** By normalised login (see normaliseLogin). */
export async function findApplicantAccountByLogin(
  db: Kysely<DB>,
  login: string,
): Promise<ApplicantAccount | null> {
  const row = await db
    .selectFrom('applicant_accounts')
    .select(COLUMNS)
    .where('login', '=', login)
    .executeTakeFirst();
  return row ? toAccount(row) : null;
}
