import { expect, it } from 'vitest';
import {
  createCategory,
  deleteCategory,
  fileItem,
  listCategories,
  moveCategory,
  renameCategory,
} from '../../src/disclosure/catalogue.ts';
import {
  CATALOGUE_PAGE_SIZE,
  categoryCounts,
  feedItems,
  listCatalogueItems,
  publicationYears,
} from '../../src/disclosure/catalogue-items.ts';
import { createItem, publishItem, withdrawItem } from '../../src/disclosure/disclosure-items.ts';
import {
  findPublishedGuide,
  listGuideVersions,
  publishGuide,
  saveGuideDraft,
} from '../../src/disclosure/guide.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-03-05T02:00:00Z');
const actor = TEST_ACTOR;
const opts = { actor, now: NOW };

const rejects = async (promise: Promise<unknown>, code: string, pattern?: RegExp) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  if (pattern) expect((error as AppError).message).toMatch(pattern);
};

describeEachDatabase('the catalogue and the guide', (db) => {
  const audit = async (agencyId: number) =>
    (
      await db()
        .selectFrom('audit_log')
        .select('action')
        .where('agency_id', '=', agencyId)
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  const publish = async (
    agencyId: number,
    input: Record<string, unknown>,
    publishedOn: string,
    categoryId: number | null = null,
  ) => {
    const item = await createItem(db(), {
      agencyId,
      input: { bodyHtml: '<p>正文</p>', ...input },
      ...opts,
    });
    if (categoryId !== null) await fileItem(db(), { itemId: item.id, categoryId, ...opts });
    return publishItem(db(), { itemId: item.id, publishedOn, skipReview: true, ...opts });
  };

  it('creates, renames, moves and deletes categories as a tree, each step audited', async () => {
    const agency = await makeAgency(db());
    const policy = await createCategory(db(), { agencyId: agency.id, input: { name: '政策文件' }, ...opts });
    const district = await createCategory(db(), {
      agencyId: agency.id,
      input: { name: '区政府文件', parentId: String(policy.id) },
      ...opts,
    });
    const finance = await createCategory(db(), { agencyId: agency.id, input: { name: '财政信息' }, ...opts });
    expect((await listCategories(db(), agency.id)).map((c) => [c.path.join('/'), c.depth])).toEqual([
      ['政策文件', 0],
      ['政策文件/区政府文件', 1],
      ['财政信息', 0],
    ]);

    // A name is unique among siblings (top level too), not across the tree.
    await rejects(
      createCategory(db(), { agencyId: agency.id, input: { name: '财政信息' }, ...opts }),
      'VALIDATION',
    );
    await createCategory(db(), {
      agencyId: agency.id,
      input: { name: '财政信息', parentId: policy.id },
      ...opts,
    });
    await rejects(
      createCategory(db(), { agencyId: agency.id, input: { name: '  ' }, ...opts }),
      'VALIDATION',
    );
    // Another agency's tree is its own.
    const other = await makeAgency(db());
    await createCategory(db(), { agencyId: other.id, input: { name: '财政信息' }, ...opts });
    await rejects(
      createCategory(db(), { agencyId: other.id, input: { name: 'x', parentId: policy.id }, ...opts }),
      'NOT_FOUND',
    );

    await renameCategory(db(), { categoryId: district.id, name: '区政府规范性文件', ...opts });
    await rejects(renameCategory(db(), { categoryId: finance.id, name: '政策文件', ...opts }), 'VALIDATION');

    // Never under itself or below itself.
    await rejects(
      moveCategory(db(), { categoryId: policy.id, parentId: district.id, ...opts }),
      'VALIDATION',
    );
    await rejects(moveCategory(db(), { categoryId: policy.id, parentId: policy.id, ...opts }), 'VALIDATION');
    await moveCategory(db(), { categoryId: district.id, parentId: finance.id, ...opts });
    await moveCategory(db(), { categoryId: finance.id, parentId: '', position: 0, ...opts });
    await moveCategory(db(), { categoryId: policy.id, parentId: '', position: 5, ...opts });
    expect((await listCategories(db(), agency.id)).map((c) => c.path.join('/'))).toEqual([
      '财政信息',
      '财政信息/区政府规范性文件',
      '政策文件',
      '政策文件/财政信息',
    ]);

    // Deleted only when empty: no subcategory, no item of any status.
    await rejects(deleteCategory(db(), { categoryId: finance.id, ...opts }), 'CONFLICT', /下级分类/);
    const draft = await createItem(db(), { agencyId: agency.id, input: { title: '草稿' }, ...opts });
    await fileItem(db(), { itemId: draft.id, categoryId: district.id, ...opts });
    await rejects(deleteCategory(db(), { categoryId: district.id, ...opts }), 'CONFLICT', /还有信息/);
    const filed = await db()
      .selectFrom('disclosure_items')
      .select(['category_id', 'category'])
      .where('id', '=', draft.id)
      .executeTakeFirstOrThrow();
    expect(filed).toEqual({ category_id: district.id, category: '财政信息 / 区政府规范性文件' });
    await fileItem(db(), { itemId: draft.id, categoryId: null, ...opts });
    await deleteCategory(db(), { categoryId: district.id, ...opts });
    await deleteCategory(db(), { categoryId: finance.id, ...opts });
    expect((await listCategories(db(), agency.id)).map((c) => c.name)).toEqual(['政策文件', '财政信息']);
    // Filing under another agency's category is refused.
    const foreign = (await listCategories(db(), other.id))[0];
    await rejects(fileItem(db(), { itemId: draft.id, categoryId: foreign?.id ?? 0, ...opts }), 'NOT_FOUND');

    const actions = await audit(agency.id);
    for (const action of [
      'catalogue.category.create',
      'catalogue.category.rename',
      'catalogue.category.move',
      'catalogue.category.delete',
      'catalogue.item.file',
    ])
      expect(actions).toContain(action);
  });

  it('keeps guide versions: drafts, one published at a time, the older ones as history', async () => {
    const agency = await makeAgency(db());
    expect(await findPublishedGuide(db(), agency.id)).toBeNull();
    await rejects(saveGuideDraft(db(), { agencyId: agency.id, bodyHtml: '<p> </p>', ...opts }), 'VALIDATION');
    const v1 = await saveGuideDraft(db(), {
      agencyId: agency.id,
      bodyHtml: '<h2>一、主动公开</h2><p onclick="x()">正文</p><script>alert(1)</script>',
      ...opts,
    });
    expect(v1.version).toBe(1);
    expect(v1.status).toBe('draft');
    expect(v1.bodyHtml).toContain('<h2>一、主动公开</h2>');
    expect(v1.bodyHtml).not.toMatch(/script|onclick/);
    await publishGuide(db(), { agencyId: agency.id, version: 1, ...opts });
    await rejects(publishGuide(db(), { agencyId: agency.id, version: 1, ...opts }), 'CONFLICT');
    await rejects(publishGuide(db(), { agencyId: agency.id, version: 9, ...opts }), 'NOT_FOUND');

    const v2 = await saveGuideDraft(db(), { agencyId: agency.id, bodyHtml: '<p>第二版</p>', ...opts });
    expect(v2.version).toBe(2);
    // The draft is not shown yet.
    expect((await findPublishedGuide(db(), agency.id))?.version).toBe(1);
    await publishGuide(db(), { agencyId: agency.id, version: 2, ...opts });
    expect((await findPublishedGuide(db(), agency.id))?.bodyHtml).toBe('<p>第二版</p>');
    expect((await listGuideVersions(db(), agency.id)).map((v) => [v.version, v.status])).toEqual([
      [2, 'published'],
      [1, 'superseded'],
    ]);
    // The database itself holds at most one published version per agency.
    await expect(
      db().updateTable('agency_guides').set({ status: 'published' }).where('id', '=', v1.id).execute(),
    ).rejects.toThrow();
    expect(await audit(agency.id)).toEqual([
      'agency.create',
      'guide.draft',
      'guide.publish',
      'guide.draft',
      'guide.publish',
    ]);
  });

  it('lists published items with each filter, sort and page; withdrawn and drafts never', async () => {
    const agency = await makeAgency(db());
    const social = await createCategory(db(), { agencyId: agency.id, input: { name: '社会救助' }, ...opts });
    const dibao = await createCategory(db(), {
      agencyId: agency.id,
      input: { name: '低保', parentId: social.id },
      ...opts,
    });
    const budget = await createCategory(db(), {
      agencyId: agency.id,
      input: { name: '财政预决算' },
      ...opts,
    });
    // 45 items: 2018 and 2019, in three categories.
    for (let i = 1; i <= 45; i++) {
      const year = i <= 15 ? 2018 : 2019;
      const day = `${year}-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`;
      const category = i % 3 === 0 ? dibao.id : i % 3 === 1 ? social.id : budget.id;
      await publish(
        agency.id,
        {
          title: `信息${String(i).padStart(2, '0')}`,
          article20Item: i % 3 === 2 ? 7 : 11,
          tags: i % 3 === 0 ? ['低保发放', '社会救助'] : i % 3 === 1 ? ['社会救助'] : [],
        },
        day,
        category,
      );
    }
    const withdrawn = await publish(
      agency.id,
      { title: '已撤回', tags: ['低保发放'] },
      '2019-05-05',
      dibao.id,
    );
    await withdrawItem(db(), { itemId: withdrawn.id, ...opts });
    await createItem(db(), { agencyId: agency.id, input: { title: '草稿', bodyHtml: '<p>x</p>' }, ...opts });
    // Another agency's items are not listed.
    await publish((await makeAgency(db())).id, { title: '别的机关' }, '2019-05-05');

    const all = await listCatalogueItems(db(), { agencyId: agency.id });
    expect(all.total).toBe(45);
    expect(all.pageCount).toBe(3);
    expect(all.entries).toHaveLength(CATALOGUE_PAGE_SIZE);
    const dates = all.entries.map((e) => e.publishedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    const last = await listCatalogueItems(db(), { agencyId: agency.id, page: 3 });
    expect(last.entries).toHaveLength(5);
    // A page past the end is the last page.
    expect((await listCatalogueItems(db(), { agencyId: agency.id, page: 99 })).page).toBe(3);
    const everything = [
      ...all.entries,
      ...(await listCatalogueItems(db(), { agencyId: agency.id, page: 2 })).entries,
      ...last.entries,
    ].map((e) => e.title);
    expect(new Set(everything).size).toBe(45);
    expect(everything).not.toContain('已撤回');
    expect(everything).not.toContain('草稿');

    const oldest = await listCatalogueItems(db(), { agencyId: agency.id, sort: 'oldest' });
    expect(oldest.entries[0]?.publishedOn.startsWith('2018')).toBe(true);
    const byTitle = await listCatalogueItems(db(), { agencyId: agency.id, sort: 'title' });
    expect(byTitle.entries.slice(0, 3).map((e) => e.title)).toEqual(['信息01', '信息02', '信息03']);

    // A category includes the categories under it.
    expect((await listCatalogueItems(db(), { agencyId: agency.id, categoryId: dibao.id })).total).toBe(15);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, categoryId: social.id })).total).toBe(30);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, categoryId: budget.id })).total).toBe(15);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, categoryId: 999_999 })).total).toBe(0);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, year: 2018 })).total).toBe(15);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, year: 2019 })).total).toBe(30);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, article20Item: 7 })).total).toBe(15);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, tag: '低保发放' })).total).toBe(15);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, tag: '社会救助' })).total).toBe(30);
    // LIKE's wildcards are taken literally.
    expect((await listCatalogueItems(db(), { agencyId: agency.id, tag: '%' })).total).toBe(0);
    expect((await listCatalogueItems(db(), { agencyId: agency.id, tag: '低保_发放' })).total).toBe(0);
    const combined = await listCatalogueItems(db(), {
      agencyId: agency.id,
      categoryId: social.id,
      year: 2019,
      article20Item: 11,
      tag: '低保发放',
    });
    expect(combined.total).toBe(10);

    expect((await categoryCounts(db(), agency.id)).map((c) => [c.name, c.count])).toEqual([
      ['社会救助', 30],
      ['低保', 15],
      ['财政预决算', 15],
    ]);
    expect(await publicationYears(db(), agency.id)).toEqual([2019, 2018]);

    const feed = await feedItems(db(), { agencyId: agency.id });
    expect(feed).toHaveLength(45);
    expect(feed.map((e) => e.title)).not.toContain('已撤回');
    expect((await feedItems(db(), { agencyId: agency.id, categoryId: social.id })).length).toBe(30);
  });

  it('lists the years with publications, skipping years with none and withdrawn items', async () => {
    const agency = await makeAgency(db());
    for (const day of ['2016-12-31', '2019-01-01', '2019-07-15', '2023-03-03'])
      await publish(agency.id, { title: `信息${day}` }, day);
    const withdrawn = await publish(agency.id, { title: '已撤回' }, '2021-06-01');
    await withdrawItem(db(), { itemId: withdrawn.id, ...opts });
    await publish((await makeAgency(db())).id, { title: '别的机关' }, '2020-05-05');
    expect(await publicationYears(db(), agency.id)).toEqual([2023, 2019, 2016]);
    expect(await publicationYears(db(), (await makeAgency(db())).id)).toEqual([]);
  });
});
