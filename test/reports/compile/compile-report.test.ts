import { expect, it } from 'vitest';
import { writeFigures } from '../../../src/disclosure/registers.ts';
import { COMPILE_RULES_NOTE, compileReport, recordsBehindCell } from '../../../src/reports/compile/index.ts';
import { editionCells } from '../../../src/reports/model/cells.ts';
import { EDITIONS } from '../../../src/reports/model/editions.ts';
import type { Report } from '../../../src/reports/model/report.ts';
import { validateReport } from '../../../src/reports/validate/index.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency } from '../../support/factories.ts';
import { insertApplication, insertCase } from './records.ts';

/** The cells of a report that are not 0 (and not blank), section by section prefix. */
const nonZero = (report: Report, prefix: string): Record<string, number> =>
  Object.fromEntries(
    Object.entries(report.cells).filter(
      (e): e is [string, number] => e[0].startsWith(prefix) && e[1] !== null && e[1] !== 0,
    ),
  );

describeEachDatabase('compileReport: the counting rules on the year boundaries', (db) => {
  const agency = async () => (await makeAgency(db())).id;
  const compile = (agencyId: number, year: number) => compileReport(db(), { agencyId, year });

  it('received on 31 December and undecided: new and carried forward, then carried the next year', async () => {
    const id = await agency();
    await insertApplication(db(), { agencyId: id, receivedOn: '2019-12-31' });
    expect(nonZero(await compile(id, 2019), 's3.')).toEqual({
      's3.new.natural': 1,
      's3.new.total': 1,
      's3.forward.natural': 1,
      's3.forward.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's3.')).toEqual({
      's3.carried.natural': 1,
      's3.carried.total': 1,
      's3.forward.natural': 1,
      's3.forward.total': 1,
    });
    expect(nonZero(await compile(id, 2018), 's3.')).toEqual({});
  });

  it('decided on 1 January: its outcome in the new year, carried into it, not in the old', async () => {
    const id = await agency();
    await insertApplication(db(), {
      agencyId: id,
      type: 'research',
      receivedOn: '2019-12-20',
      history: [{ type: 'decided', date: '2020-01-01', outcome: 'granted' }],
    });
    expect(nonZero(await compile(id, 2019), 's3.')).toEqual({
      's3.new.research': 1,
      's3.new.total': 1,
      's3.forward.research': 1,
      's3.forward.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's3.')).toEqual({
      's3.carried.research': 1,
      's3.carried.total': 1,
      's3.granted.research': 1,
      's3.granted.total': 1,
      's3.total.research': 1,
      's3.total.total': 1,
    });
    expect(nonZero(await compile(id, 2021), 's3.')).toEqual({});
  });

  it('received 1 January and decided 31 December: new and decided in the same year, nothing carried', async () => {
    const id = await agency();
    await insertApplication(db(), {
      agencyId: id,
      type: 'commercial',
      receivedOn: '2019-01-01',
      history: [{ type: 'decided', date: '2019-12-31', outcome: 'unable.notHeld' }],
    });
    expect(nonZero(await compile(id, 2019), 's3.')).toEqual({
      's3.new.commercial': 1,
      's3.new.total': 1,
      's3.unable.notHeld.commercial': 1,
      's3.unable.notHeld.total': 1,
      's3.total.commercial': 1,
      's3.total.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's3.')).toEqual({});
  });

  it('部分公开 counts only in its own row; a withdrawal is 其他处理 (one row in 2019, 其他 in 2021)', async () => {
    const id = await agency();
    for (const year of [2020, 2021]) {
      await insertApplication(db(), {
        agencyId: id,
        receivedOn: `${year}-03-02`,
        history: [{ type: 'decided', date: `${year}-03-20`, outcome: 'partial' }],
      });
      await insertApplication(db(), {
        agencyId: id,
        type: 'nonprofit',
        receivedOn: `${year}-04-01`,
        history: [{ type: 'decided', date: `${year}-04-03`, outcome: 'other.other' }],
      });
    }
    const y2020 = await compile(id, 2020);
    expect(y2020.edition).toBe('2019');
    expect(nonZero(y2020, 's3.')).toEqual({
      's3.new.natural': 1,
      's3.new.nonprofit': 1,
      's3.new.total': 2,
      's3.partial.natural': 1,
      's3.partial.total': 1,
      's3.other.nonprofit': 1,
      's3.other.total': 1,
      's3.total.natural': 1,
      's3.total.nonprofit': 1,
      's3.total.total': 2,
    });
    const y2021 = await compile(id, 2021);
    expect(y2021.edition).toBe('2021');
    expect(nonZero(y2021, 's3.other')).toEqual({ 's3.other.other.nonprofit': 1, 's3.other.other.total': 1 });
    expect(Object.keys(y2021.cells)).not.toContain('s3.other.total');
  });

  it('reopened by order of a reconsideration body: new again in the year of the reopening, both decisions counted', async () => {
    const id = await agency();
    const { id: applicationId } = await insertApplication(db(), {
      agencyId: id,
      receivedOn: '2019-11-04',
      history: [
        { type: 'decided', date: '2019-11-20', outcome: 'withheld.process' },
        { type: 'reopened', date: '2020-02-03' },
        { type: 'decided', date: '2020-02-25', outcome: 'partial' },
      ],
    });
    expect(nonZero(await compile(id, 2019), 's3.')).toEqual({
      's3.new.natural': 1,
      's3.new.total': 1,
      's3.withheld.process.natural': 1,
      's3.withheld.process.total': 1,
      's3.total.natural': 1,
      's3.total.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's3.')).toEqual({
      's3.new.natural': 1,
      's3.new.total': 1,
      's3.partial.natural': 1,
      's3.partial.total': 1,
      's3.total.natural': 1,
      's3.total.total': 1,
    });
    const behind = await recordsBehindCell(db(), { agencyId: id, year: 2020, cell: 's3.new.total' });
    expect(behind.records).toEqual([
      expect.objectContaining({ kind: 'application', id: applicationId, on: '2020-02-03', reopened: true }),
    ]);
  });

  it('reopened on 31 December and undecided: new and carried forward; open again from that day on', async () => {
    const id = await agency();
    const { id: applicationId } = await insertApplication(db(), {
      agencyId: id,
      type: 'legalService',
      receivedOn: '2019-05-06',
      history: [
        { type: 'decided', date: '2019-05-20', outcome: 'granted' },
        { type: 'reopened', date: '2019-12-31' },
      ],
    });
    expect(nonZero(await compile(id, 2019), 's3.')).toEqual({
      's3.new.legalService': 2,
      's3.new.total': 2,
      's3.granted.legalService': 1,
      's3.granted.total': 1,
      's3.total.legalService': 1,
      's3.total.total': 1,
      's3.forward.legalService': 1,
      's3.forward.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's3.')).toEqual({
      's3.carried.legalService': 1,
      's3.carried.total': 1,
      's3.forward.legalService': 1,
      's3.forward.total': 1,
    });
    const behind = await recordsBehindCell(db(), { agencyId: id, year: 2019, cell: 's3.new.legalService' });
    expect(behind.records.map((r) => [r.id, r.kind === 'application' && r.on])).toEqual([
      [applicationId, '2019-05-06'],
      [applicationId, '2019-12-31'],
    ]);
  });

  it('section 四: filed on 31 December and decided on 1 January is pending that year and not counted again', async () => {
    const id = await agency();
    await insertCase(db(), {
      agencyId: id,
      kind: 'reconsideration',
      filedOn: '2019-12-31',
      decidedOn: '2020-01-01',
      result: 'upheld',
    });
    await insertCase(db(), {
      agencyId: id,
      kind: 'litigationDirect',
      filedOn: '2020-01-01',
      decidedOn: '2020-12-31',
      result: 'corrected',
    });
    await insertCase(db(), { agencyId: id, kind: 'litigationAfterReview', filedOn: '2019-06-03' });
    await insertCase(db(), {
      agencyId: id,
      kind: 'litigationDirect',
      filedOn: '2019-03-01',
      decidedOn: '2019-12-31',
      result: 'other',
    });
    expect(nonZero(await compile(id, 2019), 's4.')).toEqual({
      's4.reconsideration.pending': 1,
      's4.reconsideration.total': 1,
      's4.litigationDirect.other': 1,
      's4.litigationDirect.total': 1,
      's4.litigationAfterReview.pending': 1,
      's4.litigationAfterReview.total': 1,
    });
    expect(nonZero(await compile(id, 2020), 's4.')).toEqual({
      's4.litigationDirect.corrected': 1,
      's4.litigationDirect.total': 1,
    });
    const pending = await recordsBehindCell(db(), {
      agencyId: id,
      year: 2019,
      cell: 's4.reconsideration.pending',
    });
    expect(pending.records).toEqual([
      expect.objectContaining({ kind: 'appealCase', filedOn: '2019-12-31', result: 'upheld' }),
    ]);
  });

  it('the report: agency name, edition, every cell of it; 二 from the registers, blank where nothing was entered', async () => {
    const made = await makeAgency(db());
    await writeFigures(db(), {
      agencyId: made.id,
      year: 2019,
      values: { 's2.penalty.decisions': '12', 's2.procurement.amountWan': '3.5' },
      userId: null,
      now: new Date(),
    });
    const report = await compile(made.id, 2019);
    expect([report.agency, report.year, report.edition, report.narrative]).toEqual([
      made.name,
      2019,
      '2019',
      [],
    ]);
    expect(Object.keys(report.cells)).toEqual(editionCells(EDITIONS['2019']).map((c) => c.key));
    expect(report.cells['s2.penalty.decisions']).toBe(12);
    expect(report.cells['s2.procurement.amountWan']).toBe(3.5);
    expect(report.cells['s2.rules.made']).toBe(0);
    expect(report.cells['s2.coercion.decisions']).toBeNull();
    expect(report.cells['s3.total.total']).toBe(0);
    expect(COMPILE_RULES_NOTE).toContain('结转下年度继续办理');
  });

  it('every cell of a busy year: no error finding, and as many records behind each cell as it counts', async () => {
    const id = await agency();
    const types = ['natural', 'commercial', 'otherOrg'];
    const outcomes = ['granted', 'partial', 'rejected.repeated', 'other.noFee', 'other.other'] as const;
    for (let i = 0; i < 15; i++) {
      const receivedOn = `${2018 + (i % 3)}-${String((i % 12) + 1).padStart(2, '0')}-1${i % 10}`;
      const decidedOn = `${2019 + (i % 2)}-0${(i % 9) + 1}-2${i % 8}`;
      const outcome = outcomes[i % outcomes.length] ?? 'granted';
      await insertApplication(db(), {
        agencyId: id,
        type: types[i % types.length] ?? 'natural',
        receivedOn,
        history:
          i % 4 === 3 || decidedOn < receivedOn
            ? []
            : i % 5 === 0
              ? [
                  { type: 'decided', date: decidedOn, outcome },
                  { type: 'reopened', date: `${decidedOn.slice(0, 4)}-11-02` },
                ]
              : [{ type: 'decided', date: decidedOn, outcome }],
      });
    }
    await insertCase(db(), { agencyId: id, kind: 'litigationDirect', filedOn: '2019-08-01', result: null });
    for (const year of [2019, 2020]) {
      const report = await compile(id, year);
      expect(validateReport(report).filter((f) => f.severity === 'error')).toEqual([]);
      for (const [cell, value] of Object.entries(report.cells)) {
        if (cell.startsWith('s2.')) continue;
        const behind = await recordsBehindCell(db(), { agencyId: id, year, cell });
        expect([cell, behind.records.length]).toEqual([cell, value]);
      }
    }
    await expect(
      recordsBehindCell(db(), { agencyId: id, year: 2019, cell: 's3.other.other.natural' }),
    ).rejects.toThrow('2019年版报告没有单元格');
  });
});
