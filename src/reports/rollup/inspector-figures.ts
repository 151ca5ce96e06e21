import { type Kysely, sql } from 'kysely';
import type { WorkingCalendar } from '../../calendar/calendar.ts';
import type { DB } from '../../db/schema.ts';
import { yearWindow } from '../compile/rules.ts';

/** Working days past the deadline beyond which an overdue application counts as very overdue. */
export const VERY_OVERDUE_WORKING_DAYS = 20;

/**
 * The figures inspectors ask for beyond the form, for one agency and year, from the records
 * (the applications the agency received, whichever department handled them; its appeal cases):
 *
 * - a reply is the answer reaching the applicant: its day is the delivery day (delivered_on), or
 *   the decision day for a closed application without a recorded delivery (an imported one);
 * - replied: applications whose reply is dated in the year; on time: replied on or before the
 *   stored deadline (due_on); the on-time rate is on time ÷ replied with a deadline on record;
 * - overdue: replied in the year after the deadline, plus those still without a reply at the end
 *   of the period (31 December, or today for the current year) whose deadline had passed by
 *   then; very overdue: of those, more than 20 working days past the deadline (to the reply, or
 *   to the end of the period), counted with the working calendar;
 * - the correction rate of reconsideration (litigation): cases decided in the year whose result
 *   is 纠正 ÷ cases decided in the year, litigation being both kinds of 行政诉讼.
 * Rates are null when there is nothing to divide by.
 */
export interface InspectorFigures {
  readonly received: number;
  readonly replied: number;
  readonly repliedWithDeadline: number;
  readonly onTime: number;
  readonly onTimeRate: number | null;
  readonly overdue: number;
  readonly veryOverdue: number;
  readonly reconsideration: {
    readonly decided: number;
    readonly corrected: number;
    readonly rate: number | null;
  };
  readonly litigation: { readonly decided: number; readonly corrected: number; readonly rate: number | null };
}

const rate = (n: number, of: number): number | null => (of === 0 ? null : n / of);

export async function inspectorFigures(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  options: { today: string; calendar: WorkingCalendar },
): Promise<InspectorFigures> {
  const w = yearWindow(year);
  // The earlier of today and 31 December ('YYYY-MM-DD' strings sort as dates).
  const end = [options.today, w.to].sort()[0] ?? w.to;
  const replyOn = sql<string | null>`coalesce(delivered_on, case when status = 'closed' then decided_on end)`;
  const [counts, late, appeals] = await Promise.all([
    db
      .selectFrom('applications')
      .select([
        sql<
          string | number
        >`sum(case when received_on >= ${w.from} and received_on <= ${w.to} then 1 else 0 end)`.as(
          'received',
        ),
        sql<
          string | number
        >`sum(case when ${replyOn} >= ${w.from} and ${replyOn} <= ${w.to} then 1 else 0 end)`.as('replied'),
        sql<
          string | number
        >`sum(case when ${replyOn} >= ${w.from} and ${replyOn} <= ${w.to} and due_on is not null then 1 else 0 end)`.as(
          'judged',
        ),
        sql<
          string | number
        >`sum(case when ${replyOn} >= ${w.from} and ${replyOn} <= ${w.to} and due_on is not null and ${replyOn} <= due_on then 1 else 0 end)`.as(
          'onTime',
        ),
      ])
      .where('agency_id', '=', agencyId)
      .executeTakeFirst(),
    // Overdue: replied late in the year, or unanswered at the end of the period past the deadline.
    db
      .selectFrom('applications')
      .select(['due_on as dueOn', replyOn.as('replyOn')])
      .where('agency_id', '=', agencyId)
      .where('due_on', 'is not', null)
      .where((eb) =>
        eb.or([
          eb.and([eb(replyOn, '>=', w.from), eb(replyOn, '<=', w.to), eb(replyOn, '>', eb.ref('due_on'))]),
          eb.and([
            eb('received_on', '<=', end),
            eb('due_on', '<', end),
            eb.or([eb(replyOn, 'is', null), eb(replyOn, '>', end)]),
          ]),
        ]),
      )
      .execute(),
    db
      .selectFrom('appeal_cases')
      .select([
        sql<string>`case when kind = 'reconsideration' then 'reconsideration' else 'litigation' end`.as(
          'group',
        ),
        sql<string | number>`count(*)`.as('decided'),
        sql<string | number>`sum(case when result = 'corrected' then 1 else 0 end)`.as('corrected'),
      ])
      .where('agency_id', '=', agencyId)
      .where('decided_on', '>=', w.from)
      .where('decided_on', '<=', w.to)
      .groupBy(sql`case when kind = 'reconsideration' then 'reconsideration' else 'litigation' end`)
      .execute(),
  ]);
  let veryOverdue = 0;
  for (const row of late) {
    if (row.dueOn === null) continue;
    const until = row.replyOn !== null && row.replyOn <= end ? row.replyOn : end;
    if (options.calendar.workingDaysBetween(row.dueOn, until) > VERY_OVERDUE_WORKING_DAYS) veryOverdue++;
  }
  const group = (name: string) => {
    const g = appeals.find((a) => a.group === name);
    const decided = Number(g?.decided ?? 0);
    const corrected = Number(g?.corrected ?? 0);
    return { decided, corrected, rate: rate(corrected, decided) };
  };
  const replied = Number(counts?.replied ?? 0);
  const judged = Number(counts?.judged ?? 0);
  const onTime = Number(counts?.onTime ?? 0);
  return {
    received: Number(counts?.received ?? 0),
    replied,
    repliedWithDeadline: judged,
    onTime,
    onTimeRate: rate(onTime, judged),
    overdue: late.length,
    veryOverdue,
    reconsideration: group('reconsideration'),
    litigation: group('litigation'),
  };
}
