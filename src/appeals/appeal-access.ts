import { canAccessAgency, hasRole, type PolicyTarget, type Principal } from '../orgs/policy.ts';
import type { Role } from '../orgs/role.ts';

/**
 * Who sees and who records the cases, by the rules of the applications (application-access.ts):
 * the respondent agency and its supervisors see them; its registrars and handlers (and admins)
 * record them and see the claimant's name, which is personal data masked for everyone else.
 */
export const APPEAL_WRITERS: readonly Role[] = ['registrar', 'handler'];

export const canSeeAppeal = (principal: Principal, agency: PolicyTarget): boolean =>
  canAccessAgency(principal, agency);

export const canWriteAppeal = (principal: Principal, agency: PolicyTarget): boolean =>
  APPEAL_WRITERS.some((role) => hasRole(principal, role, agency));

export const seesClaimant = (principal: Principal, agency: PolicyTarget): boolean =>
  canWriteAppeal(principal, agency);
