import type { Kysely } from 'kysely';
import { DUE_SOON_WORKING_DAYS } from '../../applications/list-applications.ts';
import { systemActor } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import { beijingDate } from '../../calendar/beijing-time.ts';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { isWithin } from '../../orgs/agency-path.ts';
import type { ReminderKind } from '../reminder.table.ts';

export const DEADLINE_REMINDERS = 'deadline.reminders';

/**
 * Who is reminded of an application: its assigned handler (承办人); while none is assigned, every
 * active user holding the handler role over the agency that acts on it (the department it was
 * routed to, else the receiving agency). Admins are not reminded of each application.
 */
const recipientsOf = (
  app: { handler_user_id: number | null; agency_id: number; handling_agency_id: number | null },
  paths: ReadonlyMap<number, string>,
  handlers: readonly { user_id: number; path: string }[],
  active: ReadonlySet<number>,
): number[] => {
  if (app.handler_user_id !== null) return active.has(app.handler_user_id) ? [app.handler_user_id] : [];
  const acting = paths.get(app.handling_agency_id ?? app.agency_id);
  if (acting === undefined) return [];
  return [...new Set(handlers.filter((h) => isWithin(acting, h.path)).map((h) => h.user_id))];
};

/**
 * The day's reminders (Beijing date of `now`): for each open application due within
 * DUE_SOON_WORKING_DAYS working days ('due_soon', today included) or past due ('overdue'), a row
 * for each of its handlers. Idempotent: rows are unique on (user, date, application, kind) and
 * inserted with ON CONFLICT DO NOTHING, so a re-run the same day (a retry, a second process's
 * slot) adds none. Batches of `batchSize` applications, each a transaction.
 */
export async function generateReminders(
  db: Kysely<DB>,
  options: { now: Date; batchSize?: number; signal?: AbortSignal },
): Promise<{ date: string; created: number }> {
  const batchSize = options.batchSize ?? 500;
  const date = beijingDate(options.now.toISOString());
  const dueSoonBy = (await loadCalendar(db)).addWorkingDays(date, DUE_SOON_WORKING_DAYS);
  const paths = new Map(
    (await db.selectFrom('agencies').select(['id', 'path']).execute()).map((a) => [a.id, a.path]),
  );
  const handlers = await db
    .selectFrom('role_assignments')
    .innerJoin('agencies', 'agencies.id', 'role_assignments.agency_id')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .select(['role_assignments.user_id', 'agencies.path'])
    .where('role_assignments.role', '=', 'handler')
    .where('users.active', '=', 1)
    .execute();
  const active = new Set(
    (await db.selectFrom('users').select('id').where('active', '=', 1).execute()).map((u) => u.id),
  );
  let after = 0;
  let created = 0;
  for (;;) {
    if (options.signal?.aborted) throw new Error('服务停止，期限提醒未生成完，将自动重试');
    const apps = await db
      .selectFrom('applications')
      .select(['id', 'agency_id', 'handling_agency_id', 'handler_user_id', 'due_on'])
      .where('status', '=', 'open')
      .where('due_on', 'is not', null)
      .where('due_on', '<=', dueSoonBy)
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    const rows = apps.flatMap((app) => {
      const dueOn = app.due_on ?? '';
      const kind: ReminderKind = dueOn < date ? 'overdue' : 'due_soon';
      return recipientsOf(app, paths, handlers, active).map((userId) => ({
        user_id: userId,
        application_id: app.id,
        kind,
        date,
        due_on: dueOn,
        created_at: options.now.toISOString(),
      }));
    });
    if (rows.length > 0) {
      created += await withTransaction(db, async (trx) => {
        let inserted = 0;
        // A few hundred rows a statement: SQLite allows only so many parameters in one.
        for (let i = 0; i < rows.length; i += 500) {
          const chunk = rows.slice(i, i + 500);
          inserted += (
            await trx
              .insertInto('reminders')
              .values(chunk)
              .onConflict((oc) => oc.doNothing())
              .returning('id')
              .execute()
          ).length;
        }
        return inserted;
      });
    }
    if (apps.length < batchSize) break;
    after = apps[apps.length - 1]?.id ?? after;
  }
  await withTransaction(db, (trx) =>
    recordAudit(trx, {
      at: options.now,
      actorUserId: null,
      actorLabel: systemActor('后台任务').label,
      action: 'reminder.generate',
      entityType: 'reminder',
      entityId: date,
      agencyId: null,
      after: { date, created },
    }),
  );
  return { date, created };
}
