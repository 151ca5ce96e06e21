import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { computeDeadline } from '../deadlines/compute-deadline.ts';
import type { DeadlineEvent } from '../deadlines/deadline-event.ts';
import type { DeadlineResult } from '../deadlines/deadline-result.ts';
import { CORRECTION_ASK_WORKING_DAYS } from '../deadlines/periods.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { type Application, deadlineEventsOf, eventsOf, findApplication } from './application.repository.ts';
import { refreshDeadline } from './application-deadline.ts';
import { type RecordEventInput, recordEventSchema, toDeadlineEvent } from './application-event.schema.ts';
import { perApplicationFee, perQuantityFee } from './information-fee.ts';

export interface RecordApplicationEventOptions {
  readonly applicationId: number;
  /** { type, date, workingDays?, until?, note? }, checked by recordEventSchema. */
  readonly event: unknown;
  readonly actor: Actor;
  readonly now: Date;
}

const beijingDate = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const byDate = (events: readonly DeadlineEvent[]): DeadlineEvent[] =>
  [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/**
 * Events the agency decides (ask a correction, consult, extend, send a fee notice, set a later
 * date): the law's limits on them are refused. The others record what the applicant or a
 * third party did (a late correction, a late answer, a late payment): facts are recorded as
 * they happened, and the engine's warnings show on the application.
 */
const AGENCY_DECISIONS: ReadonlySet<string> = new Set([
  'correctionAsked',
  'consultationStarted',
  'extended',
  'feeNoticed',
  'delayed',
]);

/** The amount of a fee notice, with the explanation the notice and the timeline give. */
const feeDetail = (e: RecordEventInput) => {
  const quote =
    e.feeMethod === 'perApplication'
      ? perApplicationFee(Math.max(1, e.nth ?? 1))
      : perQuantityFee({ pages: e.pages ?? 0, electronicFiles: e.electronicFiles ?? 0 });
  const explanation = quote.steps.map((s) => s.text).join('；');
  return {
    method: quote.method,
    amountYuan: quote.amount,
    explanation,
    summary: `${quote.method === 'perApplication' ? '按件' : '按量'}计收信息处理费${quote.amount}元（${explanation}）`,
  };
};

/** The engine's note on a provisional calendar is a caveat, not something the law forbids. */
const isCaveat = (warning: string): boolean => warning.startsWith('计算涉及未载入节假日安排的年份');

/** What Art. 30 and 33 forbid, field by field, in words a clerk can act on. */
const refusals = (
  application: Application,
  existing: readonly DeadlineEvent[],
  before: DeadlineResult,
  e: RecordEventInput,
  today: string,
  calendar: WorkingCalendar,
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  if (e.date < application.receivedOn)
    details.push({ field: 'date', message: `事件日期不能早于收到申请的日期（${application.receivedOn}）` });
  if (e.date > today) details.push({ field: 'date', message: '事件日期不能晚于今天' });
  if (e.type === 'correctionAsked') {
    if (existing.some((x) => x.type === 'correctionAsked'))
      details.push({ field: 'type', message: '补正只能一次性告知（条例第三十条），本申请已经告知过补正' });
    const limit = calendar.addWorkingDays(application.receivedOn, CORRECTION_ASK_WORKING_DAYS);
    if (e.date > limit)
      details.push({
        field: 'date',
        message: `告知补正须在收到申请后${CORRECTION_ASK_WORKING_DAYS}个工作日内，即${limit}前（条例第三十条）`,
      });
  }
  if (e.type === 'extended') {
    if (existing.some((x) => x.type === 'extended'))
      details.push({ field: 'type', message: '答复期限只能延长一次（条例第三十三条），本申请已经延长过' });
    if (before.due !== null && e.date > before.due)
      details.push({
        field: 'date',
        message: `延长答复期限须在期限（${before.due}）届满前决定（条例第三十三条）`,
      });
  }
  return details;
};

/**
 * Records one clock event of an application with its audit record, in one transaction, and
 * returns the deadline it leads to. Refuses (AppError VALIDATION, field by field) what the law
 * would not allow the agency: what the checks above name, and, for the agency's own decisions,
 * anything else the deadline engine warns about that it did not warn about before.
 */
export async function recordApplicationEvent(
  db: Kysely<DB>,
  options: RecordApplicationEventOptions,
): Promise<{ eventId: number; deadline: DeadlineResult }> {
  const input = parseInput(recordEventSchema, options.event);
  return withTransaction(db, async (trx) => {
    const application = await findApplication(trx, options.applicationId);
    if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
    const existing = deadlineEventsOf((await eventsOf(trx, [application.id])).get(application.id) ?? []);
    const calendar = await loadCalendar(trx);
    const agency = await trx
      .selectFrom('agencies')
      .select('fee_pauses_clock')
      .where('id', '=', application.agencyId)
      .executeTakeFirstOrThrow();
    const engine = { feePausesClock: agency.fee_pauses_clock !== 0 };
    if (application.status !== 'open')
      throw new AppError('CONFLICT', '本申请已办结，不能再记录办理事件', [
        { field: 'type', message: '本申请已办结，不能再记录办理事件' },
      ]);
    if (application.stage !== 'processing')
      throw new AppError('CONFLICT', '本申请已作出或报批答复决定，不能再记录计时事件', [
        { field: 'type', message: '本申请已作出或报批答复决定，不能再记录计时事件' },
      ]);
    const before = computeDeadline(existing, calendar, engine);
    const details = refusals(application, existing, before, input, beijingDate(options.now), calendar);
    if (details.length === 0 && AGENCY_DECISIONS.has(input.type)) {
      const after = computeDeadline(byDate([...existing, toDeadlineEvent(input)]), calendar, engine);
      for (const w of after.warnings)
        if (!isCaveat(w) && !before.warnings.includes(w))
          details.push({ message: `依法不能记录此事件：${w}` });
    }
    const fee = input.type === 'feeNoticed' ? feeDetail(input) : null;
    if (fee !== null && fee.amountYuan === 0)
      details.push({ field: 'feeMethod', message: '按此计算不收取信息处理费，无需发出收费通知' });
    if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);

    const now = options.now.toISOString();
    const { id } = await trx
      .insertInto('application_events')
      .values({
        application_id: application.id,
        type: input.type,
        date: input.date,
        working_days: input.workingDays ?? null,
        until: input.until ?? null,
        note: input.note ?? null,
        actor_user_id: options.actor.userId,
        recorded_at: now,
        detail_json: fee === null ? null : JSON.stringify(fee),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('applications').set({ updated_at: now }).where('id', '=', application.id).execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.event',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      after: { eventId: id, ...input },
    });
    const deadline = await refreshDeadline(trx, application.id, calendar);
    return { eventId: id, deadline };
  });
}
