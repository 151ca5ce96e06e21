import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  type Browser,
  cookieValue,
  getPage,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('every write through the web is in the audit log ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  const lastEntry = () =>
    t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  const expectLast = async (action: string, entityId: number, actorUserId: number | null) => {
    const entry = await lastEntry();
    expect(entry).toMatchObject({ action, entity_id: String(entityId), actor_user_id: actorUserId });
    return entry;
  };

  it('records agency writes with before and after, and the actor and address', async () => {
    const adminId = h.staff.admin.user.id;
    const created = await postForm(t.app, `/workbench/agencies/${h.gulou.id}/children`, admin, {
      name: '鼓楼区审计测试局',
      kind: 'department',
      level: 'county',
      'contact.phone': '0371-22223333',
    });
    const id = Number(/(\d+)\?created/.exec(String(created.headers.location))?.[1]);
    const create = await expectLast('agency.create', id, adminId);
    expect(create.actor_label).toBe('鼓楼admin');
    expect(create.ip).toBe('127.0.0.1');
    expect(create.agency_id).toBe(id);

    await postForm(t.app, `/workbench/agencies/${id}`, admin, {
      name: '鼓楼区审计测试局（改）',
      kind: 'department',
      level: 'county',
      'contact.phone': '0371-44445555',
    });
    const update = await expectLast('agency.update', id, adminId);
    expect(JSON.parse(update.before_json ?? '{}').name).toBe('鼓楼区审计测试局');
    expect(JSON.parse(update.after_json ?? '{}').name).toBe('鼓楼区审计测试局（改）');
    expect(update.after_json).not.toContain('0371-44445555');
  });

  it('records user writes: create, roles, deactivate, activate, password reset', async () => {
    const adminId = h.staff.admin.user.id;
    const res = await postForm(t.app, '/workbench/users', admin, {
      username: 'audit.user',
      displayName: '审计用户',
      password: 'Password12345',
      agencyId: String(h.edu.id),
      roles: ['handler', 'viewer'],
    });
    const userId = Number(/users\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const create = await expectLast('user.create', userId, adminId);
    expect(create.after_json).not.toContain('Password12345');
    expect(create.agency_id).toBe(h.edu.id);

    await postForm(t.app, `/workbench/users/${userId}/roles`, admin, { roles: ['approver'] });
    await expectLast('user.roles.set', userId, adminId);
    await postForm(t.app, `/workbench/users/${userId}/active`, admin, { active: '0' });
    await expectLast('user.deactivate', userId, adminId);
    await postForm(t.app, `/workbench/users/${userId}/active`, admin, { active: '1' });
    await expectLast('user.activate', userId, adminId);
    const reset = await postForm(t.app, `/workbench/users/${userId}/password-reset`, admin);
    expect(reset.body).toContain('此密码只显示这一次');
    const entry = await expectLast('user.password.reset', userId, adminId);
    const newPassword = /<span class="secret">([^<]+)<\/span>/.exec(reset.body)?.[1] ?? '';
    expect(newPassword).toHaveLength(12);
    expect(`${entry.before_json}${entry.after_json}`).not.toContain(newPassword);
  });

  it('records login, failed login, password change and logout', async () => {
    const user = h.staff.registrar;
    const anon = await anonymousBrowser(t.app);
    await postForm(t.app, '/workbench/login', anon, {
      username: user.username,
      password: 'wrong-password-9',
    });
    await expectLast('user.login.failed', user.user.id, null);
    const login = await postForm(t.app, '/workbench/login', anon, {
      username: user.username,
      password: user.password,
    });
    await expectLast('user.login', user.user.id, user.user.id);
    const token = cookieValue(login, 'gk_session') ?? '';
    const me = await getPage(t.app, '/api/v1/me', { cookies: { gk_session: token }, csrfToken: '' });
    const browser = { cookies: { gk_session: token }, csrfToken: me.json().csrfToken as string };
    await postForm(t.app, '/workbench/password', browser, {
      currentPassword: user.password,
      newPassword: 'Changed123456',
      confirmPassword: 'Changed123456',
    });
    const change = await expectLast('user.password.change', user.user.id, user.user.id);
    expect(`${change.before_json}${change.after_json}`).not.toMatch(
      /Changed123456|password_hash|passwordHash/,
    );
    await postForm(t.app, '/workbench/logout', browser);
    await expectLast('user.logout', user.user.id, user.user.id);
  });

  it('shows the log of the admin’s subtree only, with personal data masked', async () => {
    const page = await getPage(t.app, '/workbench/audit', admin);
    expect(page.statusCode).toBe(200);
    for (const text of [
      '新建机关',
      '修改机关信息',
      '新建用户',
      '停用用户',
      '重置密码',
      '登录',
      '鼓楼admin',
    ]) {
      expect(page.body).toContain(text);
    }
    expect(page.body).not.toContain('0371-44445555');
    expect(page.body).not.toContain('0371-22223333');
    expect(page.body).toContain('127.0.*.*');
    // 龙亭区 is outside 鼓楼区's subtree: its creation is not shown to 鼓楼区's admin.
    expect(page.body).not.toContain('龙亭区人民政府');
    const eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    const eduPage = await getPage(t.app, '/workbench/audit', eduAdmin);
    expect(eduPage.body).toContain('审计用户');
    expect(eduPage.body).not.toContain('鼓楼区审计测试局');
  });
});
