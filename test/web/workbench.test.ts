import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('workbench pages and forms ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  it('the home page says what each role may do, and shows admin entries to admins only', async () => {
    const adminHome = await getPage(t.app, '/workbench', admin);
    expect(adminHome.body).toContain('管理员');
    expect(adminHome.body).toContain('href="/workbench/users"');
    const viewerHome = await getPage(
      t.app,
      '/workbench',
      await sessionFor(t.database, h.staff.viewer.user.id),
    );
    expect(viewerHome.body).toContain('查看者');
    expect(viewerHome.body).toContain('查阅本机关及下级机关');
    expect(viewerHome.body).not.toContain('href="/workbench/users"');
  });

  it('lists the agencies of the user’s subtree only', async () => {
    const list = await getPage(
      t.app,
      '/workbench/agencies',
      await sessionFor(t.database, h.eduAdmin.user.id),
    );
    expect(list.body).toContain('鼓楼区教育局');
    expect(list.body).toContain('<caption>机关（共 1 个）</caption>');
    expect(list.body).not.toContain('龙亭区人民政府');
  });

  it('names each bad field of the agency form in Chinese, links to it and keeps what was typed', async () => {
    const res = await postForm(t.app, `/workbench/agencies/${h.gulou.id}/children`, admin, {
      name: '',
      kind: 'bureau',
      level: 'county',
      'contact.postcode': '4750',
      'contact.email': 'not-an-email',
      'contact.address': '包公湖北路1号',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#field-name">机关名称不能为空</a>');
    expect(res.body).toContain('<a href="#field-kind">机关类型不正确');
    expect(res.body).toContain('<a href="#field-contact-postcode">邮政编码格式不正确，应为 6 位数字</a>');
    expect(res.body).toContain('<a href="#field-contact-email">电子邮箱格式不正确');
    expect(res.body).toContain('value="包公湖北路1号"');
    expect(res.body).toContain('id="field-contact-postcode" name="contact.postcode" aria-invalid="true"');
  });

  it('refuses a second agency of the same name under one parent, next to the name field', async () => {
    const fields = { name: '鼓楼区教育局', kind: 'department', level: 'county' };
    const res = await postForm(t.app, `/workbench/agencies/${h.gulou.id}/children`, admin, fields);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain(
      '<a href="#field-name">机关名称：同一上级机关下已有名为“鼓楼区教育局”的机关</a>',
    );
  });

  it('creates and edits an agency; the portal shows the new contact details', async () => {
    const created = await postForm(t.app, `/workbench/agencies/${h.gulou.id}/children`, admin, {
      name: '鼓楼区卫生健康委员会',
      kind: 'department',
      level: 'county',
    });
    expect(created.statusCode).toBe(303);
    const editUrl = String(created.headers.location).replace(/\?.*/, '');
    expect((await getPage(t.app, String(created.headers.location), admin)).body).toContain('机关已新建');
    const saved = await postForm(t.app, editUrl, admin, {
      name: '鼓楼区卫生健康委员会',
      kind: 'department',
      level: 'county',
      'contact.officeName': '区卫健委办公室',
      'contact.phone': '0371-25661234',
    });
    expect(saved.statusCode).toBe(303);
    const id = editUrl.split('/').at(-1);
    const guide = await getPage(t.app, `/agencies/${id}/guide`);
    expect(guide.body).toContain('区卫健委办公室');
    expect(guide.body).toContain('0371-25661234');
    expect(guide.body).toContain('（鼓楼区人民政府）');
  });

  it('creates a user with roles; a taken username and a weak password are named', async () => {
    const fields = {
      username: 'Zhang.San',
      displayName: '张三',
      password: 'Password12345',
      agencyId: String(h.edu.id),
      roles: ['handler', 'viewer'],
    };
    const ok = await postForm(t.app, '/workbench/users', admin, fields);
    expect(ok.statusCode).toBe(303);
    const detail = await getPage(t.app, String(ok.headers.location), admin);
    expect(detail.body).toContain('用户已新建');
    expect(detail.body).toContain('zhang.san');
    expect(detail.body).toContain('承办人、查看者');
    const again = await postForm(t.app, '/workbench/users', admin, { ...fields, password: 'short' });
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('<a href="#field-password">初始密码：密码至少 10 位');
    const taken = await postForm(t.app, '/workbench/users', admin, fields);
    expect(taken.body).toContain('<a href="#field-username">用户名“zhang.san”已被使用</a>');
    const badRole = await postForm(t.app, '/workbench/users', admin, {
      ...fields,
      username: 'li.si',
      roles: ['king'],
    });
    expect(badRole.body).toContain('<a href="#field-roles">角色不正确');
  });

  it('an admin may not switch off or demote themself', async () => {
    const self = `/workbench/users/${h.staff.admin.user.id}`;
    const page = await getPage(t.app, self, admin);
    expect(page.body).toContain('不能在此调整自己的角色');
    expect(page.body).not.toContain('停用账户');
    const res = await postForm(t.app, `${self}/active`, admin, { active: '0' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('不能在此修改自己的账户');
  });

  it('a deactivated user’s sessions end at once', async () => {
    const victim = await sessionFor(t.database, h.staff.publisher.user.id);
    expect((await getPage(t.app, '/workbench', victim)).statusCode).toBe(200);
    await postForm(t.app, `/workbench/users/${h.staff.publisher.user.id}/active`, admin, { active: '0' });
    expect((await getPage(t.app, '/workbench', victim)).statusCode).toBe(302);
    const list = await getPage(t.app, '/workbench/users', admin);
    expect(list.body).toContain('已停用');
  });
});
