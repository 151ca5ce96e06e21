import type { CalendarSource } from '../calendar/calendar-source.ts';
import { snapshotCalendar } from '../calendar/calendar-source.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { openDatabase } from '../db/database.ts';

/**
 * The calendar the system uses: the database's (with the schedules an admin entered) where
 * DATABASE_URL names one, else the snapshot shipped with the code. A database not yet
 * migrated has no calendar table: the snapshot serves then too.
 */
export const systemCalendarSource: CalendarSource = async () => {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) return snapshotCalendar();
  const database = openDatabase(url);
  try {
    return await loadCalendar(database.db);
  } catch {
    return snapshotCalendar();
  } finally {
    await database.close();
  }
};
