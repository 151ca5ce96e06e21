import type { Kysely } from 'kysely';
import { refreshOpenDeadlines } from '../applications/application-deadline.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { calendarFromSchedules, type WorkingCalendar } from './calendar.ts';
import type { CalendarSource } from './calendar-source.ts';
import type { CalendarYearTable } from './calendar-year.table.ts';
import { OFFICIAL_SCHEDULES, type OfficialSchedule } from './official-schedules.ts';
import { parseSchedules } from './parse-schedules.ts';
import { scheduleSchema } from './schedule.schema.ts';

const toRow = (
  s: OfficialSchedule,
  source: 'snapshot' | 'admin',
  by: number | null,
  at: string,
): CalendarYearTable => ({
  year: s.year,
  notices_json: JSON.stringify(s.notices),
  holidays_json: JSON.stringify(s.holidays),
  make_up_workdays_json: JSON.stringify(s.makeUpWorkdays),
  source,
  entered_by: by,
  entered_at: at,
});

const fromRow = (row: CalendarYearTable): OfficialSchedule => ({
  year: row.year,
  notices: JSON.parse(row.notices_json) as string[],
  holidays: JSON.parse(row.holidays_json) as string[],
  makeUpWorkdays: JSON.parse(row.make_up_workdays_json) as string[],
});

/** Puts the shipped schedules of the years the database lacks into it; leaves every other year alone. */
export async function seedCalendar(db: Kysely<DB>, now: Date): Promise<number[]> {
  const have = new Set((await db.selectFrom('calendar_years').select('year').execute()).map((r) => r.year));
  const missing = OFFICIAL_SCHEDULES.filter((s) => !have.has(s.year));
  for (const s of missing) {
    await db
      .insertInto('calendar_years')
      .values(toRow(s, 'snapshot', null, now.toISOString()))
      .execute();
  }
  return missing.map((s) => s.year);
}

/** The schedules the database holds, year by year. */
export const loadSchedules = async (db: Kysely<DB>): Promise<OfficialSchedule[]> =>
  (await db.selectFrom('calendar_years').selectAll().orderBy('year').execute()).map(fromRow);

/** The shipped schedules, each year replaced by the database's where it has one, in year order. */
export const mergedSchedules = async (db: Kysely<DB>): Promise<OfficialSchedule[]> => {
  const byYear = new Map<number, OfficialSchedule>(OFFICIAL_SCHEDULES.map((s) => [s.year, s]));
  for (const s of await loadSchedules(db)) byYear.set(s.year, s);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
};

/** The calendar the system uses: the shipped schedules with the database's years over them. */
export async function loadCalendar(db: Kysely<DB>): Promise<WorkingCalendar> {
  return calendarFromSchedules(await mergedSchedules(db));
}

export const databaseCalendarSource =
  (db: Kysely<DB>): CalendarSource =>
  () =>
    loadCalendar(db);

/**
 * An admin enters a year's schedule when the State Council announces it (usually November or
 * December for the next year). Checked alone and with the years around it (they must follow
 * on); refused with the problems named in Chinese, nothing stored.
 */
export async function saveYearSchedule(
  db: Kysely<DB>,
  options: { schedule: unknown; actor: Actor; now: Date },
): Promise<{ schedule: OfficialSchedule; openApplications: number }> {
  const parsed = scheduleSchema.safeParse(options.schedule);
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }));
    throw new AppError('VALIDATION', '节假日安排有误', details);
  }
  const schedule: OfficialSchedule = parsed.data;
  return withTransaction(db, async (trx) => {
    const others = (await mergedSchedules(trx)).filter((s) => s.year !== schedule.year);
    const all = parseSchedules([...others, schedule].sort((a, b) => a.year - b.year));
    if (!all.ok) {
      throw new AppError(
        'VALIDATION',
        '节假日安排有误',
        all.errors.map((message) => ({ field: 'year', message })),
      );
    }
    const row = toRow(schedule, 'admin', options.actor.userId, options.now.toISOString());
    await trx.deleteFrom('calendar_years').where('year', '=', schedule.year).execute();
    await trx.insertInto('calendar_years').values(row).execute();
    // Deadlines are derived from events on the calendar; the copy stored for the queues is
    // recomputed here, in the same transaction. The audit row says how many that touched.
    const openApplications = await refreshOpenDeadlines(trx, calendarFromSchedules(all.schedules));
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'calendar.year.save',
      entityType: 'calendar_year',
      entityId: schedule.year,
      agencyId: null,
      after: { ...schedule, recomputedOpenApplications: openApplications },
    });
    return { schedule, openApplications };
  });
}

/** Which years an admin entered (or changed) rather than the shipped snapshot. */
export const adminEnteredYears = async (db: Kysely<DB>): Promise<Set<number>> =>
  new Set(
    (await db.selectFrom('calendar_years').select('year').where('source', '=', 'admin').execute()).map(
      (r) => r.year,
    ),
  );
