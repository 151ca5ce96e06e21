import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findApplication } from './application.repository.ts';
import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS, DELIVERY_PROOF_LABELS } from './decision.ts';
import { appendWorkflowEvent } from './workflow-event.repository.ts';
import { beijingToday, blankToUndefined, dateField, optionalText } from './workflow-input.ts';

const deliverySchema = z
  .object({
    method: z.enum(DELIVERY_METHODS, { errorMap: () => ({ message: '请选择送达方式' }) }),
    date: dateField('送达日期'),
    proof: z.preprocess(blankToUndefined, z.string().trim().max(500, '送达凭证不能超过 500 个字').optional()),
    note: optionalText('备注', 500),
  })
  .superRefine((d, ctx) => {
    if (d.proof === undefined && d.method !== 'online')
      ctx.addIssue({
        code: 'custom',
        path: ['proof'],
        message: `请填写送达凭证：${DELIVERY_PROOF_LABELS[d.method]}`,
      });
  });

/**
 * 送达: the reply reached the applicant, with the proof the case file keeps (a registered-post
 * number, an e-mail receipt, a signature). Closes the application. A delivery after the reply
 * deadline is recorded as it happened and marked late.
 */
export async function deliverApplication(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<{ late: boolean }> {
  const input = parseInput(deliverySchema, options.input);
  return withTransaction(db, async (trx) => {
    const application = await findApplication(trx, options.applicationId);
    if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
    const details: ErrorDetail[] = [];
    if (application.stage !== 'decided' || application.decidedOn === null)
      details.push({
        field: 'method',
        message:
          application.stage === 'delivered' ? '答复已经送达，本申请已办结' : '尚未作出答复决定，不能记录送达',
      });
    else if (input.date < application.decidedOn)
      details.push({ field: 'date', message: `送达日期不能早于决定日期（${application.decidedOn}）` });
    if (input.date > beijingToday(options.now))
      details.push({ field: 'date', message: '送达日期不能晚于今天' });
    if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);

    const due = application.deadline.due;
    const late = due !== null && input.date > due;
    await trx
      .updateTable('applications')
      .set({ stage: 'delivered', status: 'closed', delivered_on: input.date })
      .where('id', '=', application.id)
      .execute();
    const proof = input.proof ?? '门户送达';
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'delivered',
      date: input.date,
      detail: {
        method: input.method,
        proof,
        late,
        summary: `${DELIVERY_METHOD_LABELS[input.method]}送达，凭证：${proof}${late ? `（超过答复期限${due}）` : ''}`,
      },
      note: input.note,
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.deliver',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      after: { ...input, late },
    });
    return { late };
  });
}
