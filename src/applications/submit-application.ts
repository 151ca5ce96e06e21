import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { isUniqueViolation } from '../db/constraint-error.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency } from '../orgs/agency.repository.ts';
import { submitApplicationSchema } from './application.schema.ts';
import { refreshDeadline } from './application-deadline.ts';
import { applicationColumns } from './application-row.ts';
import { hashSecretCode, newSecretCode, newTrackingNumber } from './tracking-code.ts';

export interface SubmitApplicationOptions {
  readonly agencyId: number;
  readonly input: unknown;
  /** The same key from the same client again (a double click, a retry) finds the first. */
  readonly idempotencyKey?: string;
  readonly actor: Actor;
  readonly now: Date;
  /** The applicant's account (src/applicants) when a logged-in member of the public applies. */
  readonly applicantAccountId?: number;
}

export type SubmitApplicationResult =
  | {
      readonly created: true;
      readonly id: number;
      readonly trackingNumber: string;
      readonly secretCode: string;
    }
  | { readonly created: false; readonly id: number; readonly trackingNumber: string };

const beijingDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const existing = async (db: Kysely<DB>, agencyId: number, key: string | undefined) =>
  key === undefined
    ? undefined
    : db
        .selectFrom('applications')
        .select(['id', 'tracking_number'])
        .where('agency_id', '=', agencyId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();

/**
 * A tracking number no application has yet. Eight random digits a day make a clash rare, not
 * impossible: look first, so that a clash never fails a submission (inside a caller's
 * transaction, PostgreSQL could not go on after a failed insert).
 */
const freeTrackingNumber = async (db: Kysely<DB>, receivedOn: string): Promise<string> => {
  for (let attempt = 0; ; attempt++) {
    const candidate = newTrackingNumber(receivedOn);
    const taken = await db
      .selectFrom('applications')
      .select('id')
      .where('tracking_number', '=', candidate)
      .executeTakeFirst();
    if (taken === undefined || attempt >= 20) return candidate;
  }
};

/**
 * Takes an application (online, or registered by staff from a letter, a visit, a fax …) and
 * its 'received' event in one transaction, with its audit record. The secret code is returned
 * once, to be shown to the applicant, and kept only as a hash.
 */
export async function submitApplication(
  db: Kysely<DB>,
  options: SubmitApplicationOptions,
): Promise<SubmitApplicationResult> {
  const input = parseInput(submitApplicationSchema(beijingDate(options.now)), options.input);
  const now = options.now.toISOString();
  const key = options.idempotencyKey?.slice(0, 100);
  const before = await existing(db, options.agencyId, key);
  if (before) return { created: false, id: before.id, trackingNumber: before.tracking_number };
  try {
    return await withTransaction(db, async (trx) => {
      if ((await findAgency(trx, options.agencyId)) === null)
        throw new AppError('NOT_FOUND', '受理机关不存在');
      const secretCode = newSecretCode();
      const trackingNumber = await freeTrackingNumber(trx, input.receivedOn);
      const { id } = await trx
        .insertInto('applications')
        .values({
          agency_id: options.agencyId,
          tracking_number: trackingNumber,
          secret_hash: hashSecretCode(secretCode),
          ...applicationColumns(input),
          idempotency_key: key ?? null,
          applicant_account_id: options.applicantAccountId ?? null,
          status: 'open',
          created_at: now,
          updated_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('application_events')
        .values({
          application_id: id,
          type: 'received',
          date: input.receivedOn,
          working_days: null,
          until: null,
          note: null,
          actor_user_id: options.actor.userId,
          recorded_at: now,
        })
        .execute();
      await refreshDeadline(trx, id, await loadCalendar(trx));
      await recordAudit(trx, {
        at: options.now,
        ...actorFields(options.actor),
        action: 'application.submit',
        entityType: 'application',
        entityId: id,
        agencyId: options.agencyId,
        after: { trackingNumber, ...input },
      });
      return { created: true as const, id, trackingNumber, secretCode };
    });
  } catch (error) {
    // Two submissions with one key at the same moment: the second finds the first.
    const first = isUniqueViolation(error) ? await existing(db, options.agencyId, key) : undefined;
    if (first) return { created: false, id: first.id, trackingNumber: first.tracking_number };
    throw error;
  }
}
