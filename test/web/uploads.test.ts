import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { makeAgency, makeUser } from '../support/factories.ts';
import { type Browser, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-upload';
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, content: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${name}.txt"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;

describe('upload limits (sqlite)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (sqlite === undefined) throw new Error('no test database');
    t = await openTestApp(sqlite, {}, (app) => {
      app.post('/workbench/test-upload', async () => ({ uploaded: true }));
    });
    const agency = await makeAgency(t.database.db);
    browser = await sessionFor(t.database, (await makeUser(t.database.db, { agencyId: agency.id })).user.id);
  });
  afterAll(() => t.close());

  const upload = (parts: string[]) =>
    t.app.inject({
      method: 'POST',
      url: '/workbench/test-upload',
      cookies: browser.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: `${field('_csrf', browser.csrfToken)}${parts.join('')}--${BOUNDARY}--\r\n`,
    });

  it('takes up to five files', async () => {
    const res = await upload(['a', 'b', 'c', 'd', 'e'].map((n) => file(n, 'hello')));
    expect(res.statusCode).toBe(200);
  });

  it('refuses a sixth file with 413 and a Chinese page', async () => {
    const res = await upload(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => file(n, 'hello')));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('提交的内容过大');
    expect(res.body).toContain('每个不超过 10 MB，每次最多 5 个');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const res = await upload([file('big', 'x'.repeat(10 * 1024 * 1024 + 1))]);
    expect(res.statusCode).toBe(413);
  });
});
