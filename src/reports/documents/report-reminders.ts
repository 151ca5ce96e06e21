import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AgencyKind, AgencyLevel } from '../../orgs/agency-kind.ts';
import { type ReportReminder, reportReminder } from './report-deadline.ts';

export interface AgencyReportReminder extends ReportReminder {
  readonly agencyId: number;
  readonly agencyName: string;
}

/**
 * The statutory deadlines to remind of on `today` (Beijing date): for each agency, this year's
 * report from 1 December, and last year's until it is published (then "已逾期" after the day).
 */
export async function reportReminders(
  db: Kysely<DB>,
  agencies: readonly { id: number; name: string; kind: AgencyKind; level: AgencyLevel }[],
  today: string,
): Promise<AgencyReportReminder[]> {
  if (agencies.length === 0) return [];
  const year = Number(today.slice(0, 4));
  const published = await db
    .selectFrom('annual_reports')
    .select(['agency_id', 'year'])
    .where(
      'agency_id',
      'in',
      agencies.map((a) => a.id),
    )
    .where('year', 'in', [year, year - 1])
    .where('status', '=', 'published')
    .execute();
  const done = new Set(published.map((p) => `${p.agency_id}:${p.year}`));
  return agencies.flatMap((agency) =>
    [year - 1, year].flatMap((y) => {
      const r = reportReminder(agency, y, today, done.has(`${agency.id}:${y}`));
      return r === null ? [] : [{ ...r, agencyId: agency.id, agencyName: agency.name }];
    }),
  );
}
