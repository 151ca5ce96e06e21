import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import type { AgencyGuideRow, GuideStatus } from './catalogue.table.ts';
import { cleanRichText } from './sanitize-html.ts';

/**
 * An agency's 政府信息公开指南 (Art. 12), written by the agency: every edit is saved as a new
 * draft version; publishing a draft makes it the one the portal shows and keeps the version
 * it replaces as history ('superseded'). Until an agency publishes one, the portal shows the
 * guide generated from the agency's record (src/web/views/portal/guide.tsx).
 */

export interface GuideVersion {
  id: number;
  agencyId: number;
  version: number;
  bodyHtml: string;
  status: GuideStatus;
  publishedAt: string | null;
  createdBy: number | null;
  createdAt: string;
}

const toGuide = (row: AgencyGuideRow): GuideVersion => ({
  id: row.id,
  agencyId: row.agency_id,
  version: row.version,
  bodyHtml: row.body_html,
  status: row.status,
  publishedAt: row.published_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

const MAX_GUIDE_LENGTH = 200_000;

/** Every version of the agency's guide, newest first. */
export async function listGuideVersions(db: Kysely<DB>, agencyId: number): Promise<GuideVersion[]> {
  const rows = await db
    .selectFrom('agency_guides')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toGuide);
}

/** The version the portal shows, or null when the agency has published none. */
export async function findPublishedGuide(db: Kysely<DB>, agencyId: number): Promise<GuideVersion | null> {
  const row = await db
    .selectFrom('agency_guides')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return row === undefined ? null : toGuide(row);
}

const auditGuide = (
  db: Kysely<DB>,
  options: { actor: Actor; now: Date },
  action: 'guide.draft' | 'guide.publish',
  guide: GuideVersion,
  extra: object = {},
) =>
  recordAudit(db, {
    at: options.now,
    ...actorFields(options.actor),
    action,
    entityType: 'agencyGuide',
    entityId: guide.id,
    agencyId: guide.agencyId,
    after: { version: guide.version, status: guide.status, bodyLength: guide.bodyHtml.length, ...extra },
  });

/** Saves the text as the agency's next version, a draft; the body is cleaned with the allow-list. */
export async function saveGuideDraft(
  db: Kysely<DB>,
  options: { agencyId: number; bodyHtml: unknown; actor: Actor; now: Date },
): Promise<GuideVersion> {
  const raw = typeof options.bodyHtml === 'string' ? options.bodyHtml : '';
  if (raw.length > MAX_GUIDE_LENGTH)
    throw new AppError('VALIDATION', '指南正文过长', [
      { field: 'bodyHtml', message: '指南正文不能超过 20 万个字符' },
    ]);
  const body = cleanRichText(raw);
  if (body.text.trim() === '')
    throw new AppError('VALIDATION', '请填写指南正文', [{ field: 'bodyHtml', message: '请填写指南正文' }]);
  return withTransaction(db, async (trx) => {
    await getAgency(trx, options.agencyId);
    const last = await trx
      .selectFrom('agency_guides')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('agency_id', '=', options.agencyId)
      .executeTakeFirst();
    const version = last?.max == null ? 1 : Number(last.max) + 1;
    const row = await trx
      .insertInto('agency_guides')
      .values({
        agency_id: options.agencyId,
        version,
        body_html: body.html,
        status: 'draft',
        published_at: null,
        created_by: options.actor.userId,
        created_at: options.now.toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const guide = toGuide(row);
    await auditGuide(trx, options, 'guide.draft', guide);
    return guide;
  });
}

/** Publishes a draft version: it replaces the published one, which is kept as history. */
export async function publishGuide(
  db: Kysely<DB>,
  options: { agencyId: number; version: number; actor: Actor; now: Date },
): Promise<GuideVersion> {
  return withTransaction(db, async (trx) => {
    const draft = await trx
      .selectFrom('agency_guides')
      .selectAll()
      .where('agency_id', '=', options.agencyId)
      .where('version', '=', options.version)
      .executeTakeFirst();
    if (draft === undefined) throw new AppError('NOT_FOUND', `未找到第 ${options.version} 版指南`);
    if (draft.status !== 'draft')
      throw new AppError('CONFLICT', `第 ${options.version} 版指南不是草稿，不能发布`);
    const previous = await findPublishedGuide(trx, options.agencyId);
    if (previous !== null)
      await trx
        .updateTable('agency_guides')
        .set({ status: 'superseded' })
        .where('id', '=', previous.id)
        .execute();
    const row = await trx
      .updateTable('agency_guides')
      .set({ status: 'published', published_at: options.now.toISOString() })
      .where('id', '=', draft.id)
      .where('status', '=', 'draft')
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) throw new AppError('CONFLICT', '该版本的状态已被他人修改，请刷新后重试');
    const guide = toGuide(row);
    await auditGuide(trx, options, 'guide.publish', guide, { replacedVersion: previous?.version ?? null });
    return guide;
  });
}
