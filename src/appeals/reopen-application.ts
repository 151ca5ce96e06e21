import type { Kysely } from 'kysely';
import { findApplication } from '../applications/application.repository.ts';
import { refreshDeadline } from '../applications/application-deadline.ts';
import { OUTCOME_DEFINITIONS } from '../applications/outcomes.ts';
import { appendWorkflowEvent } from '../applications/workflow-event.repository.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { AppealCase } from './appeal-cases.ts';
import { APPEAL_KIND_LABELS, APPEAL_RESULT_LABELS } from './appeal-labels.ts';

/**
 * A reconsideration body or a court ordered the agency to answer the application anew: in the
 * caller's transaction, the application goes back to 'processing' and 'open', its outcome,
 * decision and delivery are cleared (the earlier 'decided' and 'delivered' events stay in the
 * log as history), a 'reopened' event is appended on the day the order was received, and its
 * deadline restarts from that day (the engine treats 'reopened' as a new receipt).
 */
export async function reopenApplication(
  trx: Kysely<DB>,
  options: {
    applicationId: number;
    appeal: AppealCase;
    reopenedOn: string;
    actor: Actor;
    now: Date;
    calendar: WorkingCalendar;
  },
): Promise<void> {
  const application = await findApplication(trx, options.applicationId);
  if (application === null) throw new AppError('NOT_FOUND', '未找到所涉申请');
  const refuse = (message: string): never => {
    throw new AppError('VALIDATION', message, [{ field: 'reopensApplication', message }]);
  };
  if (application.outcome === null || application.decidedOn === null)
    refuse('所涉申请尚未作出答复决定，无需重新办理，请继续办理该申请');
  if (application.decidedOn !== null && options.reopenedOn < application.decidedOn)
    refuse(`收到重新办理决定的日期不能早于原答复决定的日期（${application.decidedOn}）`);
  const { appeal } = options;
  const previous = {
    outcome: application.outcome,
    decidedOn: application.decidedOn,
    deliveredOn: application.deliveredOn,
    stage: application.stage,
  };
  await trx
    .updateTable('applications')
    .set({
      status: 'open',
      stage: 'processing',
      outcome: null,
      decided_on: null,
      delivered_on: null,
      decision_json: null,
    })
    .where('id', '=', application.id)
    .execute();
  const result = appeal.result === null ? '' : `（${APPEAL_RESULT_LABELS[appeal.result]}）`;
  const previousLabel = application.outcome === null ? '' : OUTCOME_DEFINITIONS[application.outcome].label;
  await appendWorkflowEvent(trx, {
    applicationId: application.id,
    type: 'reopened',
    date: options.reopenedOn,
    detail: {
      appealCaseId: appeal.id,
      kind: appeal.kind,
      previous,
      summary: `${appeal.body}${appeal.caseNumber ? `（${appeal.caseNumber}）` : ''}${APPEAL_KIND_LABELS[appeal.kind]}结果${result}责令重新答复，原答复“${previousLabel}”（${application.decidedOn ?? ''}）撤销，重新办理`,
    },
    actor: options.actor,
    now: options.now,
  });
  await recordAudit(trx, {
    at: options.now,
    ...actorFields(options.actor),
    action: 'appeal.reopen',
    entityType: 'application',
    entityId: application.id,
    agencyId: application.agencyId,
    before: previous,
    after: { appealCaseId: appeal.id, reopenedOn: options.reopenedOn },
  });
  await refreshDeadline(trx, application.id, options.calendar);
}
