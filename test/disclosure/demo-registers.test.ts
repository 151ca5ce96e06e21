import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { DEMO_REGISTER_AGENCY, DEMO_REGISTER_YEAR } from '../../src/disclosure/demo-registers.ts';
import { registerFigures } from '../../src/disclosure/registers.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const SAMPLE = new URL('../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

describeEachDatabase('demo registers', (db) => {
  it("give the sample report's section 二 for 鼓楼区人民政府 and 2019", async () => {
    const parsed = await parseReport(await readFile(SAMPLE));
    if (!parsed.ok) throw new Error(parsed.error);
    const { report } = parsed;
    expect([report.agency, report.year, report.edition]).toEqual([
      DEMO_REGISTER_AGENCY,
      DEMO_REGISTER_YEAR,
      '2019',
    ]);
    const sample = Object.fromEntries(Object.entries(report.cells).filter(([key]) => key.startsWith('s2.')));
    expect(Object.keys(sample)).toHaveLength(22);

    await seedDemo(db(), { now: new Date('2026-11-27T03:00:00.000Z') });
    const { id } = await db()
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', DEMO_REGISTER_AGENCY)
      .executeTakeFirstOrThrow();
    expect(await registerFigures(db(), id, DEMO_REGISTER_YEAR, '2019')).toEqual(sample);
  });
});
