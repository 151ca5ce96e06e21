import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
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

const SQL = "'; drop table agencies; --";
const SQL2 = '" or 1=1; delete from users where "1"="1';

describe.each(testDatabases())('SQL metacharacters are data ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
  });
  afterAll(() => t.close());

  const tablesIntact = async () => {
    expect((await t.database.db.selectFrom('agencies').select('id').execute()).length).toBeGreaterThanOrEqual(
      4,
    );
    expect((await t.database.db.selectFrom('users').select('id').execute()).length).toBeGreaterThanOrEqual(7);
  };

  it('in every text field of an agency, through the workbench form', async () => {
    const fields = {
      name: `${SQL}局`,
      shortName: SQL.slice(0, 30),
      kind: 'department',
      level: 'county',
      'contact.officeName': SQL2,
      'contact.address': SQL,
      'contact.email': "o'brien@example.gov.cn",
      'contact.officeHours': SQL2,
    };
    const res = await postForm(t.app, `/workbench/agencies/${h.gulou.id}/children`, admin, fields);
    expect(res.statusCode).toBe(303);
    const id = Number(/\/workbench\/agencies\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const row = await t.database.db
      .selectFrom('agencies')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      name: `${SQL}局`,
      short_name: SQL.slice(0, 30),
      office_name: SQL2,
      address: SQL,
      email: "o'brien@example.gov.cn",
      office_hours: SQL2,
    });
    await tablesIntact();
    const page = await getPage(t.app, `/agencies/${id}/guide`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`${SQL}局`);
    expect(page.body).toContain('drop table agencies');
  });

  it('in the user form, the login form, the URL and the query string', async () => {
    const created = await postForm(t.app, '/workbench/users', admin, {
      username: 'sql.tester',
      displayName: SQL,
      password: 'Password12345',
      agencyId: String(h.gulou.id),
      roles: ['viewer'],
    });
    expect(created.statusCode).toBe(303);
    const user = await t.database.db
      .selectFrom('users')
      .select('display_name')
      .where('username', '=', 'sql.tester')
      .executeTakeFirstOrThrow();
    expect(user.display_name).toBe(SQL);
    const login = await postForm(t.app, '/workbench/login', await anonymousBrowser(t.app), {
      username: SQL,
      password: SQL2,
    });
    expect(login.statusCode).toBe(401);
    expect((await getPage(t.app, `/agencies/${encodeURIComponent(SQL)}`)).statusCode).toBe(404);
    expect((await getPage(t.app, `/api/v1/agencies/1${encodeURIComponent(' or 1=1')}`)).statusCode).toBe(404);
    expect(
      (await getPage(t.app, `/workbench/audit?before=${encodeURIComponent(SQL)}`, admin)).statusCode,
    ).toBe(400);
    await tablesIntact();
  });
});
