import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/orgs/agency.table.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import {
  anonymousBrowser,
  type Browser,
  getPage,
  openTestApp,
  postForm,
  type TestApp,
} from './support/web-app.ts';

const form = (overrides: Record<string, string> = {}) => ({
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '开封市鼓楼区某路1号',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'electronic',
  submissionKey: 'key-1',
  ...overrides,
});

const codeOf = (body: string, label: string): string | undefined =>
  new RegExp(`<dt>${label}</dt><dd><code[^>]*>([^<]+)</code>`).exec(body)?.[1];

describe('applying online and following the application (sqlite)', () => {
  let t: TestApp;
  let agency: Agency;
  let browser: Browser;

  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (!sqlite) throw new Error('no test database');
    t = await openTestApp(sqlite, { PORTAL_CACHE_SECONDS: '60' });
    agency = await makeAgency(t.database.db, { name: '鼓楼区民政局' });
    browser = await anonymousBrowser(t.app);
  });
  afterAll(() => t.close());

  it('serves the form with its token and a submission key, never from the page cache', async () => {
    const first = await getPage(t.app, `/agencies/${agency.id}/apply/online`);
    const second = await getPage(t.app, `/agencies/${agency.id}/apply/online`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(first.body).toMatch(/name="submissionKey" value="[0-9a-f-]{36}"/);
    expect(second.headers['x-page-cache']).toBeUndefined();
    expect(second.headers['cache-control']).toBe('no-store');
  });

  it('takes an application, shows the number and the code once, and a resubmission finds it again', async () => {
    const created = await postForm(t.app, `/agencies/${agency.id}/apply/online`, browser, form());
    expect(created.statusCode).toBe(201);
    const trackingNumber = codeOf(created.body, '申请编号');
    const secretCode = codeOf(created.body, '查询码');
    expect(trackingNumber).toMatch(/^GK\d{16}$/);
    expect(secretCode).toBeDefined();

    const again = await postForm(t.app, `/agencies/${agency.id}/apply/online`, browser, form());
    expect(again.statusCode).toBe(200);
    expect(codeOf(again.body, '申请编号')).toBe(trackingNumber);
    expect(codeOf(again.body, '查询码')).toBeUndefined();

    const track = await postForm(t.app, '/track', browser, {
      trackingNumber: trackingNumber ?? '',
      secretCode: secretCode ?? '',
    });
    expect(track.statusCode).toBe(200);
    expect(track.body).toContain('鼓楼区民政局');
    expect(track.body).toContain('办理中');
    expect(track.body).toContain('2023年度鼓楼区最低生活保障资金发放情况');
    // Never the applicant's identity on the tracking page.
    expect(track.body).not.toContain('11010519491231002X');
  });

  it('says the same for a wrong code and an unknown number', async () => {
    const created = await postForm(
      t.app,
      `/agencies/${agency.id}/apply/online`,
      browser,
      form({ submissionKey: 'key-2' }),
    );
    const trackingNumber = codeOf(created.body, '申请编号') ?? '';
    const wrongCode = await postForm(t.app, '/track', browser, {
      trackingNumber,
      secretCode: 'not-the-code',
    });
    const unknown = await postForm(t.app, '/track', browser, {
      trackingNumber: 'GK2099010100000000',
      secretCode: 'x',
    });
    expect(wrongCode.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    const message = (body: string) => /<div class="notice" role="alert">([^<]+)<\/div>/.exec(body)?.[1];
    expect(message(wrongCode.body)).toBe(message(unknown.body));
  });

  it('names each bad field in Chinese, keeps what was typed, and stores nothing', async () => {
    const bad = await postForm(
      t.app,
      `/agencies/${agency.id}/apply/online`,
      browser,
      form({
        idNumber: '110105194912310021',
        phone: 'abc',
        description: '',
        applicantName: '<script>alert(1)</script>',
        submissionKey: 'key-3',
      }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('居民身份证号码的校验码不正确');
    expect(bad.body).toContain('联系电话应为 7 至 20 位数字');
    expect(bad.body).toContain('所需政府信息的名称');
    expect(bad.body).toMatch(/value="&lt;script(&gt;|>)alert\(1\)/);
    expect(bad.body).not.toContain('<script>alert(1)</script>');
    const stored = await t.database.db
      .selectFrom('applications')
      .select('id')
      .where('idempotency_key', '=', 'key-3')
      .execute();
    expect(stored).toEqual([]);
  });

  it('refuses a submission without the form token', async () => {
    const forged = await postForm(
      t.app,
      `/agencies/${agency.id}/apply/online`,
      { cookies: {}, csrfToken: 'forged' },
      form({ submissionKey: 'key-4' }),
    );
    expect(forged.statusCode).toBe(403);
  });
});
