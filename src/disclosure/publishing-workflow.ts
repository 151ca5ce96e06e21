import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../audit-log/actor.ts';
import type { AuditAction } from '../audit-log/audit-action.ts';
import { isIsoDate } from '../calendar/day.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import {
  type DisclosureItem,
  type ReviewStatus,
  toDisclosureItem,
  VALIDITIES,
} from './disclosure-item.table.ts';
import { auditItem, getItem, requirePublishable } from './disclosure-items.ts';

/**
 * The steps before an item is published (issue 5, item 2): the publisher sends a draft to
 * 保密审查 (requestReview); the review is recorded (recordItemReview: cleared → 'reviewed',
 * refused → back to 'draft'); the approver approves it or returns it (approveItem); then
 * publishItem (disclosure-items.ts) publishes only an approved item, and withdrawItem takes it
 * down (a withdrawn item goes through review and approval again before it is republished).
 * Each step is one transaction with its audit record; a step out of order is a CONFLICT and
 * writes nothing. Who may take which step is the web layer's to check.
 */

export const STAGES = ['draft', 'inReview', 'reviewed', 'approved', 'published', 'withdrawn'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  draft: '草稿',
  inReview: '保密审查中',
  reviewed: '待审批',
  approved: '已批准，待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Where an item stands: its status once published or withdrawn (and not yet sent again), else its review step. */
export const stageOf = (item: Pick<DisclosureItem, 'status' | 'reviewStatus'>): Stage =>
  item.status === 'published'
    ? 'published'
    : item.status === 'withdrawn' && item.reviewStatus === 'draft'
      ? 'withdrawn'
      : item.reviewStatus;

const STAGE_NOT_ALLOWED: Record<ReviewStatus, string> = {
  draft: '该信息还是草稿，尚未送保密审查',
  inReview: '该信息正在保密审查中',
  reviewed: '该信息已通过保密审查，正在等待审批',
  approved: '该信息已经批准，等待发布',
};

/**
 * Moves the review step from `from` to `to` if the item is unpublished and still at `from`;
 * otherwise a CONFLICT naming where it stands (a concurrent step makes it one too).
 */
const moveReview = async (
  trx: Kysely<DB>,
  options: { itemId: number; actor: Actor; now: Date },
  from: ReviewStatus,
  to: ReviewStatus,
  action: AuditAction,
  extra: object,
  check?: (item: DisclosureItem) => void,
): Promise<DisclosureItem> => {
  const before = await getItem(trx, options.itemId);
  if (before.status === 'published')
    throw new AppError('CONFLICT', '该信息已经发布，不能再办理发布前的审查和审批');
  if (before.reviewStatus !== from)
    throw new AppError('CONFLICT', `${STAGE_NOT_ALLOWED[before.reviewStatus]}，不能办理此步骤`);
  check?.(before);
  const row = await trx
    .updateTable('disclosure_items')
    .set({ review_status: to, updated_at: options.now.toISOString() })
    .where('id', '=', before.id)
    .where('review_status', '=', from)
    .where('status', '<>', 'published')
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new AppError('CONFLICT', '该信息的状态已被他人修改，请刷新后重试');
  const item = toDisclosureItem(row);
  await auditItem(trx, options, action, before, item, extra);
  return item;
};

const note = (label: string) =>
  z.preprocess(
    (v) => (v === null || v === undefined ? '' : v),
    z
      .string({ invalid_type_error: `${label}应为文字` })
      .trim()
      .max(500, `${label}不能超过 500 个字`),
  );

const requestSchema = z.object({ note: note('送审说明') });

/** The publisher sends a draft with a title and a body to 保密审查. */
export async function requestReview(
  db: Kysely<DB>,
  options: { itemId: number; input?: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(requestSchema, options.input ?? {});
  return withTransaction(db, (trx) =>
    moveReview(
      trx,
      options,
      'draft',
      'inReview',
      'disclosure.reviewRequest',
      input.note === '' ? {} : { note: input.note },
      (item) => requirePublishable(item.title, item.bodyText),
    ),
  );
}

export const REVIEW_RESULTS = ['cleared', 'refused'] as const;
export type ReviewResult = (typeof REVIEW_RESULTS)[number];
export const REVIEW_RESULT_LABELS: Record<ReviewResult, string> = {
  cleared: '通过，可以公开',
  refused: '不通过，退回修改',
};

const reviewSchema = z
  .object({
    result: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(REVIEW_RESULTS, { errorMap: () => ({ message: '请选择保密审查结果' }) }),
    ),
    reviewer: z.preprocess(
      (v) => v ?? '',
      z
        .string({ invalid_type_error: '审查人应为文字' })
        .trim()
        .min(1, '请填写审查人')
        .max(50, '审查人不能超过 50 个字'),
    ),
    note: note('审查意见'),
  })
  .superRefine((r, ctx) => {
    if (r.result === 'refused' && r.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: '审查不通过时请写明审查意见' });
  });

/** The result of 保密审查: cleared → ready for approval; refused → back to the publisher as a draft. */
export async function recordItemReview(
  db: Kysely<DB>,
  options: { itemId: number; input: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(reviewSchema, options.input);
  return withTransaction(db, (trx) =>
    moveReview(
      trx,
      options,
      'inReview',
      input.result === 'cleared' ? 'reviewed' : 'draft',
      'disclosure.review',
      { result: input.result, reviewer: input.reviewer, ...(input.note === '' ? {} : { note: input.note }) },
    ),
  );
}

export const APPROVAL_VERDICTS = ['approve', 'return'] as const;
export type ApprovalVerdict = (typeof APPROVAL_VERDICTS)[number];

const approvalSchema = z
  .object({
    verdict: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(APPROVAL_VERDICTS, { errorMap: () => ({ message: '请选择批准发布或退回修改' }) }),
    ),
    note: note('审批意见'),
  })
  .superRefine((a, ctx) => {
    if (a.verdict === 'return' && a.note === '')
      ctx.addIssue({ code: 'custom', path: ['note'], message: '退回时请写明审批意见' });
  });

/** The approver approves a reviewed item for publishing, or returns it to the publisher as a draft. */
export async function approveItem(
  db: Kysely<DB>,
  options: { itemId: number; input: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(approvalSchema, options.input);
  const approve = input.verdict === 'approve';
  return withTransaction(db, (trx) =>
    moveReview(
      trx,
      options,
      'reviewed',
      approve ? 'approved' : 'draft',
      approve ? 'disclosure.approve' : 'disclosure.return',
      input.note === '' ? {} : { note: input.note },
    ),
  );
}

const validitySchema = z
  .object({
    validity: z.enum(VALIDITIES, { errorMap: () => ({ message: '效力状态应为现行有效或已废止' }) }),
    repealedOn: z.preprocess(
      (v) => (v === '' || v === null ? undefined : v),
      z
        .string({ invalid_type_error: '废止日期应为 YYYY-MM-DD 格式的有效日期' })
        .trim()
        .refine(isIsoDate, '废止日期应为 YYYY-MM-DD 格式的有效日期')
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.validity === 'repealed' && v.repealedOn === undefined)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '已废止的文件请填写废止日期' });
    if (v.validity === 'inForce' && v.repealedOn !== undefined)
      ctx.addIssue({ code: 'custom', path: ['repealedOn'], message: '只有已废止的文件才填写废止日期' });
  });

const beijingToday = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A rule or normative document repealed (with the day) or in force again, at any stage —
 * a published document stays on the portal, marked as repealed.
 */
export async function setValidity(
  db: Kysely<DB>,
  options: { itemId: number; input: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(validitySchema, options.input);
  const repealedOn = input.repealedOn ?? null;
  const refuse = (message: string) => new AppError('VALIDATION', message, [{ field: 'repealedOn', message }]);
  if (repealedOn !== null && repealedOn > beijingToday(options.now)) throw refuse('废止日期不能晚于今天');
  return withTransaction(db, async (trx) => {
    const before = await getItem(trx, options.itemId);
    if (before.documentType === null)
      throw new AppError('VALIDATION', '效力状态只适用于规章和规范性文件', [
        { field: 'validity', message: '效力状态只适用于规章和规范性文件' },
      ]);
    if (repealedOn !== null && before.madeOn !== null && repealedOn < before.madeOn)
      throw refuse('废止日期不能早于成文日期');
    const row = await trx
      .updateTable('disclosure_items')
      .set({ validity: input.validity, repealed_on: repealedOn, updated_at: options.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = toDisclosureItem(row);
    await auditItem(trx, options, 'disclosure.validity', before, item);
    return item;
  });
}
