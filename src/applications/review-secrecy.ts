import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findApplication } from './application.repository.ts';
import { SECRECY_RESULT_LABELS, SECRECY_RESULTS } from './decision.ts';
import { appendWorkflowEvent } from './workflow-event.repository.ts';
import { beijingToday, dateField, optionalText } from './workflow-input.ts';

const reviewSchema = z.object({
  result: z.enum(SECRECY_RESULTS, { errorMap: () => ({ message: '请选择保密审查结论' }) }),
  date: dateField('审查日期'),
  reviewer: z
    .string({ required_error: '请填写审查人' })
    .trim()
    .min(1, '请填写审查人')
    .max(100, '审查人不能超过 100 个字'),
  note: optionalText('审查意见', 1000),
});

/**
 * 保密审查 (Art. 17): recorded before any information is released; deciding 予以公开 or 部分公开
 * needs a review that cleared it. A later review supersedes an earlier one.
 */
export async function recordSecrecyReview(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(reviewSchema, options.input);
  await withTransaction(db, async (trx) => {
    const application = await findApplication(trx, options.applicationId);
    if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
    const problems = [];
    if (application.status !== 'open' || application.stage !== 'processing')
      problems.push({ field: 'result', message: '答复决定已作出或已报批，不能再记录保密审查' });
    if (input.date < application.receivedOn)
      problems.push({
        field: 'date',
        message: `审查日期不能早于收到申请的日期（${application.receivedOn}）`,
      });
    if (input.date > beijingToday(options.now))
      problems.push({ field: 'date', message: '审查日期不能晚于今天' });
    if (problems.length > 0) throw new AppError('VALIDATION', problems[0]?.message, problems);
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'secrecyReviewed',
      date: input.date,
      detail: {
        result: input.result,
        reviewer: input.reviewer,
        summary: `保密审查（${input.reviewer}）：${SECRECY_RESULT_LABELS[input.result]}`,
      },
      note: input.note,
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.secrecyReview',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      after: input,
    });
  });
}
