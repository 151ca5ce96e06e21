import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type ApplicantApplication, toApplicantApplication } from './applicant-view.ts';
import { findApplication } from './application.repository.ts';
import { findForApplicant } from './find-for-applicant.ts';

/** The applicant's view (applicant-view.ts), with the id the letters are looked up by. */
export type ApplicantProgress = ApplicantApplication & { readonly applicationId: number };

/**
 * The applicant's view of their application, given its tracking number and secret code; null
 * for a wrong number or code alike (findForApplicant decides, in the same time either way).
 */
export async function findApplicantProgress(
  db: Kysely<DB>,
  credentials: { trackingNumber: string; secretCode: string },
): Promise<ApplicantProgress | null> {
  const found = await findForApplicant(db, credentials);
  if (found === null) return null;
  const row = await db
    .selectFrom('applications')
    .select('id')
    .where('tracking_number', '=', found.trackingNumber)
    .executeTakeFirst();
  const a = row === undefined ? null : await findApplication(db, row.id);
  if (a === null) return null;
  return { ...toApplicantApplication(a, found.agencyName), applicationId: a.id };
}
