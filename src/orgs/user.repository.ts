import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import type { RoleGrant } from './role.ts';
import { toUser, type User } from './user.table.ts';

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'agency_id',
  'active',
  'failed_logins',
  'locked_until',
  'password_changed_at',
  'created_at',
  'updated_at',
] as const;

/** Role grants of these users, by user id. */
async function grantsOf(db: Kysely<DB>, userIds: readonly number[]): Promise<Map<number, RoleGrant[]>> {
  const grants = new Map<number, RoleGrant[]>();
  if (userIds.length === 0) return grants;
  const rows = await db
    .selectFrom('role_assignments')
    .select(['user_id', 'agency_id', 'role'])
    .where('user_id', 'in', userIds)
    .orderBy('id')
    .execute();
  for (const row of rows) {
    const list = grants.get(row.user_id) ?? [];
    list.push({ agencyId: row.agency_id, role: row.role });
    grants.set(row.user_id, list);
  }
  return grants;
}

export async function findUser(db: Kysely<DB>, id: number): Promise<User | null> {
  const row = await db.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  return toUser(row, (await grantsOf(db, [id])).get(id) ?? []);
}

/** The user with their roles, or AppError('NOT_FOUND'). */
export async function getUser(db: Kysely<DB>, id: number): Promise<User> {
  const user = await findUser(db, id);
  if (user === null) throw new AppError('NOT_FOUND', `未找到用户（编号 ${id}）`);
  return user;
}

export async function findUserByUsername(db: Kysely<DB>, username: string): Promise<User | null> {
  const row = await db
    .selectFrom('users')
    .select(USER_COLUMNS)
    .where('username', '=', username.trim().toLowerCase())
    .executeTakeFirst();
  if (row === undefined) return null;
  return toUser(row, (await grantsOf(db, [row.id])).get(row.id) ?? []);
}

/** Users, by username; with `agencyIds`, only those who belong to one of these agencies. */
export async function listUsers(
  db: Kysely<DB>,
  options: { agencyIds?: readonly number[] } = {},
): Promise<User[]> {
  if (options.agencyIds?.length === 0) return [];
  let query = db.selectFrom('users').select(USER_COLUMNS).orderBy('username');
  if (options.agencyIds !== undefined) query = query.where('agency_id', 'in', options.agencyIds);
  const rows = await query.execute();
  const grants = await grantsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => toUser(row, grants.get(row.id) ?? []));
}
