import { afterAll, expect, it } from 'vitest';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { mergeSearchIndex } from '../../src/disclosure/search-index.ts';
import { searchItems } from '../../src/disclosure/search-items.ts';
import { registerJobHandlers } from '../../src/jobs/handlers/index.ts';
import { SEARCH_MERGE } from '../../src/jobs/handlers/search-merge.ts';
import { jobNameLabel } from '../../src/jobs/job-labels.ts';
import { openJobQueue } from '../../src/jobs/job-queue.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';
import { dropJobSchema, FAST, waitFor } from './support.ts';

const NOW = new Date('2024-12-20T02:00:00Z');
const TOPICS = ['最低生活保障资金发放', '供暖保障', '老旧小区改造', '义务教育招生', '政府采购意向'];

describeEachDatabase('search.merge', (db, database) => {
  afterAll(() => dropJobSchema(database()));

  /** Items published one by one, as staff publish them: each adds a segment to SQLite's index. */
  const publishMany = async (agencyId: number, count: number) => {
    for (let n = 0; n < count; n++) {
      const title = `关于${TOPICS[n % TOPICS.length]}的通知（第${n + 1}号）`;
      const item = await createItem(db(), {
        agencyId,
        input: { title, bodyHtml: `<p>${title}，请各单位认真落实。</p>` },
        actor: TEST_ACTOR,
        now: NOW,
      });
      await publishItem(db(), {
        itemId: item.id,
        publishedOn: '2024-12-01',
        skipReview: true,
        actor: TEST_ACTOR,
        now: NOW,
      });
    }
  };

  const found = async (agencyId: number) => {
    const result: Record<string, number[]> = {};
    for (const q of ['低保', '供暖', '"老旧小区"', '通知', '7号'])
      result[q] = (await searchItems(db(), { query: q, agencyIds: [agencyId], pageSize: 50 })).rows.map(
        (r) => r.id,
      );
    return result;
  };

  it('merges the index into fewer segments, finds the same, and then has nothing left to do', async () => {
    const agency = await makeAgency(db());
    await publishMany(agency.id, 30);
    const before = await found(agency.id);
    expect(before['低保']).toHaveLength(6);
    expect(before['通知']).toHaveLength(30);

    const merge = await mergeSearchIndex(db(), { pages: 4 });
    expect(await found(agency.id)).toEqual(before);
    const again = await mergeSearchIndex(db());
    expect(again.steps).toBe(database().dialect === 'sqlite' ? 1 : 0);
    if (database().dialect === 'sqlite') {
      expect(merge.steps).toBeGreaterThan(1);
      expect(merge.after).toBeLessThan(merge.before);
      expect(again.after).toBe(again.before);
    }
  });

  it('stops when the server does, and runs nightly as a job named for the admin', async () => {
    const stop = new AbortController();
    stop.abort();
    if (database().dialect === 'sqlite')
      await expect(mergeSearchIndex(db(), { signal: stop.signal })).rejects.toThrow(/检索索引整理已中断/);
    // PostgreSQL's GIN index has nothing to merge.
    else expect((await mergeSearchIndex(db(), { signal: stop.signal })).steps).toBe(0);
    expect(jobNameLabel(SEARCH_MERGE)).toBe('整理全文检索索引');

    const agency = await makeAgency(db());
    await publishMany(agency.id, 8);
    const queue = openJobQueue(database(), { ...FAST, onError: () => {} });
    await registerJobHandlers(queue, db());
    await queue.start();
    try {
      const id = (await queue.send(SEARCH_MERGE)) ?? '';
      await waitFor(async () => ((await queue.get(id))?.state === 'completed' ? true : undefined), 'the job');
      expect((await found(agency.id))['通知']).toHaveLength(8);
    } finally {
      await queue.stop();
    }
  });
});
