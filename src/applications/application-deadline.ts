import type { Kysely, Transaction } from 'kysely';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { DB } from '../db/schema.ts';
import { computeDeadline } from '../deadlines/compute-deadline.ts';
import type { DeadlineResult } from '../deadlines/deadline-result.ts';
import { type ApplicationEvent, deadlineEventsOf, eventsOf } from './application.repository.ts';

type Db = Kysely<DB> | Transaction<DB>;

/** Whether the agency of this application leaves fee time out of the count (the default). */
const feePausesClock = async (db: Db, applicationId: number): Promise<boolean> => {
  const row = await db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
    .select('agencies.fee_pauses_clock')
    .where('applications.id', '=', applicationId)
    .executeTakeFirst();
  return row?.fee_pauses_clock !== 0;
};

/** The deadline of one application from its events, on this calendar, with its agency's settings. */
export async function deadlineOfApplication(
  db: Db,
  applicationId: number,
  calendar: WorkingCalendar,
  /** Its events, when the caller has read them already. */
  known?: readonly ApplicationEvent[],
): Promise<DeadlineResult> {
  const events = known ?? (await eventsOf(db, [applicationId])).get(applicationId) ?? [];
  return computeDeadline(deadlineEventsOf(events), calendar, {
    feePausesClock: await feePausesClock(db, applicationId),
  });
}

/** The columns of `applications` that hold the copy of a deadline the queues read. */
export const storedColumns = (d: DeadlineResult) => ({
  due_on: d.due,
  waiting_for: d.waitingFor?.what ?? null,
  waiting_by: d.waitingFor?.by ?? null,
  deadline_provisional: d.provisional ? 1 : 0,
});

/**
 * Recomputes one application's deadline and stores it beside it. Called in the transaction that
 * changed its events, so that the stored deadline never disagrees with them.
 */
export async function refreshDeadline(
  db: Db,
  applicationId: number,
  calendar: WorkingCalendar,
): Promise<DeadlineResult> {
  const deadline = await deadlineOfApplication(db, applicationId, calendar);
  await db.updateTable('applications').set(storedColumns(deadline)).where('id', '=', applicationId).execute();
  return deadline;
}

const BATCH = 500;

/**
 * Recomputes the stored deadline of every open application (of these agencies, or all), in
 * batches: after the calendar or an agency's fee setting changed. Returns how many it touched.
 */
export async function refreshOpenDeadlines(
  db: Db,
  calendar: WorkingCalendar,
  agencyIds?: readonly number[],
): Promise<number> {
  if (agencyIds !== undefined && agencyIds.length === 0) return 0;
  let after = 0;
  let touched = 0;
  for (;;) {
    let query = db
      .selectFrom('applications')
      .innerJoin('agencies', 'agencies.id', 'applications.agency_id')
      .select(['applications.id', 'agencies.fee_pauses_clock'])
      .where('applications.status', '=', 'open')
      .where('applications.id', '>', after);
    if (agencyIds !== undefined) query = query.where('applications.agency_id', 'in', agencyIds);
    const rows = await query.orderBy('applications.id').limit(BATCH).execute();
    if (rows.length === 0) return touched;
    const events = await eventsOf(
      db,
      rows.map((r) => r.id),
    );
    for (const row of rows) {
      const deadline = computeDeadline(deadlineEventsOf(events.get(row.id) ?? []), calendar, {
        feePausesClock: row.fee_pauses_clock !== 0,
      });
      await db.updateTable('applications').set(storedColumns(deadline)).where('id', '=', row.id).execute();
    }
    touched += rows.length;
    after = rows[rows.length - 1]?.id ?? after;
  }
}
