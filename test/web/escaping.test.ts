import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/orgs/agency.table.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency, makeUser } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  type Browser,
  getPage,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from './support/web-app.ts';

skipIfNoPostgres();

const SCRIPT = '<script>alert(1)</script>';
const ATTR = '"><img src=x onerror=alert(2)>';

/** No page may print the payloads as markup: what comes back is text. */
const expectEscaped = (url: string, body: string) => {
  expect(body, url).not.toContain('<script>alert(1)');
  expect(body, url).not.toContain('<img src=x');
  // Preact escapes `<` and `&` in text (and `"` in attributes): enough that no tag can start.
  expect(body, url).toContain('&lt;script>alert(1)&lt;/script>');
};

describe.each(testDatabases())('user text is escaped everywhere ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let evil: Agency;
  let admin: Browser;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    evil = await makeAgency(t.database.db, {
      name: `${SCRIPT}局`,
      parentId: h.gulou.id,
      kind: 'department',
      shortName: SCRIPT,
      contact: { officeName: `${SCRIPT}${ATTR}`, address: `${SCRIPT}路${ATTR}`, officeHours: SCRIPT },
    });
    await makeUser(t.database.db, { agencyId: evil.id, roles: ['viewer'], displayName: SCRIPT });
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  it('on every portal page that shows the agency', async () => {
    const urls = ['/', '/agencies', `/agencies/${evil.id}`, `/agencies/${h.gulou.id}`];
    for (const slug of ['guide', 'rules', 'disclosures', 'annual-reports', 'apply'])
      urls.push(`/agencies/${evil.id}/${slug}`);
    for (const url of urls) {
      const res = await getPage(t.app, url);
      expect(res.statusCode, url).toBe(200);
      expectEscaped(url, res.body);
    }
  });

  it('on every workbench page that shows it, and in the audit log', async () => {
    const urls = [
      '/workbench/agencies',
      `/workbench/agencies/${evil.id}`,
      `/workbench/agencies/${evil.id}/new`,
      '/workbench/users',
      '/workbench/users/new',
      '/workbench/audit',
    ];
    for (const url of urls) {
      const res = await getPage(t.app, url, admin);
      expect(res.statusCode, url).toBe(200);
      expectEscaped(url, res.body);
    }
  });

  it('in the header of a user whose own name is the payload', async () => {
    const user = await makeUser(t.database.db, { agencyId: evil.id, roles: ['admin'], displayName: SCRIPT });
    const res = await getPage(t.app, '/workbench', await sessionFor(t.database, user.user.id));
    expectEscaped('/workbench', res.body);
  });

  it('when a form is sent back with its errors', async () => {
    const res = await postForm(t.app, `/workbench/agencies/${h.edu.id}`, admin, {
      name: SCRIPT,
      shortName: ATTR,
      kind: 'department',
      level: 'county',
      'contact.phone': SCRIPT,
    });
    expect(res.statusCode).toBe(400);
    expectEscaped('agency form', res.body);
    const login = await postForm(t.app, '/workbench/login', await anonymousBrowser(t.app), {
      username: SCRIPT,
      password: 'x',
      next: `/workbench/${SCRIPT}`,
    });
    expect(login.body).not.toContain('<script>alert(1)');
  });

  it('in the API, as the JSON string it is', async () => {
    const res = await getPage(t.app, `/api/v1/agencies/${evil.id}`);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.json().agency.name).toBe(`${SCRIPT}局`);
  });
});
