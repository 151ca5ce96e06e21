import type { Generated, Selectable } from 'kysely';
import type { Role, RoleGrant } from './role.ts';

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  agency_id: number;
  /** 1 active, 0 deactivated. */
  active: Generated<number>;
  failed_logins: Generated<number>;
  locked_until: string | null;
  password_changed_at: string;
  created_at: string;
  updated_at: string;
}

export interface RoleAssignmentTable {
  id: Generated<number>;
  user_id: number;
  agency_id: number;
  role: Role;
  created_at: string;
}

export type UserRow = Selectable<UserTable>;

/** A user as the domain sees it: never with the password hash. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  agencyId: number;
  active: boolean;
  failedLogins: number;
  lockedUntil: string | null;
  passwordChangedAt: string;
  createdAt: string;
  updatedAt: string;
  roles: RoleGrant[];
}

export const toUser = (row: Omit<UserRow, 'password_hash'>, roles: RoleGrant[]): User => ({
  id: row.id,
  username: row.username,
  displayName: row.display_name,
  agencyId: row.agency_id,
  active: row.active === 1,
  failedLogins: row.failed_logins,
  lockedUntil: row.locked_until,
  passwordChangedAt: row.password_changed_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  roles,
});
