import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { deleteUserSessions } from './session.ts';
import { changePasswordSchema } from './user.schema.ts';
import type { User } from './user.table.ts';
import { writeUser } from './user-write.ts';

export interface ChangePasswordOptions {
  userId: number;
  currentPassword: string;
  newPassword: string;
  now: Date;
  actor: Actor;
  /** The session making the change stays signed in; every other session of the user ends. */
  keepSessionId?: string;
}

const invalid = (field: string, message: string) => new AppError('VALIDATION', message, [{ field, message }]);

/** A user changes their own password: the current one must be right, the new one strong and different. */
export async function changePassword(db: Kysely<DB>, options: ChangePasswordOptions): Promise<User> {
  const input = parseInput(changePasswordSchema, options);
  const row = await db
    .selectFrom('users')
    .select('password_hash')
    .where('id', '=', options.userId)
    .executeTakeFirst();
  if (row === undefined) throw new AppError('NOT_FOUND', `未找到用户（编号 ${options.userId}）`);
  if (!(await verifyPassword(row.password_hash, input.currentPassword))) {
    throw invalid('currentPassword', '当前密码不正确');
  }
  if (input.newPassword === input.currentPassword) throw invalid('newPassword', '新密码不能与当前密码相同');
  const passwordHash = await hashPassword(input.newPassword);
  return writeUser(db, { ...options, action: 'user.password.change' }, async (trx, _before, at) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: at, updated_at: at })
      .where('id', '=', options.userId)
      .execute();
    await deleteUserSessions(
      trx,
      options.userId,
      options.keepSessionId === undefined ? {} : { keepSessionId: options.keepSessionId },
    );
  });
}
