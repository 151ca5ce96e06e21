import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCategory, fileItem } from '../../src/disclosure/catalogue.ts';
import { createItem, publishItem, withdrawItem } from '../../src/disclosure/disclosure-items.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const NOW = new Date('2024-12-20T02:00:00Z');
const opts = { actor: TEST_ACTOR, now: NOW };
/** A title with everything XML must escape, and a control character XML forbids. */
const NASTY = '关于<script>alert("x")</script> & \'引号\' 的通知\u0001';

/** Parses XML (htmlparser2 in XML mode) and checks it is one well-nested document. */
const parseXml = (text: string) => {
  const doc = parseDocument(text, { xmlMode: true });
  const roots = doc.children.filter((n): n is Element => n.type === 'tag');
  expect(roots).toHaveLength(1);
  return roots[0] as Element;
};
const all = (root: Element, name: string) => DomUtils.getElementsByTagName(name, root, true);
const textOf = (el: Element | undefined) => (el === undefined ? '' : DomUtils.textContent(el));
const childText = (el: Element, name: string) =>
  textOf(DomUtils.getElementsByTagName(name, el.children, false)[0]);

describe.each(testDatabases())('catalogue, feeds and sitemap ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let socialId: number;
  let dibaoId: number;
  let nastyId: number;
  let doomedId: number;
  let draftId: number;

  const publish = async (
    agencyId: number,
    title: string,
    publishedOn: string,
    extra: object = {},
    categoryId?: number,
  ) => {
    const item = await createItem(t.database.db, {
      agencyId,
      input: { title, bodyHtml: `<p>${title}的正文</p>`, ...extra },
      ...opts,
    });
    if (categoryId !== undefined) await fileItem(t.database.db, { itemId: item.id, categoryId, ...opts });
    return publishItem(t.database.db, { itemId: item.id, publishedOn, skipReview: true, ...opts });
  };

  beforeAll(async () => {
    // The page cache on: feeds and sitemaps must not be kept (nor served back as HTML).
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '60' });
    h = await makeHierarchy(t.database.db);
    const db = t.database.db;
    socialId = (await createCategory(db, { agencyId: h.gulou.id, input: { name: '社会救助' }, ...opts })).id;
    dibaoId = (
      await createCategory(db, { agencyId: h.gulou.id, input: { name: '低保', parentId: socialId }, ...opts })
    ).id;
    await createCategory(db, { agencyId: h.gulou.id, input: { name: '财政信息' }, ...opts });
    for (let i = 1; i <= 55; i++) {
      const day = `2019-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
      await publish(
        h.gulou.id,
        `鼓楼区信息${String(i).padStart(2, '0')}`,
        day,
        { article20Item: i % 2 === 0 ? 11 : 7, tags: i % 5 === 0 ? ['低保发放'] : [] },
        i % 2 === 0 ? dibaoId : undefined,
      );
    }
    nastyId = (await publish(h.gulou.id, NASTY, '2019-12-31', { documentNumber: '鼓政〔2019〕1号' }, dibaoId))
      .id;
    doomedId = (await publish(h.gulou.id, '将被撤回的信息', '2019-12-30', {}, dibaoId)).id;
    draftId = (await createItem(db, { agencyId: h.gulou.id, input: { title: '未发布的草稿' }, ...opts })).id;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lists the published items on the catalogue page: tree with counts, filters, sort and pages', async () => {
    const res = await getPage(t.app, `/agencies/${h.gulou.id}/catalogue`);
    expect(res.statusCode).toBe(200);
    const page = parseDocument(res.body);
    const heading = textOf(DomUtils.findOne((e) => e.name === 'h1', page.children) ?? undefined);
    expect(heading).toBe('鼓楼区人民政府政府信息公开目录');
    const tree = DomUtils.findOne(
      (e) => e.name === 'nav' && e.attribs['aria-labelledby'] === 'catalogue-tree-title',
      page.children,
    );
    expect(textOf(tree ?? undefined)).toContain('政府信息公开目录');
    // 社会救助 counts what is under 低保 too.
    expect(textOf(tree ?? undefined)).toMatch(/社会救助\s*（29 条）/);
    expect(textOf(tree ?? undefined)).toMatch(/低保\s*（29 条）/);
    expect(res.body).toContain('共 57 条，第 1 / 3 页');
    const rows = DomUtils.findAll((e) => e.name === 'tr', page.children).slice(1);
    expect(rows).toHaveLength(20);
    expect(textOf(rows[0])).toContain('2019-12-31');
    expect(res.body).not.toContain('未发布的草稿');
    // Every control of the form has a label; the pages link on with the filters kept.
    for (const name of ['category', 'year', 'item', 'tag', 'sort'])
      expect(res.body).toContain(`for="field-${name}"`);

    const filtered = await getPage(
      t.app,
      `/agencies/${h.gulou.id}/catalogue?category=${socialId}&item=11&tag=${encodeURIComponent('低保发放')}&sort=title`,
    );
    expect(filtered.statusCode).toBe(200);
    expect(filtered.body).toContain('共 5 条');
    const titles = DomUtils.findAll(
      (e) => e.name === 'a' && (e.attribs.href ?? '').includes('/items/'),
      parseDocument(filtered.body).children,
    ).map((a) => textOf(a));
    expect(titles).toEqual(['鼓楼区信息10', '鼓楼区信息20', '鼓楼区信息30', '鼓楼区信息40', '鼓楼区信息50']);

    const second = await getPage(t.app, `/agencies/${h.gulou.id}/catalogue?page=2&sort=oldest&year=2019`);
    expect(second.body).toContain('第 2 / 3 页');
    expect(second.body).toContain(
      `href="/agencies/${h.gulou.id}/catalogue?year=2019&amp;sort=oldest&amp;page=3"`,
    );
    expect((await getPage(t.app, `/agencies/${h.gulou.id}/catalogue?year=2018`)).body).toContain(
      '没有符合条件的信息',
    );
    // Nonsense in the URL is ignored, not an error.
    const odd = await getPage(t.app, `/agencies/${h.gulou.id}/catalogue?year=abc&page=-1&sort=x&category=zz`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).toContain('共 57 条');
    expect((await getPage(t.app, '/agencies/999999/catalogue')).statusCode).toBe(404);

    const disclosures = await getPage(t.app, `/agencies/${h.gulou.id}/disclosures`);
    expect(disclosures.body).toContain('查看全部 57 条信息');
    expect(disclosures.body).not.toContain('暂无已公开的信息');
    expect((await getPage(t.app, `/agencies/${h.other.id}/disclosures`)).body).toContain('暂无已公开的信息');
  });

  it('serves RSS 2.0 and Atom that parse, escape titles and hold the newest 50', async () => {
    const rss = await getPage(t.app, `/agencies/${h.gulou.id}/feed.rss`);
    expect(rss.statusCode).toBe(200);
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(rss.body).not.toContain('<script>');
    const channel = parseXml(rss.body);
    expect(channel.name).toBe('rss');
    expect(channel.attribs.version).toBe('2.0');
    const items = all(channel, 'item');
    expect(items).toHaveLength(50);
    const first = items[0] as Element;
    // The title comes back exactly, without the control character XML cannot carry.
    expect(childText(first, 'title')).toBe(NASTY.replace('\u0001', ''));
    expect(childText(first, 'link')).toMatch(
      new RegExp(`^http://localhost(:\\d+)?/agencies/${h.gulou.id}/items/${nastyId}$`),
    );
    expect(childText(first, 'pubDate')).toBe('Mon, 30 Dec 2019 16:00:00 GMT');
    expect(childText(first, 'description')).toContain('鼓政〔2019〕1号');

    const atom = await getPage(t.app, `/agencies/${h.gulou.id}/feed.atom?category=${socialId}`);
    expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = parseXml(atom.body);
    expect(feed.name).toBe('feed');
    expect(feed.attribs.xmlns).toBe('http://www.w3.org/2005/Atom');
    const entries = all(feed, 'entry');
    // The category and the one under it: 27 of the 55, the nasty one and the doomed one.
    expect(entries).toHaveLength(29);
    expect(childText(entries[0] as Element, 'title')).toBe(NASTY.replace('\u0001', ''));
    expect(childText(feed, 'title')).toContain('社会救助');

    // A category of another agency, or none, is a 404; the feed's agency must exist.
    const otherCategory = await createCategory(t.database.db, {
      agencyId: h.other.id,
      input: { name: '别处' },
      ...opts,
    });
    expect(
      (await getPage(t.app, `/agencies/${h.gulou.id}/feed.rss?category=${otherCategory.id}`)).statusCode,
    ).toBe(404);
    expect((await getPage(t.app, `/agencies/${h.gulou.id}/feed.rss?category=abc`)).statusCode).toBe(404);
    expect((await getPage(t.app, '/agencies/999999/feed.atom')).statusCode).toBe(404);
    // An agency with nothing published has an empty, valid feed.
    expect(
      all(parseXml((await getPage(t.app, `/agencies/${h.other.id}/feed.atom`)).body), 'entry'),
    ).toHaveLength(0);
  });

  it('lists agencies and every published item in /sitemap.xml, and points robots.txt to it', async () => {
    const res = await getPage(t.app, '/sitemap.xml');
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    const urlset = parseXml(res.body);
    expect(urlset.name).toBe('urlset');
    const locs = all(urlset, 'loc').map((l) => textOf(l).replace(/^http:\/\/localhost(:\d+)?/, ''));
    expect(locs).toContain(`/agencies/${h.gulou.id}`);
    expect(locs).toContain(`/agencies/${h.gulou.id}/catalogue`);
    expect(locs).toContain(`/agencies/${h.edu.id}/guide`);
    expect(locs).toContain(`/agencies/${h.gulou.id}/items/${nastyId}`);
    expect(locs).not.toContain(`/agencies/${h.gulou.id}/items/${draftId}`);
    expect(locs.filter((l) => l.includes('/items/'))).toHaveLength(57);

    const robots = await getPage(t.app, '/robots.txt');
    expect(robots.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(robots.body).toMatch(/^Sitemap: http:\/\/localhost(:\d+)?\/sitemap\.xml$/m);
    expect(robots.body).toContain('Disallow: /workbench/');
  });

  it('drops a withdrawn item from the catalogue, the feeds and the sitemap at once', async () => {
    const itemPath = `/agencies/${h.gulou.id}/items/${doomedId}`;
    const inFeed = async (url: string) =>
      all(parseXml((await getPage(t.app, url)).body), 'link').some((l) =>
        (l.attribs.href ?? textOf(l)).endsWith(itemPath),
      );
    expect(await inFeed(`/agencies/${h.gulou.id}/feed.atom`)).toBe(true);
    expect(await inFeed(`/agencies/${h.gulou.id}/feed.rss?category=${dibaoId}`)).toBe(true);
    expect((await getPage(t.app, '/sitemap.xml')).body).toContain(itemPath);

    await withdrawItem(t.database.db, { itemId: doomedId, ...opts });
    expect(await inFeed(`/agencies/${h.gulou.id}/feed.atom`)).toBe(false);
    expect(await inFeed(`/agencies/${h.gulou.id}/feed.rss?category=${dibaoId}`)).toBe(false);
    expect(await inFeed(`/agencies/${h.gulou.id}/feed.rss`)).toBe(false);
    const sitemap = await getPage(t.app, '/sitemap.xml');
    expect(sitemap.body).not.toContain(itemPath);
    expect(sitemap.headers['content-type']).toBe('application/xml; charset=utf-8');
    const list = await getPage(t.app, `/agencies/${h.gulou.id}/catalogue?category=${dibaoId}`);
    expect(list.body).not.toContain('将被撤回的信息');
    expect(list.body).toContain('共 28 条');
  });

  it('lets a publisher edit the category tree and the guide in the workbench; the portal shows the guide', async () => {
    const publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    const base = `/workbench/agencies/${h.gulou.id}`;
    const created = await postForm(t.app, `${base}/catalogue`, publisher, {
      op: 'create',
      name: '人事信息',
      parentId: '',
    });
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe(`${base}/catalogue?done=create`);
    const page = await getPage(t.app, `${base}/catalogue?done=create`, publisher);
    expect(page.body).toContain('已新建分类。');
    expect(page.body).toContain('人事信息');
    const duplicate = await postForm(t.app, `${base}/catalogue`, publisher, {
      op: 'create',
      name: '人事信息',
      parentId: '',
    });
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('同一级已有名为“人事信息”的分类');
    const nonEmpty = await postForm(t.app, `${base}/catalogue`, publisher, {
      op: 'delete',
      categoryId: String(dibaoId),
    });
    expect(nonEmpty.statusCode).toBe(400);
    expect(nonEmpty.body).toContain('还有信息');
    const loop = await postForm(t.app, `${base}/catalogue`, publisher, {
      op: 'move',
      categoryId: String(socialId),
      parentId: String(dibaoId),
      position: '',
    });
    expect(loop.statusCode).toBe(400);
    // Another agency's category is not this page's to touch.
    const foreign = await createCategory(t.database.db, {
      agencyId: h.other.id,
      input: { name: '外机关' },
      ...opts,
    });
    expect(
      (
        await postForm(t.app, `${base}/catalogue`, publisher, {
          op: 'rename',
          categoryId: String(foreign.id),
          name: 'x',
        })
      ).statusCode,
    ).toBe(404);

    // The guide: until one is published, the portal writes it from the agency's record.
    expect((await getPage(t.app, `/agencies/${h.gulou.id}/guide`)).body).toContain(
      '根据本机关登记的信息生成',
    );
    const saved = await postForm(t.app, `${base}/guide`, publisher, {
      op: 'save',
      bodyHtml: '<h2>一、公开指南正文</h2><p onclick="evil()">自编指南<script>x()</script></p>',
    });
    expect(saved.statusCode).toBe(303);
    expect((await getPage(t.app, `/agencies/${h.gulou.id}/guide?v=draft`)).body).not.toContain('自编指南');
    expect(
      (await postForm(t.app, `${base}/guide`, publisher, { op: 'publish', version: '1' })).statusCode,
    ).toBe(303);
    const guide = await getPage(t.app, `/agencies/${h.gulou.id}/guide?v=1`);
    expect(guide.body).toContain('自编指南');
    expect(guide.body).toContain('第 1 版');
    expect(guide.body).not.toMatch(/evil|<script>x/);
    const versions = await getPage(t.app, `${base}/guide`, publisher);
    expect(versions.body).toContain('现行版本');
    const empty = await postForm(t.app, `${base}/guide`, publisher, { op: 'save', bodyHtml: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写指南正文');
  });
});
