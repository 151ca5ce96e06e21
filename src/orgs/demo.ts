import type { Kysely } from 'kysely';
import { seedDemoAppeals } from '../appeals/demo-appeals.ts';
import { type DemoUser, seedDemoApplications } from '../applications/demo-applications.ts';
import { systemActor } from '../audit-log/actor.ts';
import { migrateDown, migrateToLatest } from '../db/migrate.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { seedDemoItems } from '../disclosure/demo-items.ts';
import { seedDemoRegisters } from '../disclosure/demo-registers.ts';
import { seedDemoReports } from '../reports/history/demo-reports.ts';
import { seedDemoWorkRecords } from '../work-records/demo-work-records.ts';
import { createAgency } from './create-agency.ts';
import { createUser } from './create-user.ts';
import { DEMO_AGENCIES, DEMO_USERS } from './demo-data.ts';
import { demoPassword } from './demo-password.ts';
import { ROLE_LABELS } from './role.ts';

export interface DemoAccount {
  username: string;
  password: string;
  displayName: string;
  roleLabel: string;
  agencyName: string;
}

export interface DemoResult {
  created: boolean;
  accounts: DemoAccount[];
}

const DEMO_ACTOR = systemActor('系统（演示数据）');

/**
 * Creates the demo agencies and accounts, only in a database without any agency, and their
 * applications (2019 as the district's report counts them; the current year around `now`).
 * The passwords are new random ones each time and are returned so the CLI can print them once.
 */
export async function seedDemo(db: Kysely<DB>, options: { now: Date }): Promise<DemoResult> {
  const { now } = options;
  return withTransaction(db, async (trx) => {
    if ((await trx.selectFrom('agencies').select('id').limit(1).executeTakeFirst()) !== undefined) {
      return { created: false, accounts: [] };
    }
    const ids = new Map<string, number>();
    for (const { parent, ...input } of DEMO_AGENCIES) {
      const parentId = parent === null ? null : (ids.get(parent) ?? null);
      const agency = await createAgency(trx, { ...input, parentId, actor: DEMO_ACTOR, now });
      ids.set(agency.name, agency.id);
    }
    const accounts: DemoAccount[] = [];
    const users = new Map<string, DemoUser>();
    for (const user of DEMO_USERS) {
      const agencyId = ids.get(user.agency) ?? 0;
      const password = demoPassword();
      const { username, displayName } = user;
      const created = await createUser(trx, {
        username,
        displayName,
        password,
        agencyId,
        roles: [{ agencyId, role: user.role }],
        actor: DEMO_ACTOR,
        now,
      });
      users.set(username, { id: created.id, displayName });
      accounts.push({
        username,
        password,
        displayName,
        roleLabel: ROLE_LABELS[user.role],
        agencyName: user.agency,
      });
    }
    await seedDemoApplications(trx, { now, agencies: ids, users });
    await seedDemoItems(trx, { agencies: ids, actor: DEMO_ACTOR, now });
    await seedDemoRegisters(trx, { agencies: ids, actor: DEMO_ACTOR, now });
    await seedDemoAppeals(trx, { agencies: ids, actor: DEMO_ACTOR, now });
    await seedDemoWorkRecords(trx, { agencies: ids, actor: DEMO_ACTOR, now });
    await seedDemoReports(trx, { agencies: ids, actor: DEMO_ACTOR, now });
    return { created: true, accounts };
  });
}

/**
 * Recreates the demo from nothing. The audit log refuses DELETE, so instead of deleting
 * rows every migration is reverted (dropping the tables) and applied again.
 */
export async function resetDemo(db: Kysely<DB>, options: { now: Date }): Promise<DemoResult> {
  await migrateDown(db, { all: true });
  await migrateToLatest(db);
  return seedDemo(db, options);
}
