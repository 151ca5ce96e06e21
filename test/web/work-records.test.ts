import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordWorkRecord } from '../../src/work-records/work-records.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const training = { kind: 'training', date: '2023-05-16', title: '依申请公开专题培训', participants: '86' };

describe.each(testDatabases())('work records on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let publisher: Browser;
  let registrar: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    registrar = await sessionFor(t.database, h.staff.registrar.user.id);
  });
  afterAll(() => t.close());

  const listOf = (agencyId: number, year: number) =>
    `/workbench/work-records?agencyId=${agencyId}&year=${year}`;

  it('lets a publisher add records and shows them with the year’s totals and sentences', async () => {
    const added = await postForm(t.app, '/workbench/work-records', publisher, {
      agencyId: String(h.edu.id),
      ...training,
    });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe(`${listOf(h.edu.id, 2023)}&saved=1`);
    await postForm(t.app, '/workbench/work-records', publisher, {
      agencyId: String(h.edu.id),
      kind: 'platform',
      date: '2023-08-30',
      title: '政府网站全面改版',
      cost: '20000',
    });
    const page = await getPage(t.app, `${listOf(h.edu.id, 2023)}&saved=1`, publisher);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('鼓楼区教育局 2023 年度政府信息公开工作记录');
    expect(page.body).toContain('已保存。');
    expect(page.body).toContain('依申请公开专题培训');
    expect(page.body).toContain('全年开展政府信息公开培训1次，参训86人次。');
    expect(page.body).toContain('全年投入2万元用于政府信息公开平台建设：政府网站全面改版。');
    expect(page.body).toContain('<caption>2023 年度工作记录</caption>');
    expect(page.body).toMatch(/name="_csrf" value="[^"]+"/);
    const other = await getPage(t.app, listOf(h.edu.id, 2022), publisher);
    expect(other.body).toContain('本年度还没有登记工作记录。');
  });

  it('shows the form again with Chinese messages naming the fields', async () => {
    const refused = await postForm(t.app, '/workbench/work-records', publisher, {
      agencyId: String(h.gulou.id),
      kind: 'newMedia',
      date: '2023-12-31',
      title: '政务信息',
      items: '很多',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('请填写账号名称');
    expect(refused.body).toContain('发布信息条数应为不小于 0 的整数');
    expect(refused.body).toContain('value="很多"');
  });

  it('edits, then deletes only after the box is ticked', async () => {
    const r = await recordWorkRecord(t.database.db, {
      agencyId: h.gulou.id,
      input: training,
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const url = `/workbench/work-records/${r.id}`;
    expect((await getPage(t.app, url, publisher)).body).toContain('value="依申请公开专题培训"');
    const saved = await postForm(t.app, url, publisher, {
      ...training,
      participants: '90',
      date: '2024-01-05',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${listOf(h.gulou.id, 2024)}&saved=1`);
    expect((await getPage(t.app, listOf(h.gulou.id, 2024), publisher)).body).toContain('90人');

    const confirm = await getPage(t.app, `${url}/delete`, publisher);
    expect(confirm.body).toContain('我确认删除这条工作记录');
    const unticked = await postForm(t.app, `${url}/delete`, publisher, {});
    expect(unticked.statusCode).toBe(400);
    expect(unticked.body).toContain('请勾选“我确认删除这条工作记录”');
    const deleted = await postForm(t.app, `${url}/delete`, publisher, { confirm: 'yes' });
    expect(deleted.statusCode).toBe(303);
    expect((await getPage(t.app, url, publisher)).statusCode).toBe(404);
    const withoutToken = await postForm(
      t.app,
      '/workbench/work-records',
      publisher,
      { agencyId: String(h.gulou.id), ...training },
      { csrf: false },
    );
    expect(withoutToken.statusCode).toBe(403);
  });

  it('refuses staff who are not publishers, and hides records of agencies outside the user’s subtree', async () => {
    expect((await getPage(t.app, '/workbench/work-records', registrar)).statusCode).toBe(403);
    const outside = await recordWorkRecord(t.database.db, {
      agencyId: h.other.id,
      input: training,
      actor: TEST_ACTOR,
      now: new Date(),
    });
    expect((await getPage(t.app, `/workbench/work-records/${outside.id}`, publisher)).statusCode).toBe(404);
    expect((await getPage(t.app, listOf(h.other.id, 2023), publisher)).statusCode).toBe(403);
    const refused = await postForm(t.app, '/workbench/work-records', publisher, {
      agencyId: String(h.other.id),
      ...training,
    });
    expect(refused.statusCode).toBe(403);
  });
});
