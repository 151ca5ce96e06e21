import type { Kysely } from 'kysely';
import { isUniqueViolation } from '../db/constraint-error.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';

const conflict = (name: string, cause?: unknown): AppError =>
  new AppError(
    'CONFLICT',
    `同一上级机关下已有名为“${name}”的机关`,
    [{ field: 'name', message: `同一上级机关下已有名为“${name}”的机关` }],
    {
      cause,
    },
  );

/**
 * Names are unique among siblings. The unique index cannot see two roots with one name
 * (NULL parents are distinct in SQL), so the check is also made here.
 */
export async function assertNameFree(
  db: Kysely<DB>,
  parentId: number | null,
  name: string,
  exceptId?: number,
): Promise<void> {
  let query = db.selectFrom('agencies').select('id').where('name', '=', name);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if ((await query.executeTakeFirst()) !== undefined) throw conflict(name);
}

/** Turns a unique violation raced past the check into the same CONFLICT. */
export const rethrowNameConflict = (error: unknown, name: string): never => {
  throw isUniqueViolation(error) ? conflict(name, error) : error;
};
