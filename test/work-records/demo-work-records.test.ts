import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { seedDemo } from '../../src/orgs/demo.ts';
import { DEMO_WORK_RECORD_AGENCY } from '../../src/work-records/demo-work-records.ts';
import { workRecordSentences, workRecordSummary } from '../../src/work-records/work-record-summary.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const SAMPLE = new URL('../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

describeEachDatabase('demo work records', (db) => {
  it("give the figures of the sample report's section 一 for 鼓楼区人民政府 and 2019", async () => {
    const sample = (await readFile(SAMPLE, 'utf8')).split('二、主动公开政府信息情况')[0] ?? '';
    for (const phrase of ['培训2次', '150多人', '投资2万元', '6367余条', '政务服务事项数量766项'])
      expect(sample).toContain(phrase);

    await seedDemo(db(), { now: new Date('2026-11-27T03:00:00.000Z') });
    const { id } = await db()
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', DEMO_WORK_RECORD_AGENCY)
      .executeTakeFirstOrThrow();
    const summary = await workRecordSummary(db(), id, 2019);
    expect(summary.trainings.count).toBe(2);
    expect(summary.trainings.participants).toBeGreaterThan(150);
    expect(summary.trainings.participants).toBeLessThan(160);
    expect(summary.platform.cost).toBe('20000');
    expect(summary.newMedia.posts).toBe(6367);
    expect(summary.serviceItems.items).toBe(766);
    expect(workRecordSentences(summary).join('')).toContain('全年投入2万元用于政府信息公开平台建设');
  });
});
