import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listAgencies } from './agency.repository.ts';
import type { Agency } from './agency.table.ts';

export interface AgencyNode extends Agency {
  children: AgencyNode[];
}

/** Agencies as a forest, siblings in the order they were created (pure, for tests and callers with a list). */
export function buildAgencyTree(agencies: readonly Agency[]): AgencyNode[] {
  const nodes = new Map<number, AgencyNode>();
  for (const agency of [...agencies].sort((a, b) => a.id - b.id))
    nodes.set(agency.id, { ...agency, children: [] });
  const roots: AgencyNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent === undefined) roots.push(node);
    else parent.children.push(node);
  }
  return roots;
}

/** The whole hierarchy, nested, for the portal's agency navigation. */
export async function agencyTree(db: Kysely<DB>): Promise<AgencyNode[]> {
  return buildAgencyTree(await listAgencies(db));
}
