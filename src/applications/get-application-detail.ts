import type { Kysely } from 'kysely';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import type { DeadlineResult } from '../deadlines/deadline-result.ts';
import {
  type Application,
  type ApplicationEvent,
  eventsOf,
  findApplication,
} from './application.repository.ts';
import { deadlineOfApplication } from './application-deadline.ts';

export interface ApplicationDetail {
  readonly application: Application;
  readonly events: readonly ApplicationEvent[];
  /** Derived from the events, with the steps that explain it. */
  readonly deadline: DeadlineResult;
}

/** One application with its timeline and its deadline, or null when there is no such id. */
export async function getApplicationDetail(db: Kysely<DB>, id: number): Promise<ApplicationDetail | null> {
  const application = await findApplication(db, id);
  if (application === null) return null;
  const events = (await eventsOf(db, [id])).get(id) ?? [];
  return {
    application,
    events,
    deadline: await deadlineOfApplication(db, id, await loadCalendar(db), events),
  };
}
