import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findAgency } from '../orgs/agency.repository.ts';
import type { Agency } from '../orgs/agency.table.ts';
import { canAccessAgency, hasRole, type Principal } from '../orgs/policy.ts';
import type { Role } from '../orgs/role.ts';
import type { Application } from './application.repository.ts';

/** The agencies an application involves: where it was received, where it is handled, who co-handles. */
export interface ApplicationAgencies {
  readonly receiving: Agency;
  readonly handling: Agency | null;
  readonly coHandlers: readonly Agency[];
}

export async function agenciesOfApplication(
  db: Kysely<DB>,
  application: Application,
): Promise<ApplicationAgencies> {
  const receiving = await findAgency(db, application.agencyId);
  if (receiving === null) throw new Error(`application ${application.id} has no agency`);
  const handling =
    application.handlingAgencyId === null ? null : await findAgency(db, application.handlingAgencyId);
  const coIds = (
    await db
      .selectFrom('application_co_handlers')
      .select('agency_id')
      .where('application_id', '=', application.id)
      .orderBy('added_at')
      .execute()
  ).map((r) => r.agency_id);
  const coHandlers: Agency[] = [];
  for (const id of coIds) {
    const agency = await findAgency(db, id);
    if (agency !== null) coHandlers.push(agency);
  }
  return { receiving, handling, coHandlers };
}

/** A user sees an application received, handled or co-handled in one of their subtrees. */
export const canSeeApplication = (principal: Principal, agencies: ApplicationAgencies): boolean =>
  [agencies.receiving, agencies.handling, ...agencies.coHandlers].some(
    (agency) => agency !== null && canAccessAgency(principal, agency),
  );

/**
 * A role that acts on the application: held over the receiving agency or over the department
 * it was routed to. Co-handling departments see it and contribute, but do not act for it.
 */
export const hasRoleOnApplication = (
  principal: Principal,
  role: Role,
  agencies: ApplicationAgencies,
): boolean =>
  hasRole(principal, role, agencies.receiving) ||
  (agencies.handling !== null && hasRole(principal, role, agencies.handling));

/** Registrars and handlers (and admins) see the applicant's personal data in clear. */
export const seesPersonalData = (principal: Principal, agencies: ApplicationAgencies): boolean =>
  (['registrar', 'handler'] as const).some((role) => hasRoleOnApplication(principal, role, agencies));
