import type { Kysely } from 'kysely';
import { type ApplicantApplication, toApplicantApplication } from '../applications/applicant-view.ts';
import { toApplication } from '../applications/application.repository.ts';
import type { DB } from '../db/schema.ts';

export type { ApplicantApplication } from '../applications/applicant-view.ts';

const rowsOf = (db: Kysely<DB>, accountId: number) =>
  db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
    .selectAll('applications')
    .select('agencies.name as agency_name')
    .where('applications.applicant_account_id', '=', accountId);

/** The account's applications, newest first. At most `limit` (an account holds a person's few). */
export async function listApplicantApplications(
  db: Kysely<DB>,
  accountId: number,
  options: { limit?: number } = {},
): Promise<ApplicantApplication[]> {
  const rows = await rowsOf(db, accountId)
    .orderBy('applications.received_on', 'desc')
    .orderBy('applications.id', 'desc')
    .limit(options.limit ?? 500)
    .execute();
  return rows.map(({ agency_name, ...row }) => toApplicantApplication(toApplication(row), agency_name));
}

/** One of the account's applications; null when it is not theirs or does not exist, alike. */
export async function findApplicantApplication(
  db: Kysely<DB>,
  accountId: number,
  applicationId: number,
): Promise<ApplicantApplication | null> {
  const row = await rowsOf(db, accountId).where('applications.id', '=', applicationId).executeTakeFirst();
  if (row === undefined) return null;
  const { agency_name, ...application } = row;
  return toApplicantApplication(toApplication(application), agency_name);
}
