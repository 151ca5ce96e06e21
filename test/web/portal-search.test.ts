import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DisclosureItem } from '../../src/disclosure/disclosure-item.table.ts';
import { createItem, publishItem, withdrawItem } from '../../src/disclosure/disclosure-items.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { getPage, openTestApp, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const NOW = new Date('2024-12-20T02:00:00Z');

describe.each(testDatabases())('portal search and items ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let dibao: DisclosureItem;
  let eduItem: DisclosureItem;
  let withdrawn: DisclosureItem;
  let draft: DisclosureItem;

  const publish = async (agencyId: number, title: string, bodyHtml: string, extra: object = {}) => {
    const item = await createItem(t.database.db, {
      agencyId,
      input: { title, bodyHtml, ...extra },
      actor: TEST_ACTOR,
      now: NOW,
    });
    return publishItem(t.database.db, {
      itemId: item.id,
      actor: TEST_ACTOR,
      now: NOW,
      publishedOn: '2019-04-01',
      skipReview: true,
    });
  };

  beforeAll(async () => {
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '0' });
    h = await makeHierarchy(t.database.db);
    dibao = await publish(
      h.gulou.id,
      '鼓楼区2019年最低生活保障资金发放情况',
      '<h2>一、总体情况</h2><p onclick="alert(1)">全区发放&lt;b&gt;低保&lt;/b&gt;资金1200万元。</p>' +
        '<script>alert(2)</script><table><tr><th colspan="2">户数</th></tr><tr><td>城市</td><td>3500</td></tr></table>' +
        '<p><a href="javascript:alert(3)">附件</a> <a href="https://www.gov.cn/">中国政府网</a></p>',
      {
        documentNumber: '汴鼓政〔2019〕12号',
        article20Item: 11,
        issuingAgency: '鼓楼区民政局',
        tags: '低保发放',
      },
    );
    eduItem = await publish(
      h.edu.id,
      '鼓楼区教育局关于低保家庭学生资助的通知',
      '<p>对低保家庭学生给予资助。</p>',
    );
    await publish(h.other.id, '龙亭区最低生活保障对象名单', '<p>名单附后。</p>');
    withdrawn = await publish(h.gulou.id, '已撤回的低保公告', '<p>低保公告。</p>');
    await withdrawItem(t.database.db, { itemId: withdrawn.id, actor: TEST_ACTOR, now: NOW });
    draft = await createItem(t.database.db, {
      agencyId: h.gulou.id,
      input: { title: '低保草稿', bodyHtml: '<p>草稿</p>' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    for (let i = 1; i <= 12; i++)
      await publish(h.city.id, `就业创业补贴公示第${i}批`, `<p>第${i}批就业创业补贴。</p>`);
  });
  afterAll(() => t.close());

  it('shows the form, labelled, and no results before anything is asked', async () => {
    const res = await getPage(t.app, '/search');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<search aria-label="检索政府信息"><form method="get" action="/search"');
    expect(res.body).toMatch(/<label class="field__label" for="field-q">检索词<\/label>/);
    expect(res.body).toContain(`<option value="${h.gulou.id}">`);
    expect(res.body).not.toContain('检索结果');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('finds items by 低保 with the words marked, text escaped, links to the items', async () => {
    const res = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('共找到 3 条');
    expect(res.body).toContain(`href="/agencies/${h.gulou.id}/items/${dibao.id}"`);
    expect(res.body).toContain('鼓楼区2019年<mark>最低生活保障</mark>资金发放情况');
    // Preact escapes < and & in text; > alone cannot open a tag.
    expect(res.body).toContain('全区发放&lt;b><mark>低保</mark>&lt;/b>资金');
    expect(res.body).not.toContain('<b>');
    expect(res.body).not.toContain(withdrawn.title);
    expect(res.body).not.toContain(draft.title);
    expect(res.body).toContain('<title>检索：低保');
  });

  it('finds by document number and filters by agency (with the agencies under it)', async () => {
    const byNumber = await getPage(t.app, `/search?q=${encodeURIComponent('汴鼓政〔2019〕12号')}`);
    expect(byNumber.body).toContain('共找到 1 条');
    expect(byNumber.body).toContain('<mark>汴鼓政</mark>〔<mark>2019</mark>〕<mark>12号</mark>');
    const byPart = await getPage(t.app, `/search?q=${encodeURIComponent('12号')}`);
    expect(byPart.body).toContain('共找到 1 条');
    expect(byPart.body).toContain('汴鼓政〔2019〕<mark>12号</mark>');

    const gulou = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}&agency=${h.gulou.id}`);
    expect(gulou.body).toContain('共找到 2 条');
    expect(gulou.body).toContain(`/items/${eduItem.id}"`);
    expect(gulou.body).toContain(`<option value="${h.gulou.id}" selected>`);
    const edu = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}&agency=${h.edu.id}`);
    expect(edu.body).toContain('共找到 1 条');
    const other = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}&agency=${h.other.id}`);
    expect(other.body).toContain('龙亭区<mark>最低生活保障</mark>对象名单');
    expect(other.body).toContain('共找到 1 条');
    // An Art. 20 item and a year narrow further; a filter that does not parse is left out.
    const item11 = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}&item=11&year=2019`);
    expect(item11.body).toContain('共找到 1 条');
    const bad = await getPage(t.app, `/search?q=${encodeURIComponent('低保')}&agency=abc&year=19x&item=99`);
    expect(bad.statusCode).toBe(200);
    expect(bad.body).toContain('共找到 3 条');
  });

  it('pages ten results at a time with links that keep the query', async () => {
    const q = encodeURIComponent('就业创业');
    const first = await getPage(t.app, `/search?q=${q}`);
    expect(first.body).toContain('共找到 12 条，第 1 / 2 页');
    expect((first.body.match(/class="search-result"/g) ?? []).length).toBe(10);
    expect(first.body).toContain(`<a href="/search?q=${q}&amp;page=2" rel="next">下一页</a>`);
    const second = await getPage(t.app, `/search?q=${q}&page=2`);
    expect((second.body.match(/class="search-result"/g) ?? []).length).toBe(2);
    expect(second.body).toContain('<ol class="search-results" start="11">');
    expect(second.body).toContain('rel="prev"');
  });

  it('says so when nothing is found, or nothing searchable was typed', async () => {
    const none = await getPage(t.app, `/search?q=${encodeURIComponent('养老院床位')}`);
    expect(none.body).toContain('没有找到符合条件的信息');
    const punctuation = await getPage(t.app, `/search?q=${encodeURIComponent('？！')}`);
    expect(punctuation.body).toContain('请输入要检索的文字或数字');
    const script = await getPage(t.app, `/search?q=${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(script.statusCode).toBe(200);
    expect(script.body).not.toContain('<script>alert(1)');
    expect(script.body).toContain('value="&lt;script>alert(1)&lt;/script>"');
  });

  it('shows a published item with its particulars and the sanitised body', async () => {
    const res = await getPage(t.app, `/agencies/${h.gulou.id}/items/${dibao.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>鼓楼区2019年最低生活保障资金发放情况</h1>');
    for (const text of ['汴鼓政〔2019〕12号', '鼓楼区民政局', '2019-04-01', '扶贫、教育、医疗', '低保发放'])
      expect(res.body).toContain(text);
    expect(res.body).toContain('<h2>一、总体情况</h2><p>全区发放&lt;b&gt;低保&lt;/b&gt;资金1200万元。</p>');
    expect(res.body).toContain('<table><tr><th colspan="2">户数</th></tr>');
    expect(res.body).toContain('<a href="https://www.gov.cn/">中国政府网</a>');
    expect(res.body).not.toMatch(/alert\(|onclick|javascript:/);
    expect(res.body).toMatch(
      /<nav class="breadcrumbs" aria-label="当前位置">.*开封市人民政府.*鼓楼区人民政府.*法定主动公开内容/s,
    );
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('answers a draft, a withdrawn item, another agency’s item or a bad address with 404', async () => {
    for (const url of [
      `/agencies/${h.gulou.id}/items/${draft.id}`,
      `/agencies/${h.gulou.id}/items/${withdrawn.id}`,
      `/agencies/${h.other.id}/items/${dibao.id}`,
      `/agencies/${h.gulou.id}/items/999999`,
      `/agencies/${h.gulou.id}/items/abc`,
      `/agencies/999999/items/${dibao.id}`,
    ]) {
      const res = await getPage(t.app, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).toContain('未找到');
    }
  });

  it('offers a search of the agency on its disclosures page', async () => {
    const res = await getPage(t.app, `/agencies/${h.gulou.id}/disclosures`);
    expect(res.body).toContain(`<input type="hidden" name="agency" value="${h.gulou.id}"/>`);
    expect(res.body).toContain('财政预算、决算信息');
  });
});
