import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  type Browser,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('CSRF ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  beforeAll(async () => {
    t = await openTestApp(target, {}, (app) => {
      // A JSON write, as later API routes will have them.
      app.post('/api/v1/test-write', async () => ({ written: true }));
      // An upload form, as the application form will have one.
      app.post('/workbench/test-upload', async () => ({ uploaded: true }));
    });
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  const expectCsrfPage = (res: { statusCode: number; body: string; headers: Record<string, unknown> }) => {
    expect(res.statusCode).toBe(403);
    expect(String(res.headers['content-type'])).toContain('text/html');
    expect(res.body).toContain('表单已失效');
  };

  it('refuses a logged-in form without its token, with a wrong token, or with another session’s token', async () => {
    const other = await sessionFor(t.database, h.staff.viewer.user.id);
    const url = `/workbench/agencies/${h.edu.id}`;
    const fields = { name: '改名了', kind: 'department', level: 'county' };
    expectCsrfPage(await postForm(t.app, url, admin, fields, { csrf: false }));
    expectCsrfPage(await postForm(t.app, url, { ...admin, csrfToken: 'x'.repeat(43) }, fields));
    expectCsrfPage(await postForm(t.app, url, { ...admin, csrfToken: other.csrfToken }, fields));
    const unchanged = await t.database.db
      .selectFrom('agencies')
      .select('name')
      .where('id', '=', h.edu.id)
      .executeTakeFirst();
    expect(unchanged?.name).toBe('鼓楼区教育局');
    const accepted = await postForm(t.app, url, admin, fields);
    expect(accepted.statusCode).toBe(303);
  });

  it('refuses the anonymous login form without the double-submit pair', async () => {
    const b = await anonymousBrowser(t.app);
    const { username, password } = h.staff.viewer;
    expectCsrfPage(await postForm(t.app, '/workbench/login', null, { username, password }));
    expectCsrfPage(await postForm(t.app, '/workbench/login', b, { username, password }, { csrf: false }));
    // The token without its cookie, or with another visitor's cookie.
    expectCsrfPage(
      await postForm(
        t.app,
        '/workbench/login',
        { cookies: {}, csrfToken: b.csrfToken },
        { username, password },
      ),
    );
    const c = await anonymousBrowser(t.app);
    expectCsrfPage(
      await postForm(
        t.app,
        '/workbench/login',
        { cookies: c.cookies, csrfToken: b.csrfToken },
        { username, password },
      ),
    );
    // A planted nonce cookie is worth nothing without the server's key.
    expectCsrfPage(
      await postForm(
        t.app,
        '/workbench/login',
        { cookies: { gk_csrf: 'A'.repeat(32) }, csrfToken: 'A'.repeat(43) },
        { username, password },
      ),
    );
    expect((await postForm(t.app, '/workbench/login', b, { username, password })).statusCode).toBe(303);
  });

  it('refuses logout without a token: nobody can be logged out by another site', async () => {
    expectCsrfPage(await postForm(t.app, '/workbench/logout', admin, {}, { csrf: false }));
  });

  it('JSON writes need the X-CSRF-Token header; a body field does not count', async () => {
    const send = (headers: Record<string, string>, payload: object = {}) =>
      t.app.inject({ method: 'POST', url: '/api/v1/test-write', cookies: admin.cookies, headers, payload });
    const none = await send({});
    expect(none.statusCode).toBe(403);
    expect(none.json().error.code).toBe('CSRF');
    expect((await send({}, { _csrf: admin.csrfToken })).statusCode).toBe(403);
    const ok = await send({ 'x-csrf-token': admin.csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ written: true });
  });

  it('reads the token of a multipart (upload) form, and refuses the upload without it', async () => {
    const multipart = (fields: Record<string, string>) => {
      const boundary = '----gongkai-test';
      const parts = Object.entries(fields).map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      );
      const file = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nhello\r\n`;
      return t.app.inject({
        method: 'POST',
        url: '/workbench/test-upload',
        cookies: admin.cookies,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `${parts.join('')}${file}--${boundary}--\r\n`,
      });
    };
    expect((await multipart({})).statusCode).toBe(403);
    const ok = await multipart({ _csrf: admin.csrfToken });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ uploaded: true });
  });

  it('puts the session token in every form of the workbench', async () => {
    for (const url of [
      '/workbench',
      `/workbench/agencies/${h.gulou.id}`,
      '/workbench/users/new',
      '/workbench/password',
    ]) {
      const res = await t.app.inject({ method: 'GET', url, cookies: admin.cookies });
      const forms = res.body.match(/<form [^>]*method="post"[^>]*>/g) ?? [];
      const tokens = res.body.match(new RegExp(`name="_csrf" value="${admin.csrfToken}"`, 'g')) ?? [];
      expect(forms.length, url).toBeGreaterThan(0);
      expect(tokens.length, url).toBe(forms.length);
    }
  });
});
