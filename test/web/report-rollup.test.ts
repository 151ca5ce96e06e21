import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/orgs/demo.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Browser, getPage, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('the supervisor’s roll-up page ($name)', (target) => {
  let t: TestApp;
  let viewer: Browser;
  let jiaoyuAdmin: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemo(t.database.db, { now: new Date('2026-11-27T03:00:00.000Z') });
    const user = async (username: string) =>
      (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    viewer = await sessionFor(t.database, await user('viewer'));
    jiaoyuAdmin = await sessionFor(t.database, await user('jiaoyu.admin'));
    for (const a of await t.database.db.selectFrom('agencies').select(['id', 'name']).execute())
      ids[a.name] = a.id;
  }, 120_000);
  afterAll(() => t.close());

  it('lists every agency of the district with its status, the charts as inline SVG with tables, and the sums', async () => {
    const res = await getPage(
      t.app,
      `/workbench/reports/rollup?agency=${ids.鼓楼区人民政府}&year=2019`,
      viewer,
    );
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect(body).toContain('鼓楼区人民政府及所属机关2019年度年报汇总');
    // The district (its imported report) and its six agencies (none).
    expect(body).toContain('已按时发布 1 个');
    expect(body).toContain('未编制 6 个');
    for (const name of ['鼓楼区教育局', '五一街道办事处', '相国寺街道办事处']) expect(body).toContain(name);
    expect(body).not.toContain('开封市人民政府</th>');
    // Two server-rendered charts, each named and followed by its table.
    expect(body.match(/<svg /g)).toHaveLength(2);
    expect(body).toContain('aria-describedby="rollup-per-agency"');
    expect(body).toContain('<table class="data-table" id="rollup-per-agency">');
    expect(body).toContain('<table class="data-table" id="rollup-trend">');
    expect(body).not.toContain('<script');
    // The district's imported figures are summed as stated: 本年新收 27 in the 总计 column.
    const summed = /<caption>汇总：第三部分表格<\/caption>.*?<\/table>/s.exec(body)?.[0] ?? '';
    expect(summed).toMatch(
      /<th scope="row">一、本年新收政府信息公开申请数量<\/th>(<td class="numeric">\d+<\/td>){6}<td class="numeric">27<\/td>/,
    );
  });

  it('refuses a government the user has no role over', async () => {
    const res = await getPage(
      t.app,
      `/workbench/reports/rollup?agency=${ids.鼓楼区人民政府}&year=2019`,
      jiaoyuAdmin,
    );
    expect(res.statusCode).toBe(403);
    const own = await getPage(
      t.app,
      `/workbench/reports/rollup?agency=${ids.鼓楼区教育局}&year=2019`,
      jiaoyuAdmin,
    );
    expect(own.statusCode).toBe(200);
  });
});
