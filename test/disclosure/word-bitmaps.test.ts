import { expect, it } from 'vitest';
import { seeded } from '../../bench/audit/random-report.ts';
import { createItem, publishItem, withdrawItem } from '../../src/disclosure/disclosure-items.ts';
import { searchIndex } from '../../src/disclosure/search-index.ts';
import { loadSynonyms } from '../../src/disclosure/synonyms.ts';
import { parseQuery } from '../../src/disclosure/tokenize.ts';
import { newestMatches } from '../../src/disclosure/word-bitmaps.ts';
import { secondHandle } from '../jobs/support.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-12-20T02:00:00Z');
const TOPICS = [
  '最低生活保障资金发放',
  '供暖保障工作',
  '老旧小区改造',
  '义务教育招生',
  '政府采购意向',
  '疫苗接种',
];
const KINDS = ['通知', '公告', '实施方案', '工作要点'];
const WORDS = [
  '资金',
  '发放',
  '低保',
  '工作',
  '要点',
  '实施',
  '方案',
  '通知',
  '改造',
  '招生',
  '采购',
  '2019',
  '12号',
  '鼓楼',
  '疫苗',
  '保障',
];

describeEachDatabase('the common words kept as bitmaps', (db, database) => {
  const publish = async (
    agencyId: number,
    title: string,
    body: string,
    extra: object,
    publishedOn: string,
  ) => {
    const item = await createItem(db(), {
      agencyId,
      input: { title, bodyHtml: `<p>${body}</p>`, ...extra },
      actor: TEST_ACTOR,
      now: NOW,
    });
    return publishItem(db(), { itemId: item.id, publishedOn, skipReview: true, actor: TEST_ACTOR, now: NOW });
  };

  it('find exactly what the index finds, for random words and filters', async () => {
    const rand = seeded(20261127);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
    const agencies = [await makeAgency(db()), await makeAgency(db()), await makeAgency(db())];
    for (let n = 0; n < 150; n++) {
      const year = 2018 + Math.floor(rand() * 4);
      const topic = pick(TOPICS);
      await publish(
        pick(agencies).id,
        `关于${year}年${topic}的${pick(KINDS)}`,
        `${pick(TOPICS)}。请鼓楼各单位认真落实${pick(KINDS)}。`,
        { documentNumber: `汴鼓〔${year}〕${n % 13}号`, article20Item: 1 + (n % 3) },
        `${year}-0${1 + (n % 9)}-1${n % 10}`,
      );
    }
    const synonyms = await loadSynonyms(db());
    let compared = 0;
    let nonEmpty = 0;
    for (let q = 0; q < 120; q++) {
      const words = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(WORDS)).join(' ');
      const facets = {
        agencyIds: rand() < 0.4 ? agencies.slice(0, 1 + Math.floor(rand() * 2)).map((a) => a.id) : undefined,
        year: rand() < 0.3 ? 2018 + Math.floor(rand() * 4) : undefined,
        article20Item: rand() < 0.2 ? 1 + Math.floor(rand() * 3) : undefined,
      };
      const parsed = parseQuery(words, synonyms);
      const options = { limit: 20, cap: 41 };
      const index = await searchIndex(db(), parsed, facets, { ...options, wordSets: false });
      // Without the title check, the title matches come from the kept words too (down to the oldest match).
      const scanned = await searchIndex(db(), parsed, facets, {
        ...options,
        titleCheckMax: 0,
        wordSets: false,
      });
      expect(scanned).toEqual(index);
      // Every word common (bitmaps), some common and some rare (lists), then every word rare.
      for (const commonWord of [8, 25, 60, 1_000_000]) {
        const label = `${words} ${JSON.stringify(facets)} ${commonWord}`;
        expect(await searchIndex(db(), parsed, facets, { ...options, commonWord }), label).toEqual(index);
        expect(
          await searchIndex(db(), parsed, facets, { ...options, commonWord, titleCheckMax: 0 }),
          label,
        ).toEqual(index);
        compared++;
      }
      if (index.matching > 0) nonEmpty++;
    }
    expect(compared).toBe(480);
    expect(nonEmpty).toBeGreaterThan(30);
    const direct = await newestMatches(db(), parseQuery('工作'), [], 5, { common: 8 });
    if (database().dialect === 'postgres') expect(direct).toBeNull();
    else expect(direct).toHaveLength(5);
    // A phrase needs the index's positions: not for here.
    expect(await newestMatches(db(), parseQuery('"资金发放"'), [], 5)).toBeNull();
  });

  it('see an item published or withdrawn at once, through this handle or another process', async () => {
    const agency = await makeAgency(db());
    const facets = { agencyIds: [agency.id] };
    const find = async (handle = db()) =>
      (await searchIndex(handle, parseQuery('疫苗 接种'), facets, { limit: 10, cap: 41, commonWord: 2 })).ids;
    const first = await publish(agency.id, '疫苗接种工作安排', '请按时接种疫苗。', {}, '2024-01-02');
    const second = await publish(agency.id, '关于疫苗接种的通知', '疫苗接种点名单。', {}, '2024-02-03');
    await publish(agency.id, '供暖保障', '冬季供暖。', {}, '2024-03-04');
    expect(await find()).toEqual([second.id, first.id]);
    const third = await publish(agency.id, '第二剂疫苗接种', '接种安排。', {}, '2024-04-05');
    expect(await find()).toEqual([third.id, second.id, first.id]);
    await withdrawItem(db(), { itemId: second.id, reason: '已过期', actor: TEST_ACTOR, now: NOW });
    expect(await find()).toEqual([third.id, first.id]);

    const other = await secondHandle(database());
    try {
      expect(await find(other.db)).toEqual([third.id, first.id]);
      const item = await createItem(other.db, {
        agencyId: agency.id,
        input: { title: '疫苗接种门诊', bodyHtml: '<p>门诊时间。</p>' },
        actor: TEST_ACTOR,
        now: NOW,
      });
      const fourth = await publishItem(other.db, {
        itemId: item.id,
        publishedOn: '2024-05-06',
        skipReview: true,
        actor: TEST_ACTOR,
        now: NOW,
      });
      expect(await find()).toEqual([fourth.id, third.id, first.id]);
    } finally {
      await other.close();
    }
  });
});
