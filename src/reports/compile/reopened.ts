import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type Episode, episodesOf, type HistoryEvent, singleEpisode } from './episodes.ts';

/** An application of the agency that was reopened at least once, with both ways of reading it. */
export interface ReopenedApplication {
  readonly id: number;
  readonly trackingNumber: string;
  readonly applicantType: string;
  /** What the GROUP BY over the applications table counted for it (to be taken back). */
  readonly asCounted: Episode;
  /** Its history as its events tell it. */
  readonly episodes: readonly Episode[];
}

/**
 * The agency's applications that a reconsideration body or a court ordered to be answered anew
 * (appeal_cases.reopens_application — recording such a result writes the 'reopened' event),
 * received by `until`, read with their 'decided' and 'reopened' events: few, so read whole.
 * An application found so but without a 'reopened' event reads as one episode, as the GROUP BY
 * counted it.
 */
export async function reopenedApplications(
  db: Kysely<DB>,
  agencyId: number,
  until: string,
): Promise<ReopenedApplication[]> {
  const rows = await db
    .selectFrom('application_events as e')
    .innerJoin('applications as a', 'a.id', 'e.application_id')
    .select([
      'a.id as applicationId',
      'a.tracking_number as trackingNumber',
      'a.applicant_type as applicantType',
      'a.received_on as receivedOn',
      'a.decided_on as decidedOn',
      'a.outcome as outcome',
      'e.id as eventId',
      'e.type as type',
      'e.date as date',
      'e.detail_json as detailJson',
    ])
    .where('a.agency_id', '=', agencyId)
    .where('a.received_on', '<=', until)
    .where('e.type', 'in', ['decided', 'reopened'])
    // The cases whose decision ordered a new answer name the applications to read: the small
    // appeal_cases table instead of a scan of every event for its type.
    .where('e.application_id', 'in', (eb) =>
      eb
        .selectFrom('appeal_cases')
        .select('application_id')
        .where('reopens_application', '=', 1)
        .where('application_id', 'is not', null),
    )
    .orderBy('a.id')
    .orderBy('e.id')
    .execute();
  const byApplication = new Map<number, { row: (typeof rows)[number]; events: HistoryEvent[] }>();
  for (const row of rows) {
    const entry = byApplication.get(row.applicationId) ?? { row, events: [] };
    entry.events.push({ id: row.eventId, type: row.type, date: row.date, detailJson: row.detailJson });
    byApplication.set(row.applicationId, entry);
  }
  return [...byApplication.values()].map(({ row, events }) => ({
    id: row.applicationId,
    trackingNumber: row.trackingNumber,
    applicantType: row.applicantType,
    asCounted: singleEpisode(row.receivedOn, row.decidedOn, row.outcome),
    episodes: episodesOf(row.receivedOn, events),
  }));
}
