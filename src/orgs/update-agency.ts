import { type Kysely, sql } from 'kysely';
import { refreshOpenDeadlines } from '../applications/application-deadline.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency, getAgency } from './agency.repository.ts';
import { type UpdateAgencyInput, updateAgencySchema } from './agency.schema.ts';
import { type Agency, contactColumns, settingColumns } from './agency.table.ts';
import { assertNameFree, rethrowNameConflict } from './agency-name.ts';
import { childPath, isWithin } from './agency-path.ts';

export type UpdateAgencyPatch = UpdateAgencyInput & { actor: Actor; now?: Date };

const badParent = (message: string) => new AppError('VALIDATION', message, [{ field: 'parentId', message }]);

/** The new path when the agency moves under another parent; null when it stays. */
async function newPath(trx: Kysely<DB>, agency: Agency, parentId: number | null | undefined) {
  if (parentId === undefined || parentId === agency.parentId) return null;
  if (parentId === null) return childPath(null, agency.id);
  const parent = await findAgency(trx, parentId);
  if (parent === null) throw badParent('上级机关不存在');
  if (isWithin(parent.path, agency.path)) throw badParent('不能把机关移到它自己或它的下级机关之下');
  return childPath(parent.path, agency.id);
}

/** Changes an agency's fields; a new parent moves its whole subtree. Records before and after. */
export async function updateAgency(db: Kysely<DB>, id: number, patch: UpdateAgencyPatch): Promise<Agency> {
  const input = parseInput(updateAgencySchema, patch);
  const now = (patch.now ?? new Date()).toISOString();
  return withTransaction(db, async (trx) => {
    const before = await getAgency(trx, id);
    const path = await newPath(trx, before, input.parentId);
    const parentId = input.parentId === undefined ? before.parentId : input.parentId;
    const name = input.name ?? before.name;
    if (name !== before.name || parentId !== before.parentId) await assertNameFree(trx, parentId, name, id);
    await trx
      .updateTable('agencies')
      .set({
        parent_id: parentId,
        name,
        ...(input.shortName !== undefined && { short_name: input.shortName }),
        ...(input.kind !== undefined && { kind: input.kind }),
        ...(input.level !== undefined && { level: input.level }),
        ...contactColumns(input.contact ?? {}),
        ...settingColumns(input),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute()
      .catch((error: unknown) => rethrowNameConflict(error, name));
    if (path !== null) {
      // Re-root the subtree: every path that began with the old prefix begins with the new one.
      await trx
        .updateTable('agencies')
        .set({ path: sql<string>`${path} || substr(path, ${before.path.length + 1})` })
        .where('path', 'like', `${before.path}%`)
        .execute();
    }
    // The fee setting moves the deadlines of the agency's open applications: recompute them now.
    if (input.feePausesClock !== undefined && input.feePausesClock !== before.feePausesClock)
      await refreshOpenDeadlines(trx, await loadCalendar(trx), [id]);
    const after = await getAgency(trx, id);
    await recordAudit(trx, {
      at: new Date(now),
      ...actorFields(patch.actor),
      action: 'agency.update',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      before,
      after,
    });
    return after;
  });
}
