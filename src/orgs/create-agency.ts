import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency, getAgency } from './agency.repository.ts';
import { type CreateAgencyInput, createAgencySchema } from './agency.schema.ts';
import { type Agency, contactColumns, settingColumns } from './agency.table.ts';
import { assertNameFree, rethrowNameConflict } from './agency-name.ts';
import { childPath } from './agency-path.ts';

export type CreateAgencyOptions = CreateAgencyInput & { actor: Actor; now?: Date };

/** Creates an agency under its parent (or as a root) and records it in the audit log. */
export async function createAgency(db: Kysely<DB>, options: CreateAgencyOptions): Promise<Agency> {
  const input = parseInput(createAgencySchema, options);
  const now = (options.now ?? new Date()).toISOString();
  return withTransaction(db, async (trx) => {
    const parent = input.parentId === null ? null : await findAgency(trx, input.parentId);
    if (input.parentId !== null && parent === null) {
      throw new AppError('VALIDATION', '上级机关不存在', [{ field: 'parentId', message: '上级机关不存在' }]);
    }
    await assertNameFree(trx, input.parentId, input.name);
    const { id } = await trx
      .insertInto('agencies')
      .values({
        parent_id: input.parentId,
        name: input.name,
        short_name: input.shortName ?? null,
        kind: input.kind,
        level: input.level,
        path: '',
        ...contactColumns(input.contact),
        ...settingColumns(input),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => rethrowNameConflict(error, input.name));
    // The path holds the agency's own id, known only after the insert.
    await trx
      .updateTable('agencies')
      .set({ path: childPath(parent?.path ?? null, id) })
      .where('id', '=', id)
      .execute();
    const agency = await getAgency(trx, id);
    await recordAudit(trx, {
      at: new Date(now),
      ...actorFields(options.actor),
      action: 'agency.create',
      entityType: 'agency',
      entityId: id,
      agencyId: id,
      after: agency,
    });
    return agency;
  });
}
