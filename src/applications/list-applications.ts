import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { computeDeadline } from '../deadlines/compute-deadline.ts';
import type { DeadlineResult } from '../deadlines/deadline-result.ts';
import { type Application, deadlineEventsOf, eventsOf, toApplication } from './application.repository.ts';

/** The workbench's queues (issue 4, item 7). */
export const QUEUES = ['all', 'overdue', 'dueToday', 'dueSoon', 'waiting'] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_LABELS: Record<Queue, string> = {
  all: '全部',
  overdue: '已逾期',
  dueToday: '今日到期',
  dueSoon: '3个工作日内到期',
  waiting: '等待申请人',
};

/** "Due soon": the due date is today or within this many working days after it. */
export const DUE_SOON_WORKING_DAYS = 3;

export interface ApplicationListRow {
  readonly application: Application;
  readonly deadline: DeadlineResult;
}

const inQueue = (queue: Queue, d: DeadlineResult, today: string, dueSoonBy: string): boolean => {
  switch (queue) {
    case 'all':
      return true;
    case 'overdue':
      return d.due !== null && d.due < today;
    case 'dueToday':
      return d.due === today;
    case 'dueSoon':
      return d.due !== null && d.due >= today && d.due <= dueSoonBy;
    case 'waiting':
      return d.waitingFor?.what === 'correction' || d.waitingFor?.what === 'feePayment';
  }
};

const sortKey = (d: DeadlineResult): string => d.due ?? d.waitingFor?.by ?? '9999-12-31';

/**
 * The applications of these agencies in a queue, the most urgent first, each with its deadline
 * derived from its events on the system's calendar. Computed in memory for now: fine for one
 * office's open applications; the queues of a whole city will want stored deadlines.
 */
export async function listApplications(
  db: Kysely<DB>,
  options: { agencyIds: readonly number[]; queue?: Queue; today: string },
): Promise<ApplicationListRow[]> {
  if (options.agencyIds.length === 0) return [];
  const queue = options.queue ?? 'all';
  let query = db.selectFrom('applications').selectAll().where('agency_id', 'in', options.agencyIds);
  if (queue !== 'all') query = query.where('status', '=', 'open');
  const rows = await query.orderBy('received_on').orderBy('id').execute();
  const events = await eventsOf(
    db,
    rows.map((r) => r.id),
  );
  const calendar = await loadCalendar(db);
  const dueSoonBy = calendar.addWorkingDays(options.today, DUE_SOON_WORKING_DAYS);
  return rows
    .map((row) => ({
      application: toApplication(row),
      deadline: computeDeadline(deadlineEventsOf(events.get(row.id) ?? []), calendar),
    }))
    .filter((r) => inQueue(queue, r.deadline, options.today, dueSoonBy))
    .sort((a, b) =>
      sortKey(a.deadline) < sortKey(b.deadline) ? -1 : sortKey(a.deadline) > sortKey(b.deadline) ? 1 : 0,
    );
}
