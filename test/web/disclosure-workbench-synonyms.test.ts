import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPostgres } from '../../src/db/migrations/dialect.ts';
import type { DB } from '../../src/db/schema.ts';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { ftsQuery, tsQuery } from '../../src/disclosure/search-index.ts';
import { parseQuery } from '../../src/disclosure/tokenize.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

/** The items whose indexed words hold a word as written, without the synonyms (index-time only). */
const indexedWith = async (db: Kysely<DB>, word: string): Promise<number[]> => {
  const parsed = parseQuery(word);
  const { rows } = isPostgres(db)
    ? await sql<{ id: number | string }>`select item_id as id from disclosure_search
        where document @@ to_tsquery('simple', ${tsQuery(parsed)})`.execute(db)
    : await sql<{ id: number | string }>`select rowid as id from disclosure_search
        where disclosure_search match ${ftsQuery(parsed)}`.execute(db);
  return rows.map((r) => Number(r.id)).sort((a, b) => a - b);
};

describe.each(testDatabases())('the search synonyms page ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  let publisher: Browser;
  let itemId: number;

  beforeAll(async () => {
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '0' });
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    const item = await createItem(t.database.db, {
      agencyId: h.gulou.id,
      input: {
        title: '鼓楼区2024年拥军优属拥政爱民工作要点',
        bodyHtml: '<p>做好拥军优属拥政爱民工作，走访慰问退役军人。</p>',
      },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    await publishItem(t.database.db, {
      itemId: item.id,
      actor: TEST_ACTOR,
      now: new Date(),
      skipReview: true,
    });
    itemId = item.id;
  });
  afterAll(() => t.close());

  const search = async (q: string) =>
    (await getPage(t.app, `/search?q=${encodeURIComponent(q)}`)).body.includes(
      `/agencies/${h.gulou.id}/items/${itemId}`,
    );
  const audit = async (action: string) =>
    t.database.db
      .selectFrom('audit_log')
      .select(['entity_id', 'actor_user_id', 'before_json', 'after_json'])
      .where('action', '=', action)
      .execute();

  it('lists the synonyms to an admin only', async () => {
    const page = await getPage(t.app, '/workbench/disclosure/synonyms', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>检索同义词</h1>');
    expect(page.body).toMatch(/<td>低保<\/td><td>最低生活保障<\/td>/);
    expect(page.body).toContain('<label class="field__label" for="field-term">简称');
    expect(page.body).toMatch(/aria-label="删除同义词“低保—最低生活保障”"/);
    expect((await getPage(t.app, '/workbench/disclosure/synonyms', publisher)).statusCode).toBe(403);
    // The list of items links to it for an admin only.
    const link = 'href="/workbench/disclosure/synonyms"';
    expect((await getPage(t.app, '/workbench/disclosure', admin)).body).toContain(link);
    expect((await getPage(t.app, '/workbench/disclosure', publisher)).body).not.toContain(link);
    expect((await getPage(t.app, '/workbench/disclosure/synonyms')).statusCode).toBe(302);
  });

  it('adds a pair that search uses at once, the items holding it indexed again; deletes it again', async () => {
    expect(await search('双拥')).toBe(false);
    expect(await indexedWith(t.database.db, '双拥')).toEqual([]);

    const url = '/workbench/disclosure/synonyms';
    const pair = { term: '双拥', expansion: '拥军优属拥政爱民' };
    expect((await postForm(t.app, url, admin, pair, { csrf: false })).statusCode).toBe(403);
    expect((await postForm(t.app, url, publisher, pair)).statusCode).toBe(403);
    const blank = await postForm(t.app, url, admin, { term: ' ', expansion: '拥军优属拥政爱民' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('请填写简称');
    expect(blank.body).toContain('value="拥军优属拥政爱民"');
    expect(await audit('searchSynonym.add')).toEqual([]);

    const added = await postForm(t.app, url, admin, pair);
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/workbench/disclosure/synonyms?done=added');
    const page = await getPage(t.app, '/workbench/disclosure/synonyms?done=added', admin);
    expect(page.body).toContain('同义词已添加');
    expect(page.body).toContain('<td>双拥</td><td>拥军优属拥政爱民</td>');
    const again = await postForm(t.app, url, admin, pair);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('同义词“双拥—拥军优属拥政爱民”已存在');

    // The portal search finds the item by the new abbreviation, and the index itself holds it.
    expect(await search('双拥')).toBe(true);
    expect(await indexedWith(t.database.db, '双拥')).toEqual([itemId]);
    const [add] = await audit('searchSynonym.add');
    expect(add?.actor_user_id).toBe(h.staff.admin.user.id);
    expect(JSON.parse(add?.after_json ?? '{}')).toEqual(pair);

    const id = Number(add?.entity_id);
    expect(page.body).toContain(`action="/workbench/disclosure/synonyms/${id}/delete"`);
    expect((await postForm(t.app, `${url}/${id}/delete`, publisher)).statusCode).toBe(403);
    expect((await postForm(t.app, `${url}/${id}/delete`, admin, {}, { csrf: false })).statusCode).toBe(403);
    const deleted = await postForm(t.app, `${url}/${id}/delete`, admin);
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/workbench/disclosure/synonyms?done=deleted');
    // Gone from the list, from the query and from the index: the item is no longer found by it.
    expect((await getPage(t.app, '/workbench/disclosure/synonyms', admin)).body).not.toContain(
      '<td>双拥</td>',
    );
    expect(await indexedWith(t.database.db, '双拥')).toEqual([]);
    expect(await search('双拥')).toBe(false);
    expect(await search('拥军优属')).toBe(true);
    const [removed] = await audit('searchSynonym.delete');
    expect(removed?.entity_id).toBe(String(id));
    expect(JSON.parse(removed?.before_json ?? '{}')).toEqual(pair);
    expect((await postForm(t.app, `${url}/${id}/delete`, admin)).statusCode).toBe(404);
  });
});
