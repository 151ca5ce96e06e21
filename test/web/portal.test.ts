import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { getPage, openTestApp, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const SECTIONS = ['guide', 'rules', 'disclosures', 'annual-reports', 'apply'];

describe.each(testDatabases())('portal ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
  });
  afterAll(() => t.close());

  it('the home page shows the hierarchy as a tree of links and the root column', async () => {
    const res = await getPage(t.app, '/');
    expect(res.statusCode).toBe(200);
    expect(res.body.startsWith('<!doctype html><html lang="zh-CN">')).toBe(true);
    expect(res.body).toContain('跳到主要内容');
    expect(res.body).toContain('<main id="main"');
    expect(res.body).toMatch(
      /<nav class="tree" aria-label="机关层级"><ul><li><a href="\/agencies\/\d+">开封市人民政府<\/a>/,
    );
    for (const a of [h.gulou, h.edu, h.other])
      expect(res.body).toContain(`<a href="/agencies/${a.id}">${a.name}</a>`);
    for (const slug of SECTIONS) expect(res.body).toContain(`/agencies/${h.city.id}/${slug}`);
  });

  it('an agency page has its five entries, its office and breadcrumbs from its ancestors', async () => {
    const res = await getPage(t.app, `/agencies/${h.edu.id}`);
    expect(res.statusCode).toBe(200);
    for (const slug of SECTIONS) expect(res.body).toContain(`href="/agencies/${h.edu.id}/${slug}"`);
    expect(res.body).toMatch(
      /<nav class="breadcrumbs" aria-label="当前位置">.*开封市人民政府.*鼓楼区人民政府.*鼓楼区教育局/s,
    );
    const gulou = await getPage(t.app, `/agencies/${h.gulou.id}`);
    expect(gulou.body).toContain('0371-23798902');
    expect(gulou.body).toContain('下级机关');
    expect(gulou.body).toContain(`<a href="/agencies/${h.edu.id}">鼓楼区教育局</a>`);
  });

  it('the guide is written from the agency record and the Regulations', async () => {
    const res = await getPage(t.app, `/agencies/${h.gulou.id}/guide`);
    expect(res.statusCode).toBe(200);
    for (const text of [
      '鼓楼区人民政府政府信息公开指南',
      '鼓楼区人民政府办公室',
      '河南省开封市鼓楼区包公湖北路39号503房间',
      '0371-23798902',
      '法定工作日 上午8:30—12:00，下午14:30—17:30',
      '20 个工作日',
      '7 个工作日内一次性告知',
      '15 个工作日内提出意见',
      '国办函〔2020〕109号',
      '第二十九条',
      '第三十三条',
      '（开封市人民政府）',
    ]) {
      expect(res.body).toContain(text);
    }
    expect(res.body).not.toContain('将在此发布');
  });

  it('every entry of the column exists, with an empty state where nothing is published yet', async () => {
    for (const slug of SECTIONS) {
      const res = await getPage(t.app, `/agencies/${h.gulou.id}/${slug}`);
      expect(res.statusCode, slug).toBe(200);
      expect(res.body, slug).toContain('<h1>');
    }
    const reports = await getPage(t.app, `/agencies/${h.gulou.id}/annual-reports`);
    expect(reports.body).toContain('暂无已发布的年度报告');
    expect(reports.body).toContain('3 月 31 日前');
    const disclosures = await getPage(t.app, `/agencies/${h.edu.id}/disclosures`);
    expect(disclosures.body).toContain('财政预算、决算信息');
    expect((await getPage(t.app, `/agencies/${h.edu.id}/annual-reports`)).body).toContain('1 月 31 日前');
  });

  it('lists the whole hierarchy at /agencies', async () => {
    const res = await getPage(t.app, '/agencies');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('公开机关一览（共 4 个）');
  });

  it('answers an unknown or malformed agency with the Chinese 404 page', async () => {
    for (const url of ['/agencies/999999', '/agencies/abc', '/agencies/999999/guide', '/no/such/page']) {
      const res = await getPage(t.app, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('未找到');
      expect(res.body, url).toContain('lang="zh-CN"');
    }
  });

  it('never creates a session or sets a cookie for an anonymous reader', async () => {
    const urls = [
      '/',
      '/agencies',
      `/agencies/${h.gulou.id}`,
      ...SECTIONS.map((s) => `/agencies/${h.gulou.id}/${s}`),
    ];
    for (const url of urls) {
      const res = await getPage(t.app, url);
      expect(res.headers['set-cookie'], url).toBeUndefined();
    }
    const sessions = await t.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toHaveLength(0);
  });
});
