import { isLocked } from '../../orgs/lockout.ts';
import { ROLE_LABELS, type Role } from '../../orgs/role.ts';
import type { User } from '../../orgs/user.table.ts';
import { beijingDateTime } from './dates.ts';

export interface UserView {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly active: boolean;
  /** '启用', '已停用' or '锁定至 2024-09-27 10:15'. */
  readonly status: string;
  /** '管理员' for a role over the user's own agency, '查看者（鼓楼区教育局）' for another. */
  readonly roleLabels: readonly string[];
  /** Roles held over the user's own agency (the ones the form edits). */
  readonly ownRoles: readonly Role[];
  readonly href: string;
}

export const presentUser = (user: User, agencyName: (id: number) => string, now: Date): UserView => ({
  id: user.id,
  username: user.username,
  displayName: user.displayName,
  agencyId: user.agencyId,
  agencyName: agencyName(user.agencyId),
  active: user.active,
  status: !user.active
    ? '已停用'
    : user.lockedUntil !== null && isLocked(user.lockedUntil, now)
      ? `锁定至 ${beijingDateTime(user.lockedUntil)}`
      : '启用',
  roleLabels: user.roles.map((g) =>
    g.agencyId === user.agencyId
      ? ROLE_LABELS[g.role]
      : `${ROLE_LABELS[g.role]}（${agencyName(g.agencyId)}）`,
  ),
  ownRoles: user.roles.filter((g) => g.agencyId === user.agencyId).map((g) => g.role),
  href: `/workbench/users/${user.id}`,
});
