import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

describe('the working-day calendar in the workbench (sqlite)', () => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;

  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (!sqlite) throw new Error('no test database');
    t = await openTestApp(sqlite);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  it('lists the shipped years and takes a new one, after which deadlines count it', async () => {
    const page = await getPage(t.app, '/workbench/calendar', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2026年');
    expect(page.body).toContain('随系统发布');

    const saved = await postForm(t.app, '/workbench/calendar', admin, {
      year: '2027',
      notices: '国务院办公厅关于2027年部分节假日安排的通知（测试用）',
      holidays: '2027-01-01/2027-01-03\n2027-02-06/2027-02-13',
      makeUpWorkdays: '2027-02-14',
    });
    expect(saved.statusCode).toBe(303);
    const after = await getPage(t.app, String(saved.headers.location), admin);
    expect(after.body).toContain('已保存2027年的节假日安排');
    expect(after.body).toContain('管理员录入');
  });

  it('names what is wrong with a schedule, in Chinese, and keeps what was typed', async () => {
    const bad = await postForm(t.app, '/workbench/calendar', admin, {
      year: '2028',
      notices: '测试',
      holidays: '2028-01-01',
      makeUpWorkdays: '2028-01-05',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('不是周六或周日');
    expect(bad.body).toContain('2028-01-05');
  });
});
