import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { DB } from '../db/schema.ts';
import { type DisclosureItem, toDisclosureItem } from './disclosure-item.table.ts';
import { isLate, PUBLICATION_WORKING_DAYS } from './publication-deadline.ts';
import type { Stage } from './publishing-workflow.ts';

/** The most late candidates the workbench list checks against the calendar (see pageWorkbenchItems). */
export const WORKBENCH_LIST_LIMIT = 2000;

/** Rows on one page of the workbench list. */
export const WORKBENCH_PAGE_SIZE = 50;

/** The highest page asked for: deeper offsets are narrowed by the filters instead. */
export const WORKBENCH_MAX_PAGE = 2000;

export interface WorkbenchListOptions {
  readonly agencyIds: readonly number[];
  /** A stage of the publishing workflow; any stage when none is given. */
  readonly stage?: Stage | undefined;
  /** Words of the title (a plain substring, case as typed). */
  readonly q?: string | undefined;
}

const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The day the item's Art. 26 period runs from: the later of the dates made and changed. */
const baseDate = sql<
  string | null
>`case when changed_on is not null and (made_on is null or changed_on > made_on) then changed_on else made_on end`;

/** The items of the list's agencies, stage and title words, unordered. */
const filtered = (db: Kysely<DB>, options: WorkbenchListOptions) => {
  let query = db.selectFrom('disclosure_items').where('agency_id', 'in', [...options.agencyIds]);
  const stage = options.stage;
  if (stage === 'published') query = query.where('status', '=', 'published');
  else if (stage === 'withdrawn')
    query = query.where('status', '=', 'withdrawn').where('review_status', '=', 'draft');
  else if (stage === 'draft')
    query = query.where('status', '=', 'draft').where('review_status', '=', 'draft');
  else if (stage !== undefined)
    query = query.where('status', '<>', 'published').where('review_status', '=', stage);
  const q = options.q?.trim();
  if (q) query = query.where(sql`title`, 'like', sql`${`%${escapeLike(q)}%`} escape '\\'`);
  return query;
};

export interface WorkbenchPage {
  readonly rows: readonly DisclosureItem[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /**
   * Only for the late items: more candidates than WORKBENCH_LIST_LIMIT were there, and the
   * most recently changed of them were judged (the total counts those).
   */
  readonly capped: boolean;
}

const isoDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/**
 * The first day whose Art. 26 deadline is today or later: a draft made (or changed) before it
 * is late today. The deadline only grows with the day it runs from, so a binary search finds it.
 */
export const lateDraftCutoff = (today: string, calendar: WorkingCalendar): string => {
  const end = Date.parse(`${today}T00:00:00Z`);
  // Twenty working days never take more than a year.
  let low = end - 366 * 86_400_000;
  let high = end;
  while (high - low > 86_400_000) {
    const mid = low + Math.floor((high - low) / 86_400_000 / 2) * 86_400_000;
    if (calendar.addWorkingDays(isoDay(mid), PUBLICATION_WORKING_DAYS) >= today) high = mid;
    else low = mid;
  }
  return isoDay(high);
};

/**
 * One page of the workbench list (issue 5): the items of these agencies, by stage and title
 * words, most recently changed first, with the total; offset paging as the application queues.
 * With `late`, only the items late under Art. 26: drafts past their deadline are found in SQL
 * (their made/changed day before lateDraftCutoff), published or withdrawn items published after
 * it are narrowed in SQL (published after they were made) and judged with the calendar, among
 * the WORKBENCH_LIST_LIMIT most recently changed such candidates.
 */
export async function pageWorkbenchItems(
  db: Kysely<DB>,
  options: WorkbenchListOptions & {
    page?: number;
    pageSize?: number;
    late?: { readonly today: string; readonly calendar: WorkingCalendar } | undefined;
  },
): Promise<WorkbenchPage> {
  const pageSize = Math.max(1, Math.trunc(options.pageSize ?? WORKBENCH_PAGE_SIZE));
  const page = Math.min(WORKBENCH_MAX_PAGE, Math.max(1, Math.trunc(options.page ?? 1)));
  if (options.agencyIds.length === 0) return { rows: [], total: 0, page, pageSize, capped: false };
  const late = options.late;
  if (late !== undefined) {
    const cutoff = lateDraftCutoff(late.today, late.calendar);
    const candidates = await filtered(db, options)
      .where(
        (eb) =>
          eb.or([
            eb.and([eb('status', '=', 'draft'), eb(baseDate, '<', cutoff)]),
            eb.and([
              eb('status', '<>', 'draft'),
              eb('published_on', 'is not', null),
              eb(sql`published_on`, '>', baseDate),
            ]),
          ]) as Expression<SqlBool>,
      )
      .selectAll()
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(WORKBENCH_LIST_LIMIT + 1)
      .execute();
    const capped = candidates.length > WORKBENCH_LIST_LIMIT;
    const lateItems = candidates
      .slice(0, WORKBENCH_LIST_LIMIT)
      .map(toDisclosureItem)
      .filter((item) => isLate(item, late.today, late.calendar));
    return {
      rows: lateItems.slice((page - 1) * pageSize, page * pageSize),
      total: lateItems.length,
      page,
      pageSize,
      capped,
    };
  }
  const rows = await filtered(db, options)
    .selectAll()
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  // A first page that is not full is the whole list: no need to count it again.
  const total =
    page === 1 && rows.length < pageSize
      ? rows.length
      : Number(
          (
            await filtered(db, options)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .executeTakeFirst()
          )?.n ?? 0,
        );
  return { rows: rows.map(toDisclosureItem), total, page, pageSize, capped: false };
}
