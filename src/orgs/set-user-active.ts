import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { deleteUserSessions } from './session.ts';
import type { User } from './user.table.ts';
import { writeUser } from './user-write.ts';

export interface SetUserActiveOptions {
  userId: number;
  active: boolean;
  actor: Actor;
  now?: Date;
}

/** Deactivating ends the user's sessions; activating also lifts a lockout. */
export function setUserActive(db: Kysely<DB>, options: SetUserActiveOptions): Promise<User> {
  const now = options.now ?? new Date();
  const action = options.active ? 'user.activate' : 'user.deactivate';
  return writeUser(db, { ...options, now, action }, async (trx, _before, at) => {
    await trx
      .updateTable('users')
      .set(
        options.active
          ? { active: 1, failed_logins: 0, locked_until: null, updated_at: at }
          : { active: 0, updated_at: at },
      )
      .where('id', '=', options.userId)
      .execute();
    if (!options.active) await deleteUserSessions(trx, options.userId);
  });
}
