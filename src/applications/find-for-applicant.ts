import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { hashSecretCode, secretMatches } from './tracking-code.ts';

export interface ApplicantView {
  readonly trackingNumber: string;
  readonly agencyName: string;
  readonly receivedOn: string;
  readonly status: string;
  readonly description: string;
}

/** A hash compared when the number is unknown too, so the time taken does not tell. */
const DECOY = hashSecretCode('decoy');

/**
 * What an applicant may see of their application, given its tracking number and secret code.
 * A wrong number and a wrong code give the same answer (null) in the same time: nothing
 * tells whether the number exists.
 */
export async function findForApplicant(
  db: Kysely<DB>,
  credentials: { trackingNumber: string; secretCode: string },
): Promise<ApplicantView | null> {
  const row = await db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
    .select([
      'applications.tracking_number',
      'applications.secret_hash',
      'applications.received_on',
      'applications.status',
      'applications.description',
      'agencies.name as agency_name',
    ])
    .where('applications.tracking_number', '=', credentials.trackingNumber.trim().toUpperCase())
    .executeTakeFirst();
  const ok = secretMatches(credentials.secretCode, row?.secret_hash ?? DECOY);
  if (!row || !ok) return null;
  return {
    trackingNumber: row.tracking_number,
    agencyName: row.agency_name,
    receivedOn: row.received_on,
    status: row.status,
    description: row.description,
  };
}
