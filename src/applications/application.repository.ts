import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { DeadlineEvent } from '../deadlines/deadline-event.ts';
import type { ApplicationEventTable, ApplicationTable } from './application.table.ts';
import { toDeadlineEvent } from './application-event.schema.ts';

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
}

export interface ApplicationEvent {
  readonly id: number;
  readonly type: DeadlineEvent['type'];
  readonly date: string;
  readonly workingDays: number | null;
  readonly until: string | null;
  readonly note: string | null;
  readonly recordedAt: string;
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
});

const toEvent = (r: Selectable<ApplicationEventTable>): ApplicationEvent => ({
  id: r.id,
  type: r.type as DeadlineEvent['type'],
  date: r.date,
  workingDays: r.working_days,
  until: r.until,
  note: r.note,
  recordedAt: r.recorded_at,
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

export const deadlineEventsOf = (events: readonly ApplicationEvent[]): DeadlineEvent[] =>
  events.map(toDeadlineEvent);
