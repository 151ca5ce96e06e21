import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from 'kysely';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { type Application, toApplication } from './application.repository.ts';

/** The workbench's queues (issue 4, item 7). */
export const QUEUES = [
  'all',
  'overdue',
  'dueToday',
  'dueSoon',
  'waiting',
  'awaitingApproval',
  'toDeliver',
  'closed',
] as const;
export type Queue = (typeof QUEUES)[number];
export const QUEUE_LABELS: Record<Queue, string> = {
  all: '全部',
  overdue: '已逾期',
  dueToday: '今日到期',
  dueSoon: '3个工作日内到期',
  waiting: '等待申请人',
  awaitingApproval: '待审批',
  toDeliver: '待送达',
  closed: '已办结',
};

/** "Due soon": the due date is today or within this many working days after it. */
export const DUE_SOON_WORKING_DAYS = 3;

export const PAGE_SIZE = 50;

export interface ApplicationFilters {
  /** A tracking number, or words of the applicant's name or of the description. */
  readonly q?: string | undefined;
  /** Applications this user handles (承办人): the "by handler" queue. */
  readonly handlerUserId?: number | undefined;
  readonly channel?: string | undefined;
  readonly applicantType?: string | undefined;
  readonly receivedFrom?: string | undefined;
  readonly receivedTo?: string | undefined;
}

export interface ListApplicationsOptions extends ApplicationFilters {
  /** The agencies whose applications the user may see (received, handled or co-handled there). */
  readonly agencyIds: readonly number[];
  readonly queue?: Queue | undefined;
  readonly today: string;
  /** 1-based. */
  readonly page?: number | undefined;
  /** Rows a page; PAGE_SIZE unless given (the CSV export asks for all). */
  readonly pageSize?: number | undefined;
}

export interface ApplicationPage {
  readonly rows: readonly Application[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

type Eb = ExpressionBuilder<DB, 'applications'>;

/** Whether these ids are every agency there is (one indexed count of the agencies table). */
const seesEveryAgency = async (db: Kysely<DB>, agencyIds: readonly number[]): Promise<boolean> => {
  const distinct = new Set(agencyIds);
  const row = await db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  if (Number(row?.n ?? 0) !== distinct.size) return false;
  const known = await db
    .selectFrom('agencies')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('id', 'in', [...distinct])
    .executeTakeFirst();
  return Number(known?.n ?? 0) === distinct.size;
};

type Condition = (eb: Eb) => Expression<SqlBool>;

/** What puts an application in the queue, on its own row; null for 'all'. */
const queueCondition = (queue: Queue, today: string, dueSoonBy: string): Condition | null => {
  const open = (eb: Eb) => eb('applications.status', '=', 'open');
  switch (queue) {
    case 'all':
      return null;
    case 'overdue':
      return (eb) => eb.and([open(eb), eb('applications.due_on', '<', today)]);
    case 'dueToday':
      return (eb) => eb.and([open(eb), eb('applications.due_on', '=', today)]);
    case 'dueSoon':
      return (eb) =>
        eb.and([
          open(eb),
          eb('applications.due_on', '>=', today),
          eb('applications.due_on', '<=', dueSoonBy),
        ]);
    case 'waiting':
      // While the clock waits there is no due date: `due_on is null` keeps this on the
      // (status, due_on) index instead of every open application.
      return (eb) =>
        eb.and([
          open(eb),
          eb('applications.due_on', 'is', null),
          eb('applications.waiting_for', 'in', ['correction', 'feePayment']),
        ]);
    case 'awaitingApproval':
      return (eb) => eb.and([open(eb), eb('applications.stage', '=', 'awaitingApproval')]);
    case 'toDeliver':
      return (eb) => eb.and([open(eb), eb('applications.stage', '=', 'decided')]);
    case 'closed':
      return (eb) => eb('applications.status', '=', 'closed');
  }
};

/**
 * Visible to a user of these agencies: the ids of three indexed lookups (received there,
 * routed there, co-handled there), the queue's condition repeated inside the first two so that each reads only its
 * queue from the (agency_id | handling_agency_id, status, due_on) indexes. Tested per row, the
 * OR of the three read the table for every application of the queue in the whole city.
 * UNION ALL, not UNION: `in` does not mind an id twice, and SQLite would sort each branch
 * by id for a UNION's merge, reading the queue of the whole city again to do it.
 */
const visibleAmong =
  (agencyIds: readonly number[], condition: Condition | null) =>
  (eb: Eb): Expression<SqlBool> => {
    const received = eb
      .selectFrom('applications')
      .select('applications.id')
      .where('applications.agency_id', 'in', agencyIds);
    const routed = eb
      .selectFrom('applications')
      .select('applications.id')
      .where('applications.handling_agency_id', 'in', agencyIds);
    const coHandled = eb
      .selectFrom('application_co_handlers')
      .select('application_co_handlers.application_id as id')
      .where('application_co_handlers.agency_id', 'in', agencyIds);
    return eb(
      'applications.id',
      'in',
      (condition === null ? received : received.where(condition))
        .unionAll(condition === null ? routed : routed.where(condition))
        .unionAll(coHandled),
    );
  };

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One page of a queue, the most urgent first, with its total. Reads the deadline stored beside
 * each application (rewritten with every event), so that each queue is one indexed query even
 * over a city's million applications.
 */
export async function listApplications(
  db: Kysely<DB>,
  options: ListApplicationsOptions,
): Promise<ApplicationPage> {
  const pageSize = options.pageSize ?? PAGE_SIZE;
  const page = Math.max(1, Math.floor(options.page ?? 1));
  if (options.agencyIds.length === 0) return { rows: [], total: 0, page, pageSize };
  const queue = options.queue ?? 'all';
  const today = options.today;
  const dueSoonBy =
    queue === 'dueSoon' ? (await loadCalendar(db)).addWorkingDays(today, DUE_SOON_WORKING_DAYS) : today;

  const condition = queueCondition(queue, today, dueSoonBy);
  let query = db.selectFrom('applications');
  if (condition !== null) query = query.where(condition);
  // A user who sees every agency (the city's admin) needs no visibility test: each queue is
  // then a range of one index, and its count never touches the table.
  if (!(await seesEveryAgency(db, options.agencyIds)))
    query = query.where(visibleAmong(options.agencyIds, condition));
  if (options.handlerUserId !== undefined) query = query.where('handler_user_id', '=', options.handlerUserId);
  if (options.channel) query = query.where('channel', '=', options.channel);
  if (options.applicantType) query = query.where('applicant_type', '=', options.applicantType);
  if (options.receivedFrom) query = query.where('received_on', '>=', options.receivedFrom);
  if (options.receivedTo) query = query.where('received_on', '<=', options.receivedTo);
  const q = options.q?.trim();
  if (q) {
    const like = `%${escapeLike(q)}%`;
    query = query.where((eb) =>
      eb.or([
        eb('tracking_number', '=', q.toUpperCase()),
        eb(sql`applicant_name`, 'like', sql`${like} escape '\\'`),
        eb(sql`description`, 'like', sql`${like} escape '\\'`),
      ]),
    );
  }

  const ordered =
    queue === 'all' || queue === 'closed'
      ? query.orderBy('received_on', 'desc').orderBy('id', 'desc')
      : queue === 'waiting'
        ? query.orderBy('waiting_by').orderBy('id')
        : queue === 'awaitingApproval' || queue === 'toDeliver'
          ? query.orderBy(sql`coalesce(due_on, waiting_by, '9999-12-31')`).orderBy('id')
          : query.orderBy('due_on').orderBy('id');
  const rows = await ordered
    .selectAll('applications')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // A first page that is not full is the whole queue: no need to count it again.
  const total =
    page === 1 && rows.length < pageSize
      ? rows.length
      : Number(
          (await query.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirst())?.n ?? 0,
        );
  return { rows: rows.map(toApplication), total, page, pageSize };
}
