/**
 * Who may do what, pure (no I/O). A role granted over an agency covers that agency and
 * everything under it (its path is a prefix of theirs); 'admin' includes every other role.
 */
import { isWithin } from './agency-path.ts';
import type { Role } from './role.ts';

export interface PrincipalAssignment {
  agencyId: number;
  agencyPath: string;
  role: Role;
}

export interface Principal {
  userId: number;
  agencyId: number;
  assignments: PrincipalAssignment[];
}

export interface PolicyTarget {
  path: string;
}

/** True when the principal holds `role` (or admin) over an agency whose subtree contains the target. */
export function hasRole(principal: Principal, role: Role, target: PolicyTarget): boolean {
  return principal.assignments.some(
    (a) => (a.role === role || a.role === 'admin') && isWithin(target.path, a.agencyPath),
  );
}

/** True when the principal holds any role over the target agency. */
export function canAccessAgency(principal: Principal, target: PolicyTarget): boolean {
  return principal.assignments.some((a) => isWithin(target.path, a.agencyPath));
}

/** True when the principal holds any of `roles` somewhere (e.g. to show a menu entry). */
export function hasAnyRole(principal: Principal, roles: readonly Role[]): boolean {
  return principal.assignments.some((a) => a.role === 'admin' || roles.includes(a.role));
}

/** Of these agencies, those the principal holds `role` (or admin) over. */
export function agenciesWithRole<T extends PolicyTarget>(
  principal: Principal,
  role: Role,
  agencies: readonly T[],
): T[] {
  return agencies.filter((agency) => hasRole(principal, role, agency));
}
