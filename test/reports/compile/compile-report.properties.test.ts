import fc from 'fast-check';
import { expect, it } from 'vitest';
import { APPLICANT_TYPES } from '../../../src/applications/application-kinds.ts';
import { OUTCOMES } from '../../../src/applications/outcomes.ts';
import { dayFromCivil, isoFromDay } from '../../../src/calendar/day.ts';
import { compileReport } from '../../../src/reports/compile/index.ts';
import { S3_COLUMNS } from '../../../src/reports/model/applications-table.ts';
import { validateReport } from '../../../src/reports/validate/index.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency } from '../../support/factories.ts';
import { type HistoryStep, insertApplication } from './records.ts';

const FIRST_YEAR = 2018;
const LAST_YEAR = 2022;

/** One application: receipt day, then decisions and reopenings at random gaps (0 = same day). */
const application = fc.record({
  type: fc.constantFrom(...APPLICANT_TYPES),
  received: fc.integer({ min: dayFromCivil(FIRST_YEAR, 1, 1), max: dayFromCivil(LAST_YEAR, 12, 31) }),
  steps: fc.array(
    fc.record({ gap: fc.integer({ min: 0, max: 400 }), outcome: fc.constantFrom(...OUTCOMES) }),
    { maxLength: 4 },
  ),
});

/** Alternating decided / reopened, as the workflow allows: decide, reopen, decide … */
const historyOf = (
  received: number,
  steps: readonly { gap: number; outcome: (typeof OUTCOMES)[number] }[],
) => {
  const history: HistoryStep[] = [];
  let day = received;
  steps.forEach((s, i) => {
    day += s.gap;
    const date = isoFromDay(day);
    history.push(i % 2 === 0 ? { type: 'decided', date, outcome: s.outcome } : { type: 'reopened', date });
  });
  return history;
};

describeEachDatabase('compileReport over random application histories', (db, database) => {
  it('passes every rule of the validator, and carried (N) = forward (N − 1) in every column', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(application, { minLength: 1, maxLength: 12 }), async (apps) => {
        const { id } = await makeAgency(db());
        for (const a of apps)
          await insertApplication(db(), {
            agencyId: id,
            type: a.type,
            receivedOn: isoFromDay(a.received),
            history: historyOf(a.received, a.steps),
          });
        let previous = await compileReport(db(), { agencyId: id, year: FIRST_YEAR - 1 });
        for (let year = FIRST_YEAR; year <= LAST_YEAR + 1; year++) {
          const report = await compileReport(db(), { agencyId: id, year });
          const errors = validateReport(report, { previous }).filter(
            (f) => f.severity === 'error' || f.rule === 'XYEAR-CARRY',
          );
          expect(errors).toEqual([]);
          for (const c of S3_COLUMNS)
            expect([year, c.key, report.cells[`s3.carried.${c.key}`]]).toEqual([
              year,
              c.key,
              previous.cells[`s3.forward.${c.key}`],
            ]);
          previous = report;
        }
        // Every episode started is counted new once, in some year, and nothing is lost.
        const starts = apps.reduce((n, a) => n + 1 + Math.floor(a.steps.length / 2), 0);
        let newTotal = 0;
        for (let year = FIRST_YEAR; year <= LAST_YEAR + 5; year++)
          newTotal += (await compileReport(db(), { agencyId: id, year })).cells['s3.new.total'] ?? 0;
        expect(newTotal).toBe(starts);
      }),
      { numRuns: database().dialect === 'sqlite' ? 25 : 4 },
    );
  }, 120_000);
});
