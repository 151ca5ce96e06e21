import { expect, it } from 'vitest';
import { createItem, publishItem, withdrawItem } from '../../src/disclosure/disclosure-items.ts';
import { rebuildSearchIndex, searchIndex } from '../../src/disclosure/search-index.ts';
import { searchItems } from '../../src/disclosure/search-items.ts';
import { suggestPublishedItems } from '../../src/disclosure/suggest-items.ts';
import { addSynonym, loadSynonyms } from '../../src/disclosure/synonyms.ts';
import { parseQuery } from '../../src/disclosure/tokenize.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-12-20T02:00:00Z');
const actor = TEST_ACTOR;

interface Fields {
  title: string;
  body: string;
  documentNumber?: string;
  article20Item?: number;
  publishedOn?: string;
}

describeEachDatabase('searching published items', (db) => {
  const publish = async (agencyId: number, f: Fields) => {
    const item = await createItem(db(), {
      agencyId,
      input: {
        title: f.title,
        bodyHtml: `<p>${f.body}</p>`,
        documentNumber: f.documentNumber,
        article20Item: f.article20Item,
      },
      actor,
      now: NOW,
    });
    return publishItem(db(), {
      itemId: item.id,
      actor,
      now: NOW,
      publishedOn: f.publishedOn ?? '2024-06-01',
      // Fixtures for search: the workflow before publishing is tested in publishing-workflow.test.ts.
      skipReview: true,
    });
  };

  /** An agency with the sample's items: 低保, 医保, a plan, a procurement notice. */
  const seed = async () => {
    const agency = await makeAgency(db());
    const dibao = await publish(agency.id, {
      title: '鼓楼区2019年最低生活保障资金发放情况',
      body: '2019年全区共发放最低生活保障资金1200万元，保障对象3500户。',
      documentNumber: '汴鼓政〔2019〕12号',
      article20Item: 11,
      publishedOn: '2019-04-01',
    });
    const short = await publish(agency.id, {
      title: '关于调整城乡低保标准的通知',
      body: '自2020年1月起，城市低保标准调整为每人每月600元。',
      documentNumber: '汴鼓民〔2020〕3号',
      article20Item: 11,
      publishedOn: '2020-01-05',
    });
    const medical = await publish(agency.id, {
      title: '城乡居民医疗保险缴费标准',
      body: '2024年度城乡居民基本医疗保险个人缴费标准为每人每年380元。',
      publishedOn: '2024-01-10',
    });
    const procurement = await publish(agency.id, {
      title: '道路绿化养护项目政府采购公告',
      body: '项目编号GLCG-2024-017，采购内容为主干道绿化养护。',
      documentNumber: '鼓财采〔2024〕17号',
      article20Item: 9,
      publishedOn: '2024-05-01',
    });
    return { agency, dibao, short, medical, procurement };
  };

  const ids = async (agencyId: number, query: string, extra: object = {}) =>
    (await searchItems(db(), { query, agencyIds: [agencyId], ...extra })).rows.map((r) => r.id);

  it('finds 最低生活保障 by 低保 and 低保 by 最低生活保障', async () => {
    const s = await seed();
    expect((await ids(s.agency.id, '低保')).sort()).toEqual([s.dibao.id, s.short.id].sort());
    expect((await ids(s.agency.id, '最低生活保障')).sort()).toEqual([s.dibao.id, s.short.id].sort());
    expect(await ids(s.agency.id, '医保')).toEqual([s.medical.id]);
    expect(await ids(s.agency.id, '低保标准')).toEqual([s.short.id]);
  });

  it('finds two-character words, phrases and document numbers', async () => {
    const s = await seed();
    expect(await ids(s.agency.id, '绿化')).toEqual([s.procurement.id]);
    expect(await ids(s.agency.id, '缴费')).toEqual([s.medical.id]);
    expect(await ids(s.agency.id, '“发放情况”')).toEqual([s.dibao.id]);
    expect(await ids(s.agency.id, '“情况发放”')).toEqual([]);
    expect(await ids(s.agency.id, '汴鼓政〔2019〕12号')).toEqual([s.dibao.id]);
    expect(await ids(s.agency.id, '12号')).toEqual([s.dibao.id]);
    expect(await ids(s.agency.id, '17号')).toEqual([s.procurement.id]);
    expect(await ids(s.agency.id, 'glcg')).toEqual([s.procurement.id]);
    expect(await ids(s.agency.id, '13号')).toEqual([]);
    expect(await ids(s.agency.id, '养老院')).toEqual([]);
    expect((await ids(s.agency.id, '2019')).includes(s.dibao.id)).toBe(true);
  });

  it('ranks a match in the title above one in the body, then the newest first', async () => {
    const agency = await makeAgency(db());
    const inBody = await publish(agency.id, {
      title: '2024年第一季度工作动态',
      body: '本季度开展了就业创业培训，另有其他多项工作安排和各类会议活动的情况说明。',
      publishedOn: '2024-04-01',
    });
    const inTitle = await publish(agency.id, {
      title: '就业创业补贴申领指南',
      body: '符合条件的人员可以申领补贴。',
      publishedOn: '2023-01-01',
    });
    expect(await ids(agency.id, '就业创业')).toEqual([inTitle.id, inBody.id]);
    expect(await ids(agency.id, '')).toEqual([inBody.id, inTitle.id]);
  });

  it('filters by agency, Art. 20 item and year; pages with a total', async () => {
    const s = await seed();
    const other = await makeAgency(db());
    await publish(other.id, { title: '龙亭区最低生活保障对象名单', body: '名单附后。' });
    expect(await ids(other.id, '低保')).toHaveLength(1);
    expect(await ids(s.agency.id, '低保', { year: 2020 })).toEqual([s.short.id]);
    expect(await ids(s.agency.id, '', { article20Item: 9 })).toEqual([s.procurement.id]);
    expect(await ids(s.agency.id, '', { article20Item: 'other' })).toEqual([s.medical.id]);
    const both = await searchItems(db(), { query: '低保', agencyIds: [s.agency.id, other.id], pageSize: 2 });
    expect(both.total).toBe(3);
    expect(both.rows).toHaveLength(2);
    const second = await searchItems(db(), {
      query: '低保',
      agencyIds: [s.agency.id, other.id],
      pageSize: 2,
      page: 2,
    });
    expect(second.rows).toHaveLength(1);
    expect(new Set([...both.rows, ...second.rows].map((r) => r.id)).size).toBe(3);
    expect((await searchItems(db(), { query: '低保', agencyIds: [] })).total).toBe(0);
    expect(both.totalCapped).toBe(false);
    expect([both.pageCount, second.pageCount]).toEqual([2, 2]);
  });

  it('tells title matches apart by their titles exactly as the title scan of the index does', async () => {
    const s = await seed();
    await publish(s.agency.id, {
      title: '低保对象名单公示',
      body: '鼓楼区2019年最低生活保障资金发放情况见附件，依据汴鼓政〔2019〕12号。',
      publishedOn: '2024-07-01',
    });
    await publish(s.agency.id, {
      title: '关于发放资金的通知',
      body: '城乡低保标准调整。',
      documentNumber: '汴鼓民〔2024〕12号',
      publishedOn: '2024-08-01',
    });
    const synonyms = await loadSynonyms(db());
    const queries = [
      '低保',
      '最低生活保障',
      '资金发放',
      '"资金发放"',
      '发放 资金',
      '12号',
      '汴鼓政〔2019〕12号',
      '2019 低保',
      '标准',
      '鼓楼区',
      '"城乡低保"',
    ];
    let titleFirst = 0;
    for (const query of queries) {
      const parsed = parseQuery(query, synonyms);
      const facets = { agencyIds: [s.agency.id] };
      // The index alone (no words kept in memory): titles tested here, or the title scan.
      const byTitles = await searchIndex(db(), parsed, facets, { limit: 10, cap: 1001, wordSets: false });
      const byScan = await searchIndex(db(), parsed, facets, {
        limit: 10,
        cap: 1001,
        titleCheckMax: 0,
        wordSets: false,
      });
      expect(await searchIndex(db(), parsed, facets, { limit: 10, cap: 1001 }), query).toEqual(byScan);
      expect(byTitles, query).toEqual(byScan);
      expect(byTitles.matching, query).toBeGreaterThan(0);
      const newestFirst = [...byTitles.ids].sort((a, b) => b - a);
      if (JSON.stringify(byTitles.ids) !== JSON.stringify(newestFirst)) titleFirst++;
    }
    // The order differs from newest-first for some queries: title matches were moved up.
    expect(titleFirst).toBeGreaterThan(0);
  });

  it('reads the index once for the first pages of a search when given a memo', async () => {
    const s = await seed();
    const other = await makeAgency(db());
    await publish(other.id, { title: '龙亭区最低生活保障对象名单', body: '名单附后。' });
    const kept = new Map<string, Promise<unknown>>();
    const keys: string[] = [];
    const memo = <T>(key: string, read: () => Promise<T>): Promise<T> => {
      keys.push(key);
      if (!kept.has(key)) kept.set(key, read());
      return kept.get(key) as Promise<T>;
    };
    const options = { query: '低保', agencyIds: [s.agency.id, other.id], pageSize: 1 };
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await searchItems(db(), { ...options, page }, memo));
    expect(kept.size).toBe(1);
    expect(keys).toHaveLength(3);
    const plain = [];
    for (const page of [1, 2, 3]) plain.push(await searchItems(db(), { ...options, page }));
    expect(pages).toEqual(plain);
    expect(pages.map((p) => p.rows.length)).toEqual([1, 1, 1]);
    expect(new Set(pages.map((p) => p.rows[0]?.id)).size).toBe(3);
  });

  it('keeps the filters out of what a reader can find by words', async () => {
    const agency = await makeAgency(db());
    const item = await publish(agency.id, {
      title: '关于城乡低保标准的通知',
      body: '自七月起执行。',
      article20Item: 11,
      publishedOn: '2019-07-01',
    });
    // The filters are words of the index too (a41, y2019, i11): typed, they find nothing.
    for (const word of [`a${agency.id}`, 'y2019', 'i11'])
      expect(await ids(agency.id, word), word).toEqual([]);
    expect(await ids(agency.id, '低保', { year: 2019, article20Item: 11 })).toEqual([item.id]);
    expect(await ids(agency.id, '低保', { year: 2018 })).toEqual([]);
    expect(await ids(agency.id, '低保', { article20Item: 'other' })).toEqual([]);
  });

  it('forgets withdrawn items and never shows drafts', async () => {
    const s = await seed();
    await withdrawItem(db(), { itemId: s.dibao.id, actor, now: NOW });
    expect(await ids(s.agency.id, '低保')).toEqual([s.short.id]);
    expect(await ids(s.agency.id, '12号')).toEqual([]);
    expect(await ids(s.agency.id, '')).not.toContain(s.dibao.id);
    await createItem(db(), {
      agencyId: s.agency.id,
      input: { title: '低保草稿', bodyHtml: '<p>低保</p>' },
      actor,
      now: NOW,
    });
    expect(await ids(s.agency.id, '低保')).toEqual([s.short.id]);
  });

  it('returns titles and snippets as parts, the matched words marked, text as it was written', async () => {
    const agency = await makeAgency(db());
    await publish(agency.id, {
      title: '关于<低保>的说明',
      body: '&lt;script&gt;alert(1)&lt;/script&gt; 最低生活保障金按月发放。',
    });
    const [hit] = (await searchItems(db(), { query: '低保', agencyIds: [agency.id] })).rows;
    expect(hit?.titleParts).toEqual([
      { text: '关于<', hit: false },
      { text: '低保', hit: true },
      { text: '>的说明', hit: false },
    ]);
    expect(hit?.snippet).toEqual([
      { text: '<script>alert(1)</script> ', hit: false },
      { text: '最低生活保障', hit: true },
      { text: '金按月发放。', hit: false },
    ]);
    expect(hit?.agencyName).toBe(agency.name);
    expect(hit?.publishedOn).toBe('2024-06-01');
  });

  it('says nothing was searched for punctuation alone', async () => {
    const s = await seed();
    const result = await searchItems(db(), { query: '！？', agencyIds: [s.agency.id] });
    expect(result).toMatchObject({ total: 0, rows: [], searched: false });
  });

  it('uses a synonym an admin adds at once, and fully after the index is rebuilt', async () => {
    const agency = await makeAgency(db());
    const card = await publish(agency.id, { title: '社会保障卡申领流程', body: '持身份证到窗口办理。' });
    expect(await ids(agency.id, '一卡通')).toEqual([]);
    await addSynonym(db(), { input: { term: '一卡通', expansion: '社会保障卡' }, actor, now: NOW });
    expect(await ids(agency.id, '一卡通')).toEqual([card.id]);
    await expect(
      addSynonym(db(), { input: { term: '一卡通', expansion: '社会保障卡' }, actor, now: NOW }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      addSynonym(db(), { input: { term: '', expansion: 'x' }, actor, now: NOW }),
    ).rejects.toMatchObject({
      details: [{ field: 'term', message: '请填写简称' }],
    });
    expect(await rebuildSearchIndex(db())).toBeGreaterThan(0);
    expect(await ids(agency.id, '一卡通')).toEqual([card.id]);
    expect(await ids(agency.id, '社会保障卡')).toEqual([card.id]);
  });

  it('suggests the published items of the agency and those above it that an application asks for', async () => {
    const parent = await makeAgency(db());
    const agency = await makeAgency(db(), { parentId: parent.id });
    const sibling = await makeAgency(db(), { parentId: parent.id });
    const dibao = await publish(agency.id, {
      title: '鼓楼区2019年最低生活保障资金发放情况',
      body: '2019年全区共发放最低生活保障资金1200万元，保障对象3500户。',
    });
    const standard = await publish(parent.id, {
      title: '关于调整城乡低保标准的通知',
      body: '城市低保标准调整为每人每月600元，农村低保标准调整为每人每年4500元。',
    });
    await publish(agency.id, { title: '道路绿化养护项目政府采购公告', body: '采购内容为主干道绿化养护。' });
    await publish(sibling.id, {
      title: '2019年低保资金发放情况',
      body: '2019年全区发放低保资金。',
    });

    const suggested = await suggestPublishedItems(db(), {
      agencyId: agency.id,
      text: '申请公开2019年度本区低保资金的发放情况，包括发放总额和保障对象户数。',
      limit: 5,
    });
    expect(suggested[0]?.id).toBe(dibao.id);
    expect(suggested.map((s) => s.id)).not.toContain(standard.id);
    expect(suggested.every((s) => s.agencyId === agency.id || s.agencyId === parent.id)).toBe(true);

    const standards = await suggestPublishedItems(db(), {
      agencyId: agency.id,
      text: '我想了解城乡最低生活保障标准是多少，农村低保标准如何调整。',
      limit: 5,
    });
    expect(standards[0]?.id).toBe(standard.id);

    // One word: the items with it in the title (here through the synonym, too).
    const oneWord = await suggestPublishedItems(db(), { agencyId: agency.id, text: '低保', limit: 5 });
    expect(oneWord.map((s) => s.id).sort()).toEqual([dibao.id, standard.id].sort());

    expect(
      await suggestPublishedItems(db(), {
        agencyId: agency.id,
        text: '请公开本区2023年度公务用车购置经费的使用情况。',
        limit: 5,
      }),
    ).toEqual([]);
    expect(
      await suggestPublishedItems(db(), { agencyId: agency.id, text: '申请公开政府信息', limit: 5 }),
    ).toEqual([]);
  });
});
