import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FAILED_LOGINS } from '../../src/orgs/lockout.ts';
import { testDatabases } from '../support/databases.ts';
import { makeUser } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  type Browser,
  cookieValue,
  getPage,
  openTestApp,
  postForm,
  type TestApp,
} from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('login, sessions and passwords ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
  });
  afterAll(() => t.close());

  const login = async (username: string, password: string, browser?: Browser) => {
    const b = browser ?? (await anonymousBrowser(t.app));
    return postForm(t.app, '/workbench/login', b, { username, password, next: '/workbench/users' });
  };
  const sessionCount = async () => (await t.database.db.selectFrom('sessions').select('id').execute()).length;

  it('shows the login form with a CSRF token and a nonce cookie, but no session', async () => {
    const res = await getPage(t.app, '/workbench/login');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<label class="field__label" for="field-username">用户名');
    expect(res.body).toMatch(/<input type="hidden" name="_csrf" value="[\w-]{20,}"/);
    const nonce = res.cookies.find((c) => c.name === 'gk_csrf');
    expect(nonce).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookieValue(res, 'gk_session')).toBeUndefined();
  });

  it('logs in: an httpOnly SameSite=Lax session cookie and a redirect to the page asked for', async () => {
    const { username, password } = h.staff.admin;
    const res = await login(username, password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/workbench/users');
    const cookie = res.cookies.find((c) => c.name === 'gk_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const home = await getPage(t.app, '/workbench', {
      cookies: { gk_session: cookie?.value ?? '' },
      csrfToken: '',
    });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('鼓楼admin');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('never redirects to another site after login', async () => {
    const b = await anonymousBrowser(t.app);
    const { username, password } = h.staff.viewer;
    for (const next of ['https://evil.example/', '//evil.example/', '/\\evil.example', '/workbench//evil']) {
      const res = await postForm(t.app, '/workbench/login', b, { username, password, next });
      expect(res.headers.location, next).toBe('/workbench');
    }
  });

  it('rotates the session at login: the old token is deleted and a new one issued', async () => {
    const { username, password } = h.staff.viewer;
    const first = await login(username, password);
    const firstToken = cookieValue(first, 'gk_session') ?? '';
    const me = await getPage(t.app, '/api/v1/me', { cookies: { gk_session: firstToken }, csrfToken: '' });
    const csrfToken = me.json().csrfToken as string;
    const second = await login(username, password, { cookies: { gk_session: firstToken }, csrfToken });
    const secondToken = cookieValue(second, 'gk_session') ?? '';
    expect(second.statusCode).toBe(303);
    expect(secondToken).not.toBe('');
    expect(secondToken).not.toBe(firstToken);
    const old = await getPage(t.app, '/workbench', { cookies: { gk_session: firstToken }, csrfToken: '' });
    expect(old.statusCode).toBe(302);
    expect(old.headers.location).toBe('/workbench/login?next=%2Fworkbench');
  });

  it('logs out: the session is deleted and the cookie cleared', async () => {
    const { username, password } = h.staff.publisher;
    const token = cookieValue(await login(username, password), 'gk_session') ?? '';
    const csrfToken = (
      await getPage(t.app, '/api/v1/me', { cookies: { gk_session: token }, csrfToken: '' })
    ).json().csrfToken as string;
    const before = await sessionCount();
    const res = await postForm(t.app, '/workbench/logout', { cookies: { gk_session: token }, csrfToken });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/workbench/login?loggedOut=1');
    expect(res.cookies.find((c) => c.name === 'gk_session')?.value).toBe('');
    expect(await sessionCount()).toBe(before - 1);
    const after = await getPage(t.app, '/workbench', { cookies: { gk_session: token }, csrfToken: '' });
    expect(after.statusCode).toBe(302);
  });

  it('refuses a wrong password in Chinese and locks the account after repeated failures', async () => {
    const victim = await makeUser(t.database.db, { agencyId: h.gulou.id, roles: ['viewer'] });
    const b = await anonymousBrowser(t.app);
    for (let i = 1; i < MAX_FAILED_LOGINS; i++) {
      const res = await login(victim.username, 'wrong-password-1', b);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain('用户名或密码不正确');
      expect(res.body).toContain(`value="${victim.username}"`);
      expect(res.body).not.toContain('wrong-password-1');
    }
    const locked = await login(victim.username, 'wrong-password-1', b);
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toContain('账户已被锁定至');
    expect(locked.body).toContain('北京时间');
    const evenRight = await login(victim.username, victim.password, b);
    expect(evenRight.statusCode).toBe(423);
    expect(cookieValue(evenRight, 'gk_session')).toBeUndefined();
  });

  it('an unknown user gets the same answer as a wrong password', async () => {
    const res = await login('nobody-here', 'whatever123');
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('用户名或密码不正确');
  });

  it('lists each missing field of the login form in the error summary, linked to the field', async () => {
    const res = await postForm(t.app, '/workbench/login', await anonymousBrowser(t.app), {
      username: '',
      password: '',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('<a href="#field-username">用户名：请填写用户名</a>');
    expect(res.body).toContain('<a href="#field-password">密码：请填写密码</a>');
    expect(res.body).toContain('aria-invalid="true"');
  });

  it('changes the password: wrong current password and mismatches are named; other sessions end', async () => {
    const user = await makeUser(t.database.db, { agencyId: h.gulou.id, roles: ['viewer'] });
    const token = cookieValue(await login(user.username, user.password), 'gk_session') ?? '';
    const elsewhere = cookieValue(await login(user.username, user.password), 'gk_session') ?? '';
    const csrfToken = (
      await getPage(t.app, '/api/v1/me', { cookies: { gk_session: token }, csrfToken: '' })
    ).json().csrfToken as string;
    const browser = { cookies: { gk_session: token }, csrfToken };
    const wrong = await postForm(t.app, '/workbench/password', browser, {
      currentPassword: 'not-it-123',
      newPassword: 'NewPassword2024',
      confirmPassword: 'NewPassword2024',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('<a href="#field-currentPassword">当前密码不正确</a>');
    const mismatch = await postForm(t.app, '/workbench/password', browser, {
      currentPassword: user.password,
      newPassword: 'NewPassword2024',
      confirmPassword: 'NewPassword2025',
    });
    expect(mismatch.body).toContain('两次输入的新密码不一致');
    const weak = await postForm(t.app, '/workbench/password', browser, {
      currentPassword: user.password,
      newPassword: 'short',
      confirmPassword: 'short',
    });
    expect(weak.body).toContain('密码至少 10 位');
    const ok = await postForm(t.app, '/workbench/password', browser, {
      currentPassword: user.password,
      newPassword: 'NewPassword2024',
      confirmPassword: 'NewPassword2024',
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('密码已修改');
    expect((await getPage(t.app, '/workbench', browser)).statusCode).toBe(200);
    expect(
      (await getPage(t.app, '/workbench', { cookies: { gk_session: elsewhere }, csrfToken: '' })).statusCode,
    ).toBe(302);
    expect((await login(user.username, 'NewPassword2024')).statusCode).toBe(303);
  });

  it('a deactivated user cannot log in and is told so', async () => {
    const user = await makeUser(t.database.db, { agencyId: h.gulou.id });
    await t.database.db.updateTable('users').set({ active: 0 }).where('id', '=', user.user.id).execute();
    const res = await login(user.username, user.password);
    expect(res.statusCode).toBe(401);
    expect(res.body).toContain('该账户已停用');
  });
});
