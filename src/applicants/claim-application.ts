import type { Kysely } from 'kysely';
import { findForApplicant } from '../applications/find-for-applicant.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { findApplicantAccount } from './applicant-account.repository.ts';
import { applicantActorLabel } from './applicant-login.ts';

export interface ClaimApplicationOptions {
  readonly accountId: number;
  readonly trackingNumber: string;
  readonly secretCode: string;
  readonly now: Date;
  readonly ip?: string | null;
}

/**
 * 'notFound': a wrong number or a wrong code, alike (findForApplicant answers both the same,
 * in the same time). 'claimedByOther': the code is right but another account holds the
 * application — said only to someone who has the code.
 */
export type ClaimApplicationResult =
  | { readonly ok: true; readonly applicationId: number; readonly alreadyMine: boolean }
  | { readonly ok: false; readonly reason: 'notFound' | 'claimedByOther' };

/**
 * Links an application submitted without an account (or on paper) to an applicant's account,
 * given its tracking number and secret code: the code is the proof that it is theirs.
 */
export async function claimApplication(
  db: Kysely<DB>,
  options: ClaimApplicationOptions,
): Promise<ClaimApplicationResult> {
  const found = await findForApplicant(db, options);
  if (found === null) return { ok: false, reason: 'notFound' };
  return withTransaction(db, async (trx) => {
    const account = await findApplicantAccount(trx, options.accountId);
    const application = await trx
      .selectFrom('applications')
      .select(['id', 'agency_id', 'applicant_account_id'])
      .where('tracking_number', '=', found.trackingNumber)
      .executeTakeFirst();
    if (account === null || application === undefined) return { ok: false, reason: 'notFound' } as const;
    if (application.applicant_account_id === account.id)
      return { ok: true, applicationId: application.id, alreadyMine: true } as const;
    // Linked only while nobody else holds it, in the statement itself: two claims at once cannot both win.
    const updated = await trx
      .updateTable('applications')
      .set({ applicant_account_id: account.id })
      .where('id', '=', application.id)
      .where('applicant_account_id', 'is', null)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return { ok: false, reason: 'claimedByOther' } as const;
    await recordAudit(trx, {
      at: options.now,
      actorUserId: null,
      actorLabel: applicantActorLabel(account.login),
      action: 'applicant.claim',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agency_id,
      after: { applicantAccountId: account.id, trackingNumber: found.trackingNumber },
      ip: options.ip ?? null,
    });
    return { ok: true, applicationId: application.id, alreadyMine: false } as const;
  });
}
