import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Actor } from '../../src/audit-log/actor.ts';
import type { DB } from '../../src/db/schema.ts';
import type { CreateAgencyInput } from '../../src/orgs/agency.schema.ts';
import type { Agency } from '../../src/orgs/agency.table.ts';
import { createAgency } from '../../src/orgs/create-agency.ts';
import { createUser } from '../../src/orgs/create-user.ts';
import type { Role, RoleGrant } from '../../src/orgs/role.ts';
import type { User } from '../../src/orgs/user.table.ts';

export const TEST_ACTOR: Actor = { userId: null, label: '测试' };

const unique = (): string => randomBytes(4).toString('hex');

/** An agency with a unique name; a root unless `parentId` is given. */
export function makeAgency(
  db: Kysely<DB>,
  overrides: Partial<CreateAgencyInput> & { now?: Date } = {},
): Promise<Agency> {
  return createAgency(db, {
    name: `测试机关${unique()}`,
    kind: 'government',
    level: 'county',
    ...overrides,
    actor: TEST_ACTOR,
  });
}

export interface MadeUser {
  user: User;
  username: string;
  password: string;
}

/**
 * A user of `agencyId` with a unique username and a known password. `roles` may be bare
 * roles (held over the user's own agency) or full grants.
 */
export async function makeUser(
  db: Kysely<DB>,
  options: {
    agencyId: number;
    roles?: readonly (Role | RoleGrant)[];
    displayName?: string;
    password?: string;
    now?: Date;
  },
): Promise<MadeUser> {
  const username = `u${unique()}`;
  const password = options.password ?? `Test${unique()}9`;
  const roles = (options.roles ?? []).map((r) =>
    typeof r === 'string' ? { agencyId: options.agencyId, role: r } : r,
  );
  const user = await createUser(db, {
    username,
    displayName: options.displayName ?? `测试用户${username}`,
    password,
    agencyId: options.agencyId,
    roles,
    actor: TEST_ACTOR,
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  return { user, username, password };
}
