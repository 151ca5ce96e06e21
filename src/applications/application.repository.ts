import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  DEADLINE_EVENT_TYPES,
  type DeadlineEvent,
  type DeadlineEventType,
} from '../deadlines/deadline-event.ts';
import type { DeadlineSummary, WaitingFor } from '../deadlines/deadline-result.ts';
import type { ApplicationEventTable, ApplicationTable } from './application.table.ts';
import { toDeadlineEvent } from './application-event.schema.ts';
import type { DecisionDetail, Stage } from './decision.ts';
import type { Outcome } from './outcomes.ts';
import type { WorkflowEventType } from './workflow-events.ts';

/** An application as the workbench works with it. Personal data is in clear: presenters mask it. */
export interface Application {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly channel: string;
  readonly arrivedOn: string;
  readonly receivedOn: string;
  readonly applicantType: string;
  readonly applicantName: string;
  readonly idType: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string | null;
  readonly email: string | null;
  readonly description: string;
  readonly formWanted: string;
  readonly status: string;
  readonly handlingAgencyId: number | null;
  readonly handlerUserId: number | null;
  readonly stage: Stage;
  readonly outcome: Outcome | null;
  readonly decidedOn: string | null;
  readonly deliveredOn: string | null;
  /** The decision made, or proposed and awaiting the approver (stage 'awaitingApproval'). */
  readonly decision: DecisionDetail | null;
  /** The stored deadline: what computeDeadline gave when the events last changed. */
  readonly deadline: DeadlineSummary;
}

export interface ApplicationEvent {
  readonly id: number;
  readonly type: DeadlineEvent['type'] | WorkflowEventType;
  readonly date: string;
  readonly workingDays: number | null;
  readonly until: string | null;
  readonly note: string | null;
  readonly recordedAt: string;
  readonly detail: Readonly<Record<string, unknown>> | null;
}

export const toApplication = (r: Selectable<ApplicationTable>): Application => ({
  id: r.id,
  agencyId: r.agency_id,
  trackingNumber: r.tracking_number,
  channel: r.channel,
  arrivedOn: r.arrived_on,
  receivedOn: r.received_on,
  applicantType: r.applicant_type,
  applicantName: r.applicant_name,
  idType: r.id_type,
  idNumber: r.id_number,
  phone: r.phone,
  address: r.address,
  email: r.email,
  description: r.description,
  formWanted: r.form_wanted,
  status: r.status,
  handlingAgencyId: r.handling_agency_id,
  handlerUserId: r.handler_user_id,
  stage: r.stage as Stage,
  outcome: r.outcome as Outcome | null,
  decidedOn: r.decided_on,
  deliveredOn: r.delivered_on,
  decision: r.decision_json === null ? null : (JSON.parse(r.decision_json) as DecisionDetail),
  deadline: {
    due: r.due_on,
    ...(r.waiting_for !== null && r.waiting_by !== null
      ? { waitingFor: { what: r.waiting_for as WaitingFor, by: r.waiting_by } }
      : {}),
    provisional: r.deadline_provisional === 1,
  },
});

const toEvent = (r: Selectable<ApplicationEventTable>): ApplicationEvent => ({
  id: r.id,
  type: r.type as ApplicationEvent['type'],
  date: r.date,
  workingDays: r.working_days,
  until: r.until,
  note: r.note,
  recordedAt: r.recorded_at,
  detail: r.detail_json === null ? null : (JSON.parse(r.detail_json) as Record<string, unknown>),
});

export async function findApplication(db: Kysely<DB>, id: number): Promise<Application | null> {
  const row = await db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toApplication(row) : null;
}

/** The events of these applications, each list in date order (same-day events as recorded). */
export async function eventsOf(
  db: Kysely<DB>,
  applicationIds: readonly number[],
): Promise<Map<number, ApplicationEvent[]>> {
  const byApp = new Map<number, ApplicationEvent[]>(applicationIds.map((id) => [id, []]));
  if (applicationIds.length === 0) return byApp;
  const rows = await db
    .selectFrom('application_events')
    .selectAll()
    .where('application_id', 'in', applicationIds)
    .orderBy('date')
    .orderBy('id')
    .execute();
  for (const row of rows) byApp.get(row.application_id)?.push(toEvent(row));
  return byApp;
}

const CLOCK_TYPES: ReadonlySet<string> = new Set(DEADLINE_EVENT_TYPES);

/**
 * The events that move the clock, for the deadline engine; routing, review and decision do not.
 * After a reopening by order of a reconsideration body or a court (src/appeals) only the receipt
 * and the events from the last 'reopened' on count: the new handling has its own correction,
 * extension and pauses, and the engine restarts the clock there.
 */
export const deadlineEventsOf = (events: readonly ApplicationEvent[]): DeadlineEvent[] => {
  const reopened = events.findLastIndex((e) => e.type === 'reopened');
  return events.flatMap((e, i) =>
    CLOCK_TYPES.has(e.type) && (i >= reopened || e.type === 'received')
      ? [toDeadlineEvent({ ...e, type: e.type as DeadlineEventType })]
      : [],
  );
};
