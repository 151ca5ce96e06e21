import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { Principal } from './policy.ts';

/** The user's grants with their agencies' paths, ready for the pure policy checks. */
export async function loadPrincipal(db: Kysely<DB>, userId: number): Promise<Principal> {
  const user = await db
    .selectFrom('users')
    .select(['id', 'agency_id'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (user === undefined) throw new AppError('NOT_FOUND', `未找到用户（编号 ${userId}）`);
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('agencies', 'agencies.id', 'role_assignments.agency_id')
    .select(['role_assignments.agency_id', 'agencies.path', 'role_assignments.role'])
    .where('role_assignments.user_id', '=', userId)
    .orderBy('role_assignments.id')
    .execute();
  return {
    userId: user.id,
    agencyId: user.agency_id,
    assignments: rows.map((r) => ({ agencyId: r.agency_id, agencyPath: r.path, role: r.role })),
  };
}
