import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import {
  type Application,
  type ApplicationEvent,
  eventsOf,
  findApplication,
} from './application.repository.ts';
import type { DecisionDetail } from './decision.ts';
import { OUTCOME_DEFINITIONS, OUTCOMES, type Outcome, outcomeFamily } from './outcomes.ts';
import { appendWorkflowEvent } from './workflow-event.repository.ts';
import { beijingToday, blankToUndefined, dateField, optionalText } from './workflow-input.ts';

const decisionSchema = z
  .object({
    outcome: z.enum(OUTCOMES, { errorMap: () => ({ message: '请选择办理结果' }) }),
    date: dateField('决定日期'),
    reason: optionalText('具体理由', 2000),
    referredAgencyName: optionalText('负责公开该信息的机关名称', 100),
    referredAgencyContact: optionalText('该机关的联系方式', 200),
  })
  .superRefine((d, ctx) => {
    const family = outcomeFamily(d.outcome);
    if ((family === 'partial' || family === 'withheld') && d.reason === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: '不予公开或部分公开须写明具体理由（条例第三十六条第（三）项、第三十七条）',
      });
    if (d.referredAgencyContact !== undefined && d.referredAgencyName === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['referredAgencyName'],
        message: '请填写负责公开该信息的机关名称',
      });
    if (d.referredAgencyName !== undefined && d.outcome !== 'unable.notHeld')
      ctx.addIssue({
        code: 'custom',
        path: ['referredAgencyName'],
        message: '只有“本机关不掌握相关政府信息”才告知负责公开的机关（条例第三十六条第（五）项）',
      });
  });

const returnSchema = z.object({
  note: z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: '请填写退回理由' })
      .trim()
      .min(1, '请填写退回理由')
      .max(1000, '退回理由不能超过 1000 个字'),
  ),
});

const approveSchema = z.object({ note: optionalText('审批意见', 1000) });

const latest = (events: readonly ApplicationEvent[], type: string) =>
  events.filter((e) => e.type === type).at(-1);

/** What the outcome needs from the record before it can be chosen, field by field. */
const outcomeRefusals = (
  outcome: Outcome,
  events: readonly ApplicationEvent[],
  date: string,
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  const family = outcomeFamily(outcome);
  if (family === 'granted' || family === 'partial') {
    const review = latest(events, 'secrecyReviewed')?.detail?.result;
    if (review === undefined)
      details.push({
        field: 'outcome',
        message: '公开政府信息前须先完成保密审查（条例第十七条），请先记录保密审查',
      });
    else if (review === 'secret')
      details.push({
        field: 'outcome',
        message: '保密审查认定所申请信息属于国家秘密，不能予以公开或部分公开',
      });
    else if (review === 'redacted' && family === 'granted')
      details.push({ field: 'outcome', message: '保密审查认定须区分处理，只能部分公开' });
  }
  const asked = latest(events, 'correctionAsked');
  const corrected = latest(events, 'correctionReceived');
  if (outcome === 'other.noCorrection') {
    if (asked === undefined || (corrected !== undefined && corrected.date >= asked.date))
      details.push({ field: 'outcome', message: '没有未补正的补正告知，不能以“逾期不补正”办结' });
    else if (asked.until !== null && date <= asked.until)
      details.push({ field: 'date', message: `补正期限（${asked.until}）尚未届满，不能以“逾期不补正”办结` });
  }
  if (outcome === 'unable.stillUnclear' && corrected === undefined)
    details.push({ field: 'outcome', message: '申请人尚未补正，不能以“补正后申请内容仍不明确”办结' });
  if (outcome === 'other.noFee') {
    const noticed = latest(events, 'feeNoticed');
    const paid = latest(events, 'feePaid');
    if (noticed === undefined || (paid !== undefined && paid.date >= noticed.date))
      details.push({ field: 'outcome', message: '没有未缴费的收费通知，不能以“逾期未缴费”办结' });
  }
  return details;
};

const stageRefusal = (application: Application): ErrorDetail | null => {
  if (application.outcome !== null)
    return {
      field: 'outcome',
      message: `本申请已作出答复（${OUTCOME_DEFINITIONS[application.outcome].label}），每件申请只能有一个办理结果`,
    };
  if (application.stage === 'awaitingApproval')
    return { field: 'outcome', message: '本申请的拟办意见正在等待负责人审批' };
  if (application.status !== 'open') return { field: 'outcome', message: '本申请已办结' };
  return null;
};

const makeDecided = async (
  trx: Kysely<DB>,
  application: Application,
  decision: DecisionDetail,
  decidedOn: string,
  approvedBy: number | null | undefined,
  options: { actor: Actor; now: Date; note?: string | undefined },
) => {
  const made: DecisionDetail = {
    ...decision,
    decidedOn,
    ...(approvedBy === undefined ? {} : { approvedBy }),
  };
  await trx
    .updateTable('applications')
    .set({
      stage: 'decided',
      outcome: decision.outcome,
      decided_on: decidedOn,
      decision_json: JSON.stringify(made),
    })
    .where('id', '=', application.id)
    .execute();
  const label = OUTCOME_DEFINITIONS[decision.outcome].label;
  const referred = decision.referredAgency ? `，告知向${decision.referredAgency.name}申请` : '';
  await appendWorkflowEvent(trx, {
    applicationId: application.id,
    type: 'decided',
    date: decidedOn,
    detail: { outcome: decision.outcome, summary: `作出答复决定：${label}${referred}` },
    note: options.note,
    actor: options.actor,
    now: options.now,
  });
  await recordAudit(trx, {
    at: options.now,
    ...actorFields(options.actor),
    action: 'application.decide',
    entityType: 'application',
    entityId: application.id,
    agencyId: application.agencyId,
    after: made,
  });
};

const loadOpen = async (trx: Kysely<DB>, id: number) => {
  const application = await findApplication(trx, id);
  if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
  return application;
};

/**
 * The handler's decision: the one outcome of the application, with its particulars. Where the
 * agency wants decisions approved (agencies.decisions_need_approval) and the actor is not an
 * approver, it becomes a proposal awaiting the approver; otherwise it is made at once.
 * Returns the stage the application is in afterwards.
 */
export async function decideApplication(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actorIsApprover: boolean; actor: Actor; now: Date },
): Promise<'decided' | 'awaitingApproval'> {
  const input = parseInput(decisionSchema, options.input);
  return withTransaction(db, async (trx) => {
    const application = await loadOpen(trx, options.applicationId);
    const all = (await eventsOf(trx, [application.id])).get(application.id) ?? [];
    // A reopened application (src/appeals: by order of a reconsideration body or a court) has
    // lost its outcome, so stageRefusal lets a second decision through; that decision rests on
    // what was done in the new handling only.
    const reopenedAt = all.findLastIndex((e) => e.type === 'reopened');
    const events = reopenedAt < 0 ? all : all.slice(reopenedAt);
    const details: ErrorDetail[] = [];
    const stage = stageRefusal(application);
    if (stage !== null) details.push(stage);
    if (input.date < application.receivedOn)
      details.push({ field: 'date', message: `决定日期不能早于收到申请的日期（${application.receivedOn}）` });
    const reopenedOn = all[reopenedAt]?.date;
    if (reopenedOn !== undefined && input.date < reopenedOn)
      details.push({
        field: 'date',
        message: `决定日期不能早于依复议决定或判决重新办理的日期（${reopenedOn}）`,
      });
    if (input.date > beijingToday(options.now))
      details.push({ field: 'date', message: '决定日期不能晚于今天' });
    if (stage === null) details.push(...outcomeRefusals(input.outcome, events, input.date));
    if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);

    const decision: DecisionDetail = {
      outcome: input.outcome,
      reason: input.reason ?? '',
      ...(input.referredAgencyName === undefined
        ? {}
        : {
            referredAgency: {
              name: input.referredAgencyName,
              ...(input.referredAgencyContact === undefined ? {} : { contact: input.referredAgencyContact }),
            },
          }),
      proposedBy: options.actor.userId,
      proposedAt: options.now.toISOString(),
    };
    const agency = await trx
      .selectFrom('agencies')
      .select('decisions_need_approval')
      .where('id', '=', application.agencyId)
      .executeTakeFirstOrThrow();
    if (agency.decisions_need_approval === 1 && !options.actorIsApprover) {
      await trx
        .updateTable('applications')
        .set({
          stage: 'awaitingApproval',
          decision_json: JSON.stringify({ ...decision, decidedOn: input.date }),
        })
        .where('id', '=', application.id)
        .execute();
      await appendWorkflowEvent(trx, {
        applicationId: application.id,
        type: 'decisionProposed',
        date: input.date,
        detail: {
          outcome: input.outcome,
          summary: `拟办意见：${OUTCOME_DEFINITIONS[input.outcome].label}，报负责人审批`,
        },
        actor: options.actor,
        now: options.now,
      });
      await recordAudit(trx, {
        at: options.now,
        ...actorFields(options.actor),
        action: 'application.propose',
        entityType: 'application',
        entityId: application.id,
        agencyId: application.agencyId,
        after: decision,
      });
      return 'awaitingApproval';
    }
    await makeDecided(
      trx,
      application,
      decision,
      input.date,
      options.actorIsApprover ? options.actor.userId : undefined,
      {
        actor: options.actor,
        now: options.now,
      },
    );
    return 'decided';
  });
}

/** The approver approves the proposal: the decision is made on the day of approval. */
export async function approveDecision(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(approveSchema, options.input);
  await withTransaction(db, async (trx) => {
    const application = await loadOpen(trx, options.applicationId);
    if (application.stage !== 'awaitingApproval' || application.decision === null)
      throw new AppError('CONFLICT', '本申请没有待审批的拟办意见', [
        { message: '本申请没有待审批的拟办意见' },
      ]);
    const today = beijingToday(options.now);
    const proposedOn = application.decision.decidedOn ?? today;
    await makeDecided(
      trx,
      application,
      application.decision,
      proposedOn.localeCompare(today) > 0 ? proposedOn : today,
      options.actor.userId,
      {
        actor: options.actor,
        now: options.now,
        note: input.note,
      },
    );
  });
}

/** The approver sends the proposal back with reasons; the handler decides again. */
export async function returnDecision(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(returnSchema, options.input);
  await withTransaction(db, async (trx) => {
    const application = await loadOpen(trx, options.applicationId);
    if (application.stage !== 'awaitingApproval')
      throw new AppError('CONFLICT', '本申请没有待审批的拟办意见', [
        { message: '本申请没有待审批的拟办意见' },
      ]);
    await trx
      .updateTable('applications')
      .set({ stage: 'processing', decision_json: null })
      .where('id', '=', application.id)
      .execute();
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'decisionReturned',
      date: beijingToday(options.now),
      detail: { summary: `负责人退回拟办意见：${input.note}` },
      note: input.note,
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.returnDecision',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      before: application.decision,
      after: { note: input.note },
    });
  });
}
