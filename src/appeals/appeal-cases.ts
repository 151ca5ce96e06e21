import type { Kysely, Selectable } from 'kysely';
import { type Application, findApplication } from '../applications/application.repository.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency } from '../orgs/agency.repository.ts';
import {
  type AppealCaseInput,
  appealCaseSchema,
  appealResponseSchema,
  appealResultSchema,
  dateOrderProblems,
} from './appeal-case.schema.ts';
import type { AppealCaseTable, AppealKind, AppealResult } from './appeal-case.table.ts';
import { type AppealDuty, appealDuty } from './appeal-deadline.ts';
import { reopenApplication } from './reopen-application.ts';

/** A case as the workbench shows it, with the application's number and the agency's name. */
export interface AppealCase {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly applicationId: number | null;
  readonly applicationNumber: string | null;
  readonly kind: AppealKind;
  readonly priorCaseId: number | null;
  readonly caseNumber: string | null;
  readonly body: string;
  /** Personal data: masked by the presenter for roles that must not see it. */
  readonly claimantName: string | null;
  readonly subject: string | null;
  readonly filedOn: string;
  readonly copyReceivedOn: string | null;
  readonly respondedOn: string | null;
  readonly result: AppealResult | null;
  readonly decidedOn: string | null;
  readonly resultNote: string | null;
  readonly reopensApplication: boolean;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Row = Selectable<AppealCaseTable> & { agency_name: string; tracking_number: string | null };

const toCase = (r: Row): AppealCase => ({
  id: r.id,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  applicationId: r.application_id,
  applicationNumber: r.tracking_number,
  kind: r.kind,
  priorCaseId: r.prior_case_id,
  caseNumber: r.case_number,
  body: r.body,
  claimantName: r.claimant_name,
  subject: r.subject,
  filedOn: r.filed_on,
  copyReceivedOn: r.copy_received_on,
  respondedOn: r.responded_on,
  result: r.result,
  decidedOn: r.decided_on,
  resultNote: r.result_note,
  reopensApplication: r.reopens_application === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const selectCases = (db: Kysely<DB>) =>
  db
    .selectFrom('appeal_cases')
    .innerJoin('agencies', 'agencies.id', 'appeal_cases.agency_id')
    .leftJoin('applications', 'applications.id', 'appeal_cases.application_id')
    .selectAll('appeal_cases')
    .select(['agencies.name as agency_name', 'applications.tracking_number']);

export async function findAppealCase(db: Kysely<DB>, id: number): Promise<AppealCase | null> {
  const row = await selectCases(db).where('appeal_cases.id', '=', id).executeTakeFirst();
  return row ? toCase(row) : null;
}

export interface AppealFilters {
  /** The agencies whose cases may be listed (the user's subtrees). */
  readonly agencyIds: readonly number[];
  readonly kind?: AppealKind | undefined;
  /** Only cases without a result. */
  readonly pending?: boolean | undefined;
  /** Cases filed in this year. */
  readonly year?: number | undefined;
  readonly applicationId?: number | undefined;
  readonly limit?: number | undefined;
}

/** Cases of these agencies, the latest filed first. */
export async function listAppealCases(db: Kysely<DB>, f: AppealFilters): Promise<AppealCase[]> {
  if (f.agencyIds.length === 0) return [];
  let q = selectCases(db).where('appeal_cases.agency_id', 'in', f.agencyIds);
  if (f.kind !== undefined) q = q.where('appeal_cases.kind', '=', f.kind);
  if (f.pending) q = q.where('appeal_cases.result', 'is', null);
  if (f.year !== undefined)
    q = q
      .where('appeal_cases.filed_on', '>=', `${f.year}-01-01`)
      .where('appeal_cases.filed_on', '<=', `${f.year}-12-31`);
  if (f.applicationId !== undefined) q = q.where('appeal_cases.application_id', '=', f.applicationId);
  const rows = await q
    .orderBy('appeal_cases.filed_on', 'desc')
    .orderBy('appeal_cases.id', 'desc')
    .limit(f.limit ?? 1000)
    .execute();
  return rows.map(toCase);
}

/** The reply or defence due of a case, when its copy's receipt is recorded. */
export const dutyOf = (c: AppealCase, calendar: WorkingCalendar): AppealDuty | null =>
  c.copyReceivedOn === null ? null : appealDuty(c.kind, c.copyReceivedOn, calendar);

/**
 * The reminders of the workbench home: replies and defences not yet made whose last day is
 * within `withinDays` calendar days of today, and those already overdue.
 */
export async function appealDutyCounts(
  db: Kysely<DB>,
  options: { agencyIds: readonly number[]; today: string; calendar: WorkingCalendar; withinDays?: number },
): Promise<{ dueSoon: number; overdue: number }> {
  if (options.agencyIds.length === 0) return { dueSoon: 0, overdue: 0 };
  const rows = await db
    .selectFrom('appeal_cases')
    .select(['kind', 'copy_received_on'])
    .where('agency_id', 'in', options.agencyIds)
    .where('responded_on', 'is', null)
    .where('copy_received_on', 'is not', null)
    .execute();
  const within = options.withinDays ?? 3;
  let dueSoon = 0;
  let overdue = 0;
  const today = Date.parse(`${options.today}T00:00:00Z`);
  for (const r of rows) {
    const due = appealDuty(r.kind, r.copy_received_on ?? '', options.calendar).due;
    const left = (Date.parse(`${due}T00:00:00Z`) - today) / 86_400_000;
    if (left < 0) overdue++;
    else if (left <= within) dueSoon++;
  }
  return { dueSoon, overdue };
}

// ---------------------------------------------------------------------------------------------
// Writes: each one transaction with its audit row.

const refuse = (details: ErrorDetail[]): never => {
  throw new AppError('VALIDATION', details[0]?.message ?? '提交的内容有误', details);
};

const loadCase = async (trx: Kysely<DB>, id: number): Promise<AppealCase> => {
  const found = await findAppealCase(trx, id);
  if (found === null) throw new AppError('NOT_FOUND', '未找到该案件');
  return found;
};

/** The application a case is about, by its number: it must be the agency's (received or handled there). */
const applicationFor = async (
  trx: Kysely<DB>,
  agencyId: number,
  number: string | undefined,
  details: ErrorDetail[],
): Promise<Application | null> => {
  if (number === undefined) return null;
  const row = await trx
    .selectFrom('applications')
    .select('id')
    .where('tracking_number', '=', number.toUpperCase())
    .executeTakeFirst();
  const application = row === undefined ? null : await findApplication(trx, row.id);
  if (application === null) {
    details.push({ field: 'applicationNumber', message: `未找到申请编号为 ${number} 的申请` });
    return null;
  }
  if (application.agencyId !== agencyId && application.handlingAgencyId !== agencyId) {
    details.push({
      field: 'applicationNumber',
      message: '该申请不是本案被申请人（被告）机关收到或承办的申请',
    });
    return null;
  }
  return application;
};

/** Checks that depend on other rows: the application, the prior reconsideration. */
const linkProblems = async (
  trx: Kysely<DB>,
  agencyId: number,
  input: AppealCaseInput,
  selfId: number | null,
  details: ErrorDetail[],
): Promise<Application | null> => {
  const application = await applicationFor(trx, agencyId, input.applicationNumber, details);
  if (application !== null && input.filedOn < application.receivedOn)
    details.push({
      field: 'filedOn',
      message: `申请复议或起诉的日期不能早于收到该政府信息公开申请的日期（${application.receivedOn}）`,
    });
  if (input.priorCaseId !== undefined) {
    if (input.kind !== 'litigationAfterReview')
      details.push({ field: 'priorCaseId', message: '只有复议后起诉的案件才关联此前的复议案件' });
    else {
      const prior = await findAppealCase(trx, input.priorCaseId);
      if (
        prior === null ||
        prior.id === selfId ||
        prior.agencyId !== agencyId ||
        prior.kind !== 'reconsideration'
      )
        details.push({ field: 'priorCaseId', message: '关联的复议案件须为同一机关的行政复议案件' });
      else if (prior.filedOn > input.filedOn)
        details.push({
          field: 'priorCaseId',
          message: `起诉日期不能早于所关联复议案件的申请日期（${prior.filedOn}）`,
        });
    }
  }
  return application;
};

const caseColumns = (input: AppealCaseInput, applicationId: number | null) => ({
  application_id: applicationId,
  kind: input.kind,
  prior_case_id: input.priorCaseId ?? null,
  case_number: input.caseNumber ?? null,
  body: input.body,
  claimant_name: input.claimantName ?? null,
  subject: input.subject ?? null,
  filed_on: input.filedOn,
  copy_received_on: input.copyReceivedOn ?? null,
  responded_on: input.respondedOn ?? null,
});

/** Records a case against an agency (linked to one of its applications, or to none). Returns its id. */
export async function createAppealCase(
  db: Kysely<DB>,
  options: { agencyId: number; input: unknown; actor: Actor; now: Date },
): Promise<number> {
  const input = parseInput(appealCaseSchema, options.input);
  return withTransaction(db, async (trx) => {
    const agency = await findAgency(trx, options.agencyId);
    if (agency === null) refuse([{ field: 'agencyId', message: '请选择被申请人（被告）机关' }]);
    const details: ErrorDetail[] = dateOrderProblems(input, options.now);
    const application = await linkProblems(trx, options.agencyId, input, null, details);
    if (details.length > 0) refuse(details);
    const at = options.now.toISOString();
    const { id } = await trx
      .insertInto('appeal_cases')
      .values({
        agency_id: options.agencyId,
        ...caseColumns(input, application?.id ?? null),
        created_at: at,
        updated_at: at,
        created_by: options.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'appeal.create',
      entityType: 'appealCase',
      entityId: id,
      agencyId: options.agencyId,
      after: input,
    });
    return id;
  });
}

/** Edits a case's particulars and dates (not its agency, not its result). */
export async function updateAppealCase(
  db: Kysely<DB>,
  options: { id: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(appealCaseSchema, options.input);
  await withTransaction(db, async (trx) => {
    const before = await loadCase(trx, options.id);
    const details: ErrorDetail[] = dateOrderProblems({ ...input, decidedOn: before.decidedOn }, options.now);
    if (before.decidedOn !== null && input.filedOn > before.decidedOn)
      details.push({
        field: 'filedOn',
        message: `申请复议或起诉的日期不能晚于结果日期（${before.decidedOn}）`,
      });
    const application = await linkProblems(trx, before.agencyId, input, before.id, details);
    if (before.reopensApplication && (application?.id ?? null) !== before.applicationId)
      details.push({
        field: 'applicationNumber',
        message: '该案件已据以重新办理所涉申请，不能再改变关联的申请',
      });
    if (input.kind !== 'reconsideration' && before.kind === 'reconsideration') {
      const follower = await trx
        .selectFrom('appeal_cases')
        .select('id')
        .where('prior_case_id', '=', before.id)
        .executeTakeFirst();
      if (follower !== undefined)
        details.push({ field: 'kind', message: '已有复议后起诉的案件关联本复议案件，不能改变案件类型' });
    }
    if (details.length > 0) refuse(details);
    await trx
      .updateTable('appeal_cases')
      .set({ ...caseColumns(input, application?.id ?? null), updated_at: options.now.toISOString() })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'appeal.update',
      entityType: 'appealCase',
      entityId: before.id,
      agencyId: before.agencyId,
      before: before,
      after: input,
    });
  });
}

/** The day the copy arrived and, once made, the day the reply or defence was handed in. */
export async function recordAppealResponse(
  db: Kysely<DB>,
  options: { id: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(appealResponseSchema, options.input);
  await withTransaction(db, async (trx) => {
    const before = await loadCase(trx, options.id);
    const details = dateOrderProblems({ ...before, ...input }, options.now);
    if (details.length > 0) refuse(details);
    await trx
      .updateTable('appeal_cases')
      .set({
        copy_received_on: input.copyReceivedOn,
        responded_on: input.respondedOn ?? null,
        updated_at: options.now.toISOString(),
      })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'appeal.respond',
      entityType: 'appealCase',
      entityId: before.id,
      agencyId: before.agencyId,
      before: { copyReceivedOn: before.copyReceivedOn, respondedOn: before.respondedOn },
      after: input,
    });
  });
}

/**
 * The body's or the court's result. With `reopensApplication` (it ordered the agency to answer
 * anew) the application is reopened in the same transaction, on the day the order was received
 * (`reopenedOn`, by default the result's date). A result that reopened its application is final
 * here: the new handling has begun.
 */
export async function recordAppealResult(
  db: Kysely<DB>,
  options: { id: number; input: unknown; actor: Actor; now: Date; calendar?: WorkingCalendar },
): Promise<{ reopened: boolean }> {
  const input = parseInput(appealResultSchema, options.input);
  return withTransaction(db, async (trx) => {
    const before = await loadCase(trx, options.id);
    const details = dateOrderProblems({ ...before, decidedOn: input.decidedOn }, options.now);
    if (before.reopensApplication)
      details.push({ field: 'result', message: '该结果已据以重新办理所涉申请，不能再修改' });
    const reopenedOn = input.reopenedOn ?? input.decidedOn;
    if (input.reopensApplication) {
      if (before.applicationId === null)
        details.push({ field: 'reopensApplication', message: '本案件没有关联申请，无法重新办理' });
      if (input.reopenedOn !== undefined && input.reopenedOn < input.decidedOn)
        details.push({
          field: 'reopenedOn',
          message: `收到重新办理决定的日期不能早于结果日期（${input.decidedOn}）`,
        });
      if (reopenedOn > new Date(options.now.getTime() + 8 * 3600_000).toISOString().slice(0, 10))
        details.push({ field: 'reopenedOn', message: '收到重新办理决定的日期不能晚于今天' });
    } else if (input.reopenedOn !== undefined)
      details.push({ field: 'reopenedOn', message: '只有责令重新答复的结果才填写收到重新办理决定的日期' });
    if (details.length > 0) refuse(details);
    await trx
      .updateTable('appeal_cases')
      .set({
        result: input.result,
        decided_on: input.decidedOn,
        result_note: input.resultNote ?? null,
        reopens_application: input.reopensApplication ? 1 : 0,
        updated_at: options.now.toISOString(),
      })
      .where('id', '=', before.id)
      .execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'appeal.decide',
      entityType: 'appealCase',
      entityId: before.id,
      agencyId: before.agencyId,
      before: { result: before.result, decidedOn: before.decidedOn },
      after: input,
    });
    if (input.reopensApplication && before.applicationId !== null)
      await reopenApplication(trx, {
        applicationId: before.applicationId,
        appeal: { ...before, result: input.result, decidedOn: input.decidedOn },
        reopenedOn,
        actor: options.actor,
        now: options.now,
        calendar: options.calendar ?? (await loadCalendar(trx)),
      });
    return { reopened: input.reopensApplication };
  });
}
