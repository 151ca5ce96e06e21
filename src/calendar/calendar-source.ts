import { calendarFromSchedules, type WorkingCalendar } from './calendar.ts';
import { OFFICIAL_SCHEDULES } from './official-schedules.ts';

/**
 * Where the system's calendar comes from. Today only the snapshot shipped with the code; the
 * database-backed source (an admin's schedules) will be another function of this type.
 */
export type CalendarSource = () => Promise<WorkingCalendar>;

let snapshot: WorkingCalendar | undefined;

/** The schedules shipped with the code (2019 to LAST_LOADED_YEAR), built once. */
export const snapshotCalendar = (): WorkingCalendar => {
  snapshot ??= calendarFromSchedules(OFFICIAL_SCHEDULES);
  return snapshot;
};

export const snapshotCalendarSource: CalendarSource = async () => snapshotCalendar();
