import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listAgencies } from '../orgs/agency.repository.ts';
import type { Agency } from '../orgs/agency.table.ts';
import { isWithin } from '../orgs/agency-path.ts';

export interface HandlerOption {
  readonly userId: number;
  readonly name: string;
  readonly agencyId: number;
  readonly agencyName: string;
}

/**
 * What an application received by this agency can be routed to: the agency and its departments,
 * and the active users holding the handler role (or admin) over one of them.
 */
export async function routingOptions(
  db: Kysely<DB>,
  receiving: Agency,
): Promise<{ agencies: Agency[]; handlers: HandlerOption[] }> {
  const agencies = (await listAgencies(db)).filter((a) => isWithin(a.path, receiving.path));
  const rows = await db
    .selectFrom('role_assignments')
    .innerJoin('users', 'users.id', 'role_assignments.user_id')
    .innerJoin('agencies', 'agencies.id', 'role_assignments.agency_id')
    .select([
      'users.id as userId',
      'users.display_name as name',
      'agencies.id as agencyId',
      'agencies.name as agencyName',
      'agencies.path as path',
    ])
    .where('role_assignments.role', 'in', ['handler', 'admin'])
    .where('users.active', '=', 1)
    .orderBy('agencies.path')
    .orderBy('users.display_name')
    .execute();
  const seen = new Set<number>();
  const handlers = rows
    .filter((r) => isWithin(r.path, receiving.path) && !seen.has(r.userId) && seen.add(r.userId))
    .map(({ userId, name, agencyId, agencyName }) => ({ userId, name, agencyId, agencyName }));
  return { agencies, handlers };
}
