import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { parseInput } from '../errors/parse-input.ts';
import { hashPassword } from './password.ts';
import { deleteUserSessions } from './session.ts';
import { newPasswordSchema } from './user.schema.ts';
import type { User } from './user.table.ts';
import { writeUser } from './user-write.ts';

export interface ResetPasswordOptions {
  userId: number;
  newPassword: string;
  now: Date;
  actor: Actor;
}

/** An admin sets a new password: the lockout is lifted and every session of the user ends. */
export async function resetPassword(db: Kysely<DB>, options: ResetPasswordOptions): Promise<User> {
  const { newPassword } = parseInput(z.object({ newPassword: newPasswordSchema }), options);
  const passwordHash = await hashPassword(newPassword);
  return writeUser(db, { ...options, action: 'user.password.reset' }, async (trx, _before, at) => {
    await trx
      .updateTable('users')
      .set({
        password_hash: passwordHash,
        password_changed_at: at,
        updated_at: at,
        failed_logins: 0,
        locked_until: null,
      })
      .where('id', '=', options.userId)
      .execute();
    await deleteUserSessions(trx, options.userId);
  });
}
