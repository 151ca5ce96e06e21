import type { Generated } from 'kysely';

export const REMINDER_KINDS = ['due_soon', 'overdue'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** A handler's reminder of one application on one Beijing date (unique: a re-run adds nothing). */
export interface ReminderTable {
  id: Generated<number>;
  user_id: number;
  application_id: number;
  kind: ReminderKind;
  date: string;
  due_on: string;
  created_at: string;
}
