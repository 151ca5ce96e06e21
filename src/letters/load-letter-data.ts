import type { Kysely } from 'kysely';
import { eventsOf, findApplication } from '../applications/application.repository.ts';
import { deadlineOfApplication } from '../applications/application-deadline.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { ancestors, findAgency } from '../orgs/agency.repository.ts';
import type { Agency } from '../orgs/agency.table.ts';
import type { LetterData } from './letter-values.ts';

/**
 * The reconsideration body (行政复议法 2023, Art. 24): for a department or a township, street
 * office or lower government, the nearest government above it. Null at the top of the tree.
 */
export async function reconsiderationBodyOf(db: Kysely<DB>, agency: Agency): Promise<string | null> {
  const above = await ancestors(db, agency.id);
  return above.findLast((a) => a.kind === 'government')?.name ?? null;
}

/** Everything a letter of this application is made from, as of `today`. */
export async function loadLetterData(
  db: Kysely<DB>,
  applicationId: number,
  options: { today: string; extras?: LetterData['extras'] },
): Promise<LetterData> {
  const application = await findApplication(db, applicationId);
  if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
  const agency = await findAgency(db, application.agencyId);
  if (agency === null) throw new AppError('NOT_FOUND', '未找到受理该申请的机关');
  const calendar = await loadCalendar(db);
  return {
    application,
    events: (await eventsOf(db, [applicationId])).get(applicationId) ?? [],
    agency,
    reconsiderationBody: await reconsiderationBodyOf(db, agency),
    deadline: await deadlineOfApplication(db, applicationId, calendar),
    calendar,
    today: options.today,
    ...(options.extras === undefined ? {} : { extras: options.extras }),
  };
}
