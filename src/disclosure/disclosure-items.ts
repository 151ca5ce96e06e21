import { createHash } from 'node:crypto';
import type { Kysely, Updateable } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import type { AuditAction } from '../audit-log/audit-action.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import { isIsoDate } from '../calendar/day.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import {
  type DisclosureItem,
  type DisclosureItemTable,
  type ItemStatus,
  type ReviewStatus,
  toDisclosureItem,
} from './disclosure-item.table.ts';
import { type ItemInput, itemSchema } from './item.schema.ts';
import { cleanRichText } from './sanitize-html.ts';
import { indexItem, unindexItem } from './search-index.ts';

/**
 * Items of proactive disclosure: created as drafts, edited, published, withdrawn. Each write
 * is one transaction with its audit record, and keeps the search index in step (only
 * published items are in it). Who may do what is the web layer's to check.
 */

/** Today in Beijing, the day the law counts in. */
const beijingToday = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export async function findItem(db: Kysely<DB>, id: number): Promise<DisclosureItem | null> {
  const row = await db.selectFrom('disclosure_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toDisclosureItem(row);
}

/** The item, or AppError('NOT_FOUND'). */
export async function getItem(db: Kysely<DB>, id: number): Promise<DisclosureItem> {
  const item = await findItem(db, id);
  if (item === null) throw new AppError('NOT_FOUND', `未找到主动公开信息（编号 ${id}）`);
  return item;
}

/** A published item of the agency, as the portal shows it; null when there is none (or not yet, or no more). */
export async function findPublishedItem(
  db: Kysely<DB>,
  options: { agencyId: number; itemId: number },
): Promise<DisclosureItem | null> {
  const row = await db
    .selectFrom('disclosure_items')
    .selectAll()
    .where('id', '=', options.itemId)
    .where('agency_id', '=', options.agencyId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row === undefined ? null : toDisclosureItem(row);
}

/** The columns an input sets; the body is cleaned here, whoever calls. */
const columnsOf = (input: ItemInput) => {
  const body = cleanRichText(input.bodyHtml);
  return {
    title: input.title,
    body_html: body.html,
    body_text: body.text,
    document_number: input.documentNumber ?? null,
    issuing_agency: input.issuingAgency ?? null,
    made_on: input.madeOn ?? null,
    changed_on: input.changedOn ?? null,
    article20_item: input.article20Item ?? null,
    category: input.category ?? null,
    tags: JSON.stringify(input.tags),
    channels: JSON.stringify(input.channels),
    document_type: input.documentType ?? null,
    validity: input.validity ?? null,
    repealed_on: input.repealedOn ?? null,
  } satisfies Updateable<DisclosureItemTable>;
};

/** What the audit log keeps of an item: every field, the body as its length and digest. */
const auditView = (item: DisclosureItem) => ({
  title: item.title,
  documentNumber: item.documentNumber,
  issuingAgency: item.issuingAgency,
  madeOn: item.madeOn,
  changedOn: item.changedOn,
  publishedOn: item.publishedOn,
  article20Item: item.article20Item,
  category: item.category,
  tags: item.tags,
  channels: item.channels,
  documentType: item.documentType,
  validity: item.validity,
  repealedOn: item.repealedOn,
  status: item.status,
  reviewStatus: item.reviewStatus,
  bodyLength: item.bodyText.length,
  bodySha256: createHash('sha256').update(item.bodyHtml).digest('hex'),
});

/** The audit record of a change to an item (the publishing workflow's steps use it too). */
export const auditItem = (
  db: Kysely<DB>,
  options: { actor: Actor; now: Date },
  action: AuditAction,
  before: DisclosureItem | null,
  after: DisclosureItem,
  extra: object = {},
) =>
  recordAudit(db, {
    at: options.now,
    ...actorFields(options.actor),
    action,
    entityType: 'disclosureItem',
    entityId: after.id,
    agencyId: after.agencyId,
    before: before === null ? null : auditView(before),
    after: { ...auditView(after), ...extra },
  });

const indexed = (item: DisclosureItem) => ({
  id: item.id,
  agencyId: item.agencyId,
  publishedOn: item.publishedOn,
  article20Item: item.article20Item,
  title: item.title,
  documentNumber: item.documentNumber,
  issuingAgency: item.issuingAgency,
  bodyText: item.bodyText,
});

/** A new draft of the agency. */
export async function createItem(
  db: Kysely<DB>,
  options: { agencyId: number; input: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(itemSchema, options.input);
  return withTransaction(db, async (trx) => {
    await getAgency(trx, options.agencyId);
    const at = options.now.toISOString();
    const row = await trx
      .insertInto('disclosure_items')
      .values({
        agency_id: options.agencyId,
        ...columnsOf(input),
        published_on: null,
        status: 'draft',
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = toDisclosureItem(row);
    await auditItem(trx, options, 'disclosure.create', null, item);
    return item;
  });
}

/**
 * Replaces an item's fields with the input (a form sends them all). A published item stays
 * published, and the index follows at once.
 */
export async function updateItem(
  db: Kysely<DB>,
  options: { itemId: number; input: unknown; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const input = parseInput(itemSchema, options.input);
  return withTransaction(db, async (trx) => {
    const before = await getItem(trx, options.itemId);
    if (before.status === 'published') requirePublishable(input.title, cleanRichText(input.bodyHtml).text);
    // A change to an item in review or approved undoes the review: what was cleared is not this.
    const reviewStatus: ReviewStatus = before.status === 'published' ? before.reviewStatus : 'draft';
    const row = await trx
      .updateTable('disclosure_items')
      .set({ ...columnsOf(input), review_status: reviewStatus, updated_at: options.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const item = toDisclosureItem(row);
    if (item.status === 'published') await indexItem(trx, indexed(item));
    await auditItem(trx, options, 'disclosure.update', before, item);
    return item;
  });
}

/** A published item needs a title and a body a reader can read. */
export const requirePublishable = (title: string, bodyText: string): void => {
  const details: ErrorDetail[] = [];
  if (title.trim() === '') details.push({ field: 'title', message: '发布前请填写标题' });
  if (bodyText.trim() === '') details.push({ field: 'bodyHtml', message: '发布前请填写正文' });
  if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);
};

/** Changes the status if it still is `from`; a concurrent change makes this a CONFLICT. */
const moveStatus = async (
  trx: Kysely<DB>,
  item: DisclosureItem,
  from: readonly ItemStatus[],
  set: { status: ItemStatus; published_on?: string; review_status?: ReviewStatus; updated_at: string },
): Promise<DisclosureItem> => {
  const row = await trx
    .updateTable('disclosure_items')
    .set(set)
    .where('id', '=', item.id)
    .where('status', 'in', [...from])
    .returningAll()
    .executeTakeFirst();
  if (row === undefined) throw new AppError('CONFLICT', '该信息的状态已被他人修改，请刷新后重试');
  return toDisclosureItem(row);
};

/**
 * Publishes a draft (or a withdrawn item again): it appears on the portal and in search.
 * Only an item that has been through 保密审查 and approval (publishing-workflow.ts) may be
 * published; `skipReview` is for items brought over from an old site (imports) and for the
 * demo data only, never for the workbench. `publishedOn` records an earlier publication; it
 * defaults to today in Beijing and may be neither in the future nor before the item was made.
 */
export async function publishItem(
  db: Kysely<DB>,
  options: { itemId: number; actor: Actor; now: Date; publishedOn?: string; skipReview?: boolean },
): Promise<DisclosureItem> {
  const today = beijingToday(options.now);
  const publishedOn = options.publishedOn?.trim() || today;
  if (!isIsoDate(publishedOn))
    throw new AppError('VALIDATION', '发布日期应为 YYYY-MM-DD 格式的有效日期', [
      { field: 'publishedOn', message: '发布日期应为 YYYY-MM-DD 格式的有效日期' },
    ]);
  if (publishedOn > today)
    throw new AppError('VALIDATION', '发布日期不能晚于今天', [
      { field: 'publishedOn', message: '发布日期不能晚于今天' },
    ]);
  return withTransaction(db, async (trx) => {
    const before = await getItem(trx, options.itemId);
    if (before.status === 'published') throw new AppError('CONFLICT', '该信息已经发布');
    if (options.skipReview !== true && before.reviewStatus !== 'approved')
      throw new AppError(
        'CONFLICT',
        '该信息尚未经过保密审查和审批，不能发布。请先送保密审查，审查通过并经批准后再发布。',
      );
    requirePublishable(before.title, before.bodyText);
    if (before.madeOn !== null && publishedOn < before.madeOn)
      throw new AppError('VALIDATION', '发布日期不能早于成文日期', [
        { field: 'publishedOn', message: '发布日期不能早于成文日期' },
      ]);
    const item = await moveStatus(trx, before, ['draft', 'withdrawn'], {
      status: 'published',
      published_on: publishedOn,
      updated_at: options.now.toISOString(),
    });
    await indexItem(trx, indexed(item));
    await auditItem(
      trx,
      options,
      'disclosure.publish',
      before,
      item,
      options.skipReview ? { skipReview: true } : {},
    );
    return item;
  });
}

/** Takes a published item off the portal and out of search; the record and its history stay. */
export async function withdrawItem(
  db: Kysely<DB>,
  options: { itemId: number; actor: Actor; now: Date; reason?: string },
): Promise<DisclosureItem> {
  const reason = options.reason?.trim() ?? '';
  if (reason.length > 500)
    throw new AppError('VALIDATION', '撤回理由不能超过 500 个字', [
      { field: 'reason', message: '撤回理由不能超过 500 个字' },
    ]);
  return withTransaction(db, async (trx) => {
    const before = await getItem(trx, options.itemId);
    if (before.status !== 'published') throw new AppError('CONFLICT', '只有已发布的信息可以撤回');
    // Published again only after a new review and approval.
    const item = await moveStatus(trx, before, ['published'], {
      status: 'withdrawn',
      review_status: 'draft',
      updated_at: options.now.toISOString(),
    });
    await unindexItem(trx, item.id);
    await auditItem(trx, options, 'disclosure.withdraw', before, item, reason === '' ? {} : { reason });
    return item;
  });
}
