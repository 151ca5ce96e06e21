import { type Kysely, sql } from 'kysely';
import { expect, it } from 'vitest';
import { isPostgres } from '../../src/db/migrations/dialect.ts';
import type { DB } from '../../src/db/schema.ts';
import {
  createItem,
  findPublishedItem,
  getItem,
  publishItem,
  updateItem,
  withdrawItem,
} from '../../src/disclosure/disclosure-items.ts';
import { approveItem, recordItemReview, requestReview } from '../../src/disclosure/publishing-workflow.ts';
import { searchItems } from '../../src/disclosure/search-items.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-03-05T02:00:00Z');
const actor = TEST_ACTOR;

const NOTICE = {
  title: '关于2019年最低生活保障资金发放情况的公示',
  bodyHtml:
    '<p onclick="x">各街道：</p><script>alert(1)</script><table><tr><td>低保户数</td><td>120</td></tr></table>',
  documentNumber: '汴政〔2019〕12号',
  issuingAgency: '鼓楼区民政局',
  madeOn: '2024-02-20',
  article20Item: '11',
  category: '社会救助',
  tags: '低保发放，社会救助，低保发放',
};

describeEachDatabase('disclosure items', (db) => {
  const auditActions = async (id: number) =>
    (
      await db()
        .selectFrom('audit_log')
        .select(['action', 'after_json'])
        .where('entity_type', '=', 'disclosureItem')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);

  const indexedIn = async (handle: Kysely<DB>, id: number): Promise<number> => {
    const key = sql.ref(isPostgres(handle) ? 'item_id' : 'rowid');
    const { rows } = await sql<{
      n: number;
    }>`select count(*) as n from disclosure_search where ${key} = ${id}`.execute(handle);
    return Number(rows[0]?.n ?? 0);
  };
  const indexed = (id: number) => indexedIn(db(), id);

  /** 保密审查 and approval, the steps before publishItem (tested in publishing-workflow.test.ts). */
  const clear = async (itemId: number) => {
    await requestReview(db(), { itemId, actor, now: NOW });
    await recordItemReview(db(), {
      itemId,
      input: { result: 'cleared', reviewer: '王审查' },
      actor,
      now: NOW,
    });
    await approveItem(db(), { itemId, input: { verdict: 'approve' }, actor, now: NOW });
  };
  const WORKFLOW = ['disclosure.reviewRequest', 'disclosure.review', 'disclosure.approve'];

  it('creates a draft with a sanitised body, its plain text and its fields, and audits it', async () => {
    const agency = await makeAgency(db());
    const item = await createItem(db(), { agencyId: agency.id, input: NOTICE, actor, now: NOW });
    expect(item).toMatchObject({
      agencyId: agency.id,
      status: 'draft',
      publishedOn: null,
      documentNumber: '汴政〔2019〕12号',
      article20Item: 11,
      tags: ['低保发放', '社会救助'],
      bodyHtml: '<p>各街道：</p><table><tr><td>低保户数</td><td>120</td></tr></table>',
      bodyText: '各街道：\n低保户数 120',
    });
    expect(await auditActions(item.id)).toEqual(['disclosure.create']);
    expect(await indexed(item.id)).toBe(0);
    expect(await findPublishedItem(db(), { agencyId: agency.id, itemId: item.id })).toBeNull();
  });

  it('refuses bad fields with Chinese messages naming them', async () => {
    const agency = await makeAgency(db());
    const attempt = (input: object) => createItem(db(), { agencyId: agency.id, input, actor, now: NOW });
    await expect(attempt({ title: '甲'.repeat(201) })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'title', message: '标题不能超过 200 个字' }],
    });
    await expect(attempt({ madeOn: '2024-02-30' })).rejects.toMatchObject({
      details: [{ field: 'madeOn', message: '成文日期应为 YYYY-MM-DD 格式的有效日期' }],
    });
    await expect(attempt({ article20Item: 16 })).rejects.toMatchObject({
      details: [{ field: 'article20Item', message: expect.stringContaining('第二十条类别') }],
    });
    await expect(attempt({ madeOn: '2024-02-20', changedOn: '2024-01-01' })).rejects.toMatchObject({
      details: [{ field: 'changedOn', message: '变更日期不能早于成文日期' }],
    });
    await expect(attempt({ tags: Array.from({ length: 11 }, (_, i) => `标签${i}`) })).rejects.toMatchObject({
      details: [{ field: 'tags', message: '重点领域标签不能超过 10 个' }],
    });
    await expect(
      createItem(db(), { agencyId: 999_999, input: NOTICE, actor, now: NOW }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('publishes only with a title and a body; publishing indexes, withdrawing removes', async () => {
    const agency = await makeAgency(db());
    const empty = await createItem(db(), {
      agencyId: agency.id,
      input: { title: '只有标题' },
      actor,
      now: NOW,
    });
    // Neither sent to review nor published, even when the review is skipped (an import).
    await expect(requestReview(db(), { itemId: empty.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'bodyHtml', message: '发布前请填写正文' }],
    });
    await expect(
      publishItem(db(), { itemId: empty.id, actor, now: NOW, skipReview: true }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'bodyHtml', message: '发布前请填写正文' }],
    });
    const scriptOnly = await createItem(db(), {
      agencyId: agency.id,
      input: { bodyHtml: '<script>x</script>' },
      actor,
      now: NOW,
    });
    await expect(
      publishItem(db(), { itemId: scriptOnly.id, actor, now: NOW, skipReview: true }),
    ).rejects.toMatchObject({
      details: [
        { field: 'title', message: '发布前请填写标题' },
        { field: 'bodyHtml', message: '发布前请填写正文' },
      ],
    });

    const item = await createItem(db(), { agencyId: agency.id, input: NOTICE, actor, now: NOW });
    await expect(publishItem(db(), { itemId: item.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('尚未经过保密审查和审批'),
    });
    await clear(item.id);
    await expect(
      publishItem(db(), { itemId: item.id, actor, now: NOW, publishedOn: '2024-03-06' }),
    ).rejects.toMatchObject({ details: [{ field: 'publishedOn', message: '发布日期不能晚于今天' }] });
    await expect(
      publishItem(db(), { itemId: item.id, actor, now: NOW, publishedOn: '2024-02-19' }),
    ).rejects.toMatchObject({ details: [{ field: 'publishedOn', message: '发布日期不能早于成文日期' }] });

    // 02:00 UTC on the 5th is 10:00 in Beijing: the 5th.
    const published = await publishItem(db(), { itemId: item.id, actor, now: NOW });
    expect(published).toMatchObject({ status: 'published', publishedOn: '2024-03-05' });
    expect(await indexed(item.id)).toBe(1);
    expect(await findPublishedItem(db(), { agencyId: agency.id, itemId: item.id })).not.toBeNull();
    await expect(publishItem(db(), { itemId: item.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    const withdrawn = await withdrawItem(db(), { itemId: item.id, actor, now: NOW, reason: '内容有误' });
    expect(withdrawn.status).toBe('withdrawn');
    expect(await indexed(item.id)).toBe(0);
    expect(await findPublishedItem(db(), { agencyId: agency.id, itemId: item.id })).toBeNull();
    await expect(withdrawItem(db(), { itemId: item.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    // Withdrawn: back to a draft, reviewed and approved again before it is republished.
    expect(withdrawn.reviewStatus).toBe('draft');
    await expect(publishItem(db(), { itemId: item.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await clear(item.id);
    const again = await publishItem(db(), { itemId: item.id, actor, now: NOW, publishedOn: '2024-03-01' });
    expect(again).toMatchObject({ status: 'published', publishedOn: '2024-03-01' });
    expect(await indexed(item.id)).toBe(1);
    expect(await auditActions(item.id)).toEqual([
      'disclosure.create',
      ...WORKFLOW,
      'disclosure.publish',
      'disclosure.withdraw',
      ...WORKFLOW,
      'disclosure.publish',
    ]);
    const withdrawal = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'disclosure.withdraw')
      .where('entity_id', '=', String(item.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(withdrawal.after_json ?? '{}')).toMatchObject({
      status: 'withdrawn',
      reason: '内容有误',
    });
  });

  it('updates a published item and its index in one go, and keeps it publishable', async () => {
    const agency = await makeAgency(db());
    const item = await createItem(db(), { agencyId: agency.id, input: NOTICE, actor, now: NOW });
    await clear(item.id);
    await publishItem(db(), { itemId: item.id, actor, now: NOW });
    const search = (query: string) => searchItems(db(), { query, agencyIds: [agency.id] });
    expect((await search('街道')).total).toBe(1);

    await updateItem(db(), {
      itemId: item.id,
      input: { ...NOTICE, bodyHtml: '<p>特困人员救助供养标准</p>' },
      actor,
      now: new Date('2024-03-06T02:00:00Z'),
    });
    expect((await search('街道')).total).toBe(0);
    expect((await search('救助供养')).total).toBe(1);
    const after = await getItem(db(), item.id);
    expect(after).toMatchObject({ status: 'published', updatedAt: '2024-03-06T02:00:00.000Z' });

    await expect(
      updateItem(db(), { itemId: item.id, input: { ...NOTICE, bodyHtml: '' }, actor, now: NOW }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: [{ field: 'bodyHtml' }] });
    expect(await auditActions(item.id)).toEqual([
      'disclosure.create',
      ...WORKFLOW,
      'disclosure.publish',
      'disclosure.update',
    ]);
  });

  it('writes the index in the transaction of the item: a failure after it undoes both', async () => {
    const agency = await makeAgency(db());
    const item = await createItem(db(), { agencyId: agency.id, input: NOTICE, actor, now: NOW });
    await clear(item.id);
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await publishItem(trx, { itemId: item.id, actor, now: NOW });
          expect(await indexedIn(trx, item.id)).toBe(1);
          throw new Error('后续步骤失败');
        }),
    ).rejects.toThrow('后续步骤失败');
    expect((await getItem(db(), item.id)).status).toBe('draft');
    expect(await indexed(item.id)).toBe(0);
  });
});
