import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { RoleGrant } from './role.ts';

/** Grants without repeats, so the unique (user, agency, role) index is never hit by a double. */
export const distinctGrants = (grants: readonly RoleGrant[]): RoleGrant[] => {
  const seen = new Set<string>();
  return grants.filter((g) => {
    const key = `${g.agencyId}:${g.role}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

/** Gives the user exactly these grants; every agency must exist. */
export async function replaceGrants(
  trx: Kysely<DB>,
  userId: number,
  grants: readonly RoleGrant[],
  now: string,
): Promise<void> {
  const wanted = distinctGrants(grants);
  const agencyIds = [...new Set(wanted.map((g) => g.agencyId))];
  if (agencyIds.length > 0) {
    const found = await trx.selectFrom('agencies').select('id').where('id', 'in', agencyIds).execute();
    const missing = agencyIds.filter((id) => !found.some((r) => r.id === id));
    if (missing.length > 0) {
      const message = `授予角色的机关不存在（编号 ${missing.join('、')}）`;
      throw new AppError('VALIDATION', message, [{ field: 'roles', message }]);
    }
  }
  await trx.deleteFrom('role_assignments').where('user_id', '=', userId).execute();
  if (wanted.length === 0) return;
  await trx
    .insertInto('role_assignments')
    .values(wanted.map((g) => ({ user_id: userId, agency_id: g.agencyId, role: g.role, created_at: now })))
    .execute();
}
