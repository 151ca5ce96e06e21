import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AppealKind, AppealResult } from '../../../src/appeals/appeal-case.table.ts';
import type { Outcome } from '../../../src/applications/outcomes.ts';
import type { DB } from '../../../src/db/schema.ts';

export type HistoryStep =
  | { readonly type: 'decided'; readonly date: string; readonly outcome: Outcome }
  | { readonly type: 'reopened'; readonly date: string };

const AT = '2026-01-01T00:00:00.000Z';

/**
 * An application as its history leaves it: the row with the last decision (or none, when the
 * last step is a reopening or there is none), its 'received', 'decided' and 'reopened' events
 * in order, and — for a reopening — the case that ordered it (appeal_cases.reopens_application),
 * as src/appeals records them.
 */
export async function insertApplication(
  db: Kysely<DB>,
  a: { agencyId: number; type?: string; receivedOn: string; history?: readonly HistoryStep[] },
): Promise<{ id: number; trackingNumber: string }> {
  const history = a.history ?? [];
  const last = history[history.length - 1];
  const decided = last?.type === 'decided' ? last : null;
  const trackingNumber = `T${randomBytes(6).toString('hex')}`;
  const { id } = await db
    .insertInto('applications')
    .values({
      agency_id: a.agencyId,
      tracking_number: trackingNumber,
      secret_hash: 'x',
      channel: 'letter',
      arrived_on: a.receivedOn,
      received_on: a.receivedOn,
      applicant_type: a.type ?? 'natural',
      applicant_name: '张三',
      id_type: 'other',
      id_number: 'x',
      phone: '13800000000',
      description: '测试申请',
      form_wanted: 'paper',
      status: decided ? 'closed' : 'open',
      created_at: AT,
      updated_at: AT,
      stage: decided ? 'delivered' : 'processing',
      outcome: decided?.outcome ?? null,
      decided_on: decided?.date ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const event = (type: string, date: string, detail: unknown) =>
    db
      .insertInto('application_events')
      .values({
        application_id: id,
        type,
        date,
        recorded_at: AT,
        working_days: null,
        until: null,
        note: null,
        actor_user_id: null,
        detail_json: detail === null ? null : JSON.stringify(detail),
      })
      .execute();
  await event('received', a.receivedOn, null);
  for (const step of history) {
    if (step.type === 'decided')
      await event('decided', step.date, { outcome: step.outcome, summary: '决定' });
    else {
      const caseId = await insertCase(db, {
        agencyId: a.agencyId,
        applicationId: id,
        kind: 'reconsideration',
        filedOn: step.date,
        decidedOn: step.date,
        result: 'corrected',
        reopens: true,
      });
      await event('reopened', step.date, { appealCaseId: caseId, summary: '重新办理' });
    }
  }
  return { id, trackingNumber };
}

export async function insertCase(
  db: Kysely<DB>,
  c: {
    agencyId: number;
    kind: AppealKind;
    filedOn: string;
    decidedOn?: string | null;
    result?: AppealResult | null;
    applicationId?: number | null;
    caseNumber?: string | null;
    reopens?: boolean;
  },
): Promise<number> {
  const { id } = await db
    .insertInto('appeal_cases')
    .values({
      agency_id: c.agencyId,
      application_id: c.applicationId ?? null,
      kind: c.kind,
      prior_case_id: null,
      case_number: c.caseNumber ?? null,
      body: '开封市人民政府',
      claimant_name: null,
      subject: null,
      filed_on: c.filedOn,
      copy_received_on: null,
      responded_on: null,
      result: c.result ?? null,
      decided_on: c.decidedOn ?? null,
      result_note: null,
      reopens_application: c.reopens ? 1 : 0,
      created_at: AT,
      updated_at: AT,
      created_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}
