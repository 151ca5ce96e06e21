import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { parseInput } from '../errors/parse-input.ts';
import type { RoleGrant } from './role.ts';
import { replaceGrants } from './role-grants.ts';
import { roleGrantSchema } from './user.schema.ts';
import type { User } from './user.table.ts';
import { writeUser } from './user-write.ts';

export interface SetUserRolesOptions {
  userId: number;
  roles: readonly RoleGrant[];
  actor: Actor;
  now?: Date;
}

/** Replaces all of a user's role grants with `roles`. */
export function setUserRoles(db: Kysely<DB>, options: SetUserRolesOptions): Promise<User> {
  const roles = parseInput(roleGrantSchema.array().max(50, '角色太多'), options.roles);
  const now = options.now ?? new Date();
  return writeUser(db, { ...options, now, action: 'user.roles.set' }, async (trx, _before, at) => {
    await replaceGrants(trx, options.userId, roles, at);
    await trx.updateTable('users').set({ updated_at: at }).where('id', '=', options.userId).execute();
  });
}
