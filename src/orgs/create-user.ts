import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import { isUniqueViolation } from '../db/constraint-error.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency } from './agency.repository.ts';
import { hashPassword } from './password.ts';
import { replaceGrants } from './role-grants.ts';
import { findUserByUsername, getUser } from './user.repository.ts';
import { type CreateUserInput, createUserSchema } from './user.schema.ts';
import type { User } from './user.table.ts';

export type CreateUserOptions = CreateUserInput & { actor: Actor; now?: Date };

const taken = (username: string, cause?: unknown) =>
  new AppError(
    'CONFLICT',
    `用户名“${username}”已被使用`,
    [{ field: 'username', message: `用户名“${username}”已被使用` }],
    {
      cause,
    },
  );

/** Creates a user with their roles in one transaction: a bad grant leaves no user behind. */
export async function createUser(db: Kysely<DB>, options: CreateUserOptions): Promise<User> {
  const input = parseInput(createUserSchema, options);
  const now = (options.now ?? new Date()).toISOString();
  // Hash before the transaction: on SQLite it would hold the only connection for ~60 ms.
  const passwordHash = await hashPassword(input.password);
  return withTransaction(db, async (trx) => {
    if ((await findAgency(trx, input.agencyId)) === null) {
      throw new AppError('VALIDATION', '所属机关不存在', [{ field: 'agencyId', message: '所属机关不存在' }]);
    }
    if ((await findUserByUsername(trx, input.username)) !== null) throw taken(input.username);
    const { id } = await trx
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        agency_id: input.agencyId,
        password_changed_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? taken(input.username, error) : error;
      });
    await replaceGrants(trx, id, input.roles, now);
    const user = await getUser(trx, id);
    await recordAudit(trx, {
      at: new Date(now),
      ...actorFields(options.actor),
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      agencyId: user.agencyId,
      after: user,
    });
    return user;
  });
}
