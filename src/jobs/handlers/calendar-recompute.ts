import type { Kysely } from 'kysely';
import { deadlineEventsOf, eventsOf } from '../../applications/application.repository.ts';
import { storedColumns } from '../../applications/application-deadline.ts';
import { systemActor } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { computeDeadline } from '../../deadlines/compute-deadline.ts';

export const CALENDAR_RECOMPUTE = 'calendar.recompute';

export interface RecomputeResult {
  readonly checked: number;
  readonly changed: number;
}

/**
 * Recomputes the stored deadline of every open application from its events on the calendar the
 * database holds, `batchSize` applications a transaction (a city's million never hold one lock
 * long), writing only those that differ. Idempotent by construction: the stored deadline is a
 * function of the events, the calendar and the agency's fee setting, so a second run (a retry,
 * a run cut short by a stop) writes nothing that the first did not, and a batch that rolled back
 * is simply computed again. Saving a year's schedule still recomputes in its own transaction;
 * this catches anything else (a schedule row changed by hand, a fix to the engine).
 */
export async function recomputeOpenDeadlines(
  db: Kysely<DB>,
  options: { now: Date; batchSize?: number; signal?: AbortSignal },
): Promise<RecomputeResult> {
  const batchSize = options.batchSize ?? 500;
  const calendar = await loadCalendar(db);
  let after = 0;
  let checked = 0;
  let changed = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error('服务停止，重新计算期限已中断，将自动重试');
    const batch = await withTransaction(db, async (trx) => {
      const rows = await trx
        .selectFrom('applications')
        .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
        .select([
          'applications.id',
          'applications.due_on',
          'applications.waiting_for',
          'applications.waiting_by',
          'applications.deadline_provisional',
          'agencies.fee_pauses_clock',
        ])
        .where('applications.status', '=', 'open')
        .where('applications.id', '>', after)
        .orderBy('applications.id')
        .limit(batchSize)
        .execute();
      const events = await eventsOf(
        trx,
        rows.map((r) => r.id),
      );
      let differing = 0;
      for (const row of rows) {
        const deadline = computeDeadline(deadlineEventsOf(events.get(row.id) ?? []), calendar, {
          feePausesClock: row.fee_pauses_clock !== 0,
        });
        const columns = storedColumns(deadline);
        if (
          columns.due_on === row.due_on &&
          columns.waiting_for === row.waiting_for &&
          columns.waiting_by === row.waiting_by &&
          columns.deadline_provisional === row.deadline_provisional
        )
          continue;
        await trx.updateTable('applications').set(columns).where('id', '=', row.id).execute();
        differing++;
      }
      return { count: rows.length, last: rows[rows.length - 1]?.id, differing };
    });
    checked += batch.count;
    changed += batch.differing;
    if (batch.last === undefined || batch.count < batchSize) break;
    after = batch.last;
  }
  await withTransaction(db, (trx) =>
    recordAudit(trx, {
      at: options.now,
      actorUserId: null,
      actorLabel: systemActor('后台任务').label,
      action: 'deadline.recompute',
      entityType: 'application',
      entityId: 'open',
      agencyId: null,
      after: { checked, changed },
    }),
  );
  return { checked, changed };
}
