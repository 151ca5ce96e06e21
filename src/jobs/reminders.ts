import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { ReminderKind } from './reminder.table.ts';

export interface Reminder {
  readonly applicationId: number;
  readonly trackingNumber: string;
  readonly kind: ReminderKind;
  readonly dueOn: string;
}

/**
 * A user's reminders of one Beijing date, for the workbench home: only applications still open
 * (one answered since the morning drops off), the overdue first, then by deadline.
 */
export async function remindersOf(
  db: Kysely<DB>,
  options: { userId: number; date: string },
): Promise<Reminder[]> {
  const rows = await db
    .selectFrom('reminders')
    .innerJoin('applications', 'applications.id', 'reminders.application_id')
    .select([
      'reminders.application_id',
      'applications.tracking_number',
      'reminders.kind',
      'reminders.due_on',
    ])
    .where('reminders.user_id', '=', options.userId)
    .where('reminders.date', '=', options.date)
    .where('applications.status', '=', 'open')
    .orderBy('reminders.due_on')
    .orderBy('reminders.application_id')
    .execute();
  return rows
    .map((r) => ({
      applicationId: r.application_id,
      trackingNumber: r.tracking_number,
      kind: r.kind,
      dueOn: r.due_on,
    }))
    .sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'overdue' ? -1 : 1));
}
