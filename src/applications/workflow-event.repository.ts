import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import type { WorkflowEventType } from './workflow-events.ts';

/** Appends an event off the clock; `detail.summary` is what the timeline shows. */
export async function appendWorkflowEvent(
  trx: Kysely<DB>,
  e: {
    applicationId: number;
    type: WorkflowEventType;
    date: string;
    detail: { summary: string } & Record<string, unknown>;
    note?: string | undefined;
    actor: Actor;
    now: Date;
  },
): Promise<number> {
  const now = e.now.toISOString();
  const { id } = await trx
    .insertInto('application_events')
    .values({
      application_id: e.applicationId,
      type: e.type,
      date: e.date,
      working_days: null,
      until: null,
      note: e.note ?? null,
      actor_user_id: e.actor.userId,
      recorded_at: now,
      detail_json: JSON.stringify(e.detail),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx.updateTable('applications').set({ updated_at: now }).where('id', '=', e.applicationId).execute();
  return id;
}
