import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { saveRegister } from './registers.ts';

/** The demo agency whose 2019 annual report is the sample (fixtures/reports/gulou-2019.txt). */
export const DEMO_REGISTER_AGENCY = '鼓楼区人民政府';
export const DEMO_REGISTER_YEAR = 2019;

/**
 * Section 二 of the sample report, the entered part (2019 edition). 第二十条第（一）项 is counted
 * from the items: the sample reports no rule and no normative document (all 0), so the demo
 * needs no such item for it.
 */
export const DEMO_REGISTER_2019: Readonly<Record<string, string>> = {
  's2.licensing.prevItems': '58',
  's2.licensing.change': '14',
  's2.licensing.decisions': '318',
  's2.otherServices.prevItems': '117',
  's2.otherServices.change': '21',
  's2.otherServices.decisions': '254',
  's2.penalty.prevItems': '1066',
  's2.penalty.change': '112',
  's2.penalty.decisions': '2816',
  's2.coercion.prevItems': '36',
  's2.coercion.change': '24',
  's2.coercion.decisions': '60',
  's2.fees.prevItems': '5',
  's2.fees.change': '0',
  's2.procurement.projects': '95',
  's2.procurement.amountWan': '6356.8',
};

/** Enters the sample's section 二 figures in the demo agency's 2019 register (demo data). */
export async function seedDemoRegisters(
  db: Kysely<DB>,
  options: { agencies: ReadonlyMap<string, number>; actor: Actor; now: Date },
): Promise<void> {
  const agencyId = options.agencies.get(DEMO_REGISTER_AGENCY);
  if (agencyId === undefined) return;
  await saveRegister(db, {
    agencyId,
    year: DEMO_REGISTER_YEAR,
    editionId: '2019',
    values: DEMO_REGISTER_2019,
    actor: options.actor,
    now: options.now,
  });
}
