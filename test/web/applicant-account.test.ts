import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordApplicationEvent } from '../../src/applications/record-application-event.ts';
import { assignApplication } from '../../src/applications/route-application.ts';
import { issueLetter } from '../../src/letters/issue-letter.ts';
import { hashToken } from '../../src/orgs/session-token.ts';
import { makeApplicant, PASSWORD, submitAnonymously, uniqueMobile } from '../applicants/support.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
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

const csrfOf = (body: string): string => {
  const token = /name="_csrf" value="([^"]+)"/.exec(body)?.[1];
  if (token === undefined) throw new Error('the page has no form token');
  return token;
};

/** Logs in through the form, as a browser does: the applicant's cookie, and the token of their pages. */
const loginAs = async (app: FastifyInstance, login: string, password = PASSWORD): Promise<Browser> => {
  const anonymous = await anonymousBrowser(app);
  const response = await postForm(app, '/account/login', anonymous, { login, password });
  expect(response.statusCode).toBe(303);
  const token = cookieValue(response, 'gk_applicant');
  if (token === undefined) throw new Error('no applicant cookie after login');
  const cookies = { ...anonymous.cookies, gk_applicant: token };
  const home = await getPage(app, '/account', { cookies, csrfToken: '' });
  expect(home.statusCode).toBe(200);
  return { cookies, csrfToken: csrfOf(home.body) };
};

const expectCsrfRefused = (res: LightMyRequestResponse) => {
  expect(res.statusCode).toBe(403);
  expect(res.body).toContain('表单已失效');
};

const applyForm = (overrides: Record<string, string> = {}) => ({
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'electronic',
  ...overrides,
});

describe.each(testDatabases())('the applicant account on the portal ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  beforeAll(async () => {
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '60' });
    h = await makeHierarchy(t.database.db);
  });
  afterAll(() => t.close());

  const accountOf = (login: string) =>
    t.database.db.selectFrom('applicant_accounts').selectAll().where('login', '=', login).executeTakeFirst();

  it('registers and logs the new applicant in; refuses a duplicate, a weak password, a bad phone, a mismatch', async () => {
    const form = await getPage(t.app, '/account/register');
    expect(form.statusCode).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.body).toContain('<label class="field__label" for="field-login">手机号码或电子邮箱');
    const anonymous = await anonymousBrowser(t.app);
    const mobile = uniqueMobile();
    const fields = { login: mobile, displayName: '王五', password: PASSWORD, confirmPassword: PASSWORD };

    const created = await postForm(t.app, '/account/register', anonymous, fields);
    expect(created.statusCode).toBe(303);
    expect(created.headers.location).toBe('/account?registered=1');
    const token = cookieValue(created, 'gk_applicant');
    expect(token).toBeDefined();
    const cookie = created.cookies.find((c) => c.name === 'gk_applicant');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    const home = await getPage(t.app, '/account?registered=1', {
      cookies: { gk_applicant: token ?? '' },
      csrfToken: '',
    });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('注册成功');
    expect(home.body).toContain(`王五（${mobile.slice(0, 3)}****${mobile.slice(-4)}）`);
    expect(home.body).not.toContain(mobile);

    const again = async (overrides: Record<string, string>) => {
      const res = await postForm(t.app, '/account/register', anonymous, { ...fields, ...overrides });
      expect(res.headers['set-cookie'] ?? '').not.toContain('gk_applicant=');
      return res;
    };
    const duplicate = await again({ login: `+86 ${mobile}` });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.body).toContain('该手机号码已注册，请直接登录');
    const weak = await again({ login: uniqueMobile(), password: 'short1', confirmPassword: 'short1' });
    expect(weak.statusCode).toBe(400);
    expect(weak.body).toContain('密码至少 10 位，且须同时包含字母和数字');
    const badPhone = await again({ login: '1381234567' });
    expect(badPhone.statusCode).toBe(400);
    expect(badPhone.body).toContain('手机号码应为 11 位数字');
    // The typed login comes back in the form; the password never does.
    expect(badPhone.body).toContain('value="1381234567"');
    expect(badPhone.body).not.toContain(PASSWORD);
    const mismatch = await again({ login: uniqueMobile(), confirmPassword: `${PASSWORD}x` });
    expect(mismatch.statusCode).toBe(400);
    expect(mismatch.body).toContain('两次输入的密码不一致');
    expect(
      await t.database.db
        .selectFrom('applicant_accounts')
        .select('login')
        .where('display_name', '=', '王五')
        .execute(),
    ).toEqual([{ login: mobile }]);
  });

  it('logs in with the right password, refuses a wrong one, locks after five, and logs out', async () => {
    const { login } = await makeApplicant(t.database.db);
    const anonymous = await anonymousBrowser(t.app);
    const wrong = await postForm(t.app, '/account/login', anonymous, { login, password: 'Wrong-password-1' });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('手机号码（电子邮箱）或密码不正确');
    expect(cookieValue(wrong, 'gk_applicant')).toBeUndefined();

    const browser = await loginAs(t.app, ` ${login.slice(0, 3)} ${login.slice(3)} `);
    const logout = await postForm(t.app, '/account/logout', browser);
    expect(logout.statusCode).toBe(303);
    expect(logout.headers.location).toBe('/account/login?loggedOut=1');
    expect(logout.cookies.find((c) => c.name === 'gk_applicant')?.value).toBe('');
    const sessions = await t.database.db
      .selectFrom('applicant_sessions')
      .select('id')
      .where('id', '=', hashToken(browser.cookies.gk_applicant ?? ''))
      .execute();
    expect(sessions).toEqual([]);
    // The old cookie, sent again, opens nothing.
    const after = await getPage(t.app, '/account', browser);
    expect(after.statusCode).toBe(302);
    expect(after.headers.location).toBe('/account/login?next=%2Faccount');

    for (let i = 0; i < 4; i++) {
      const res = await postForm(t.app, '/account/login', anonymous, {
        login,
        password: `Wrong-${i}-password`,
      });
      expect(res.statusCode).toBe(401);
    }
    const locked = await postForm(t.app, '/account/login', anonymous, {
      login,
      password: 'Wrong-4-password',
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.body).toContain('账户已被锁定至');
    const stillLocked = await postForm(t.app, '/account/login', anonymous, { login, password: PASSWORD });
    expect(stillLocked.statusCode).toBe(423);
    expect(cookieValue(stillLocked, 'gk_applicant')).toBeUndefined();
  });

  it('sends an anonymous visitor to the login page, and back after it', async () => {
    const { login } = await makeApplicant(t.database.db);
    const page = await getPage(t.app, '/account/applications/1');
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/account/login?next=%2Faccount%2Fapplications%2F1');
    const anonymous = await anonymousBrowser(t.app);
    const back = await postForm(t.app, '/account/login', anonymous, {
      login,
      password: PASSWORD,
      next: '/account/applications/1',
    });
    expect(back.headers.location).toBe('/account/applications/1');
    const elsewhere = await postForm(t.app, '/account/login', anonymous, {
      login,
      password: PASSWORD,
      next: '//evil.example/account',
    });
    expect(elsewhere.headers.location).toBe('/account');
  });

  it('ends a session idle for more than 2 hours, and clears its cookie', async () => {
    const { login } = await makeApplicant(t.database.db);
    const browser = await loginAs(t.app, login);
    await t.database.db
      .updateTable('applicant_sessions')
      .set({ last_seen_at: new Date(Date.now() - 121 * 60_000).toISOString() })
      .where('id', '=', hashToken(browser.cookies.gk_applicant ?? ''))
      .execute();
    const res = await getPage(t.app, '/account', browser);
    expect(res.statusCode).toBe(302);
    expect(res.cookies.find((c) => c.name === 'gk_applicant')?.value).toBe('');
  });

  it("lists only the applicant's applications; another account's is a 404; nothing internal is shown", async () => {
    const me = await makeApplicant(t.database.db);
    const other = await makeApplicant(t.database.db);
    const mine = await submitAnonymously(t.database.db, h.gulou.id, {
      applicantAccountId: me.account.id,
      description: '我的申请内容：某路段改造资金',
    });
    const theirs = await submitAnonymously(t.database.db, h.gulou.id, {
      applicantAccountId: other.account.id,
      description: '别人的申请内容：某学校招生计划',
    });
    await assignApplication(t.database.db, {
      applicationId: mine.id,
      input: { handlingAgencyId: h.gulou.id, handlerUserId: h.staff.handler.user.id },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    await recordApplicationEvent(t.database.db, {
      applicationId: mine.id,
      event: { type: 'consultationStarted', date: today, note: '内部备注：先问问财政局' },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const browser = await loginAs(t.app, me.login);

    const list = await getPage(t.app, '/account', browser);
    expect(list.body).toContain(`href="/account/applications/${mine.id}"`);
    expect(list.body).toContain(mine.trackingNumber);
    expect(list.body).not.toContain(theirs.trackingNumber);

    const detail = await getPage(t.app, `/account/applications/${mine.id}`, browser);
    expect(detail.statusCode).toBe(200);
    expect(detail.headers['cache-control']).toBe('no-store');
    expect(detail.body).toContain('我的申请内容：某路段改造资金');
    expect(detail.body).toContain('办理中');
    expect(detail.body).toContain('暂停计算：等待第三方或其他机关答复');
    expect(detail.body).not.toContain('内部备注');
    expect(detail.body).not.toContain(h.staff.handler.user.displayName);
    expect(detail.body).not.toContain('11010519491231002X');

    const foreign = await getPage(t.app, `/account/applications/${theirs.id}`, browser);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.body).not.toContain('别人的申请内容');
    const missing = await getPage(t.app, '/account/applications/2000000000', browser);
    expect(missing.statusCode).toBe(404);
    expect(missing.body.replace(/value="[^"]*"/g, '')).toBe(foreign.body.replace(/value="[^"]*"/g, ''));
  });

  it("offers the applicant's letters for download, and no one else's", async () => {
    const me = await makeApplicant(t.database.db);
    const other = await makeApplicant(t.database.db);
    const mine = await submitAnonymously(t.database.db, h.gulou.id, { applicantAccountId: me.account.id });
    const theirs = await submitAnonymously(t.database.db, h.gulou.id, {
      applicantAccountId: other.account.id,
    });
    const issue = (applicationId: number) =>
      issueLetter(t.database.db, {
        applicationId,
        input: { kind: 'receipt' },
        actor: TEST_ACTOR,
        now: new Date(),
        pdf: null,
      });
    const { letterId } = await issue(mine.id);
    const foreignLetter = (await issue(theirs.id)).letterId;
    const browser = await loginAs(t.app, me.login);
    const detail = await getPage(t.app, `/account/applications/${mine.id}`, browser);
    expect(detail.body).toContain(`/account/applications/${mine.id}/letters/${letterId}/docx`);
    const docx = await getPage(t.app, `/account/applications/${mine.id}/letters/${letterId}/docx`, browser);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const html = await getPage(t.app, `/account/applications/${mine.id}/letters/${letterId}/html`, browser);
    expect(html.body).toContain(mine.trackingNumber);
    // Another account's letter, through my application or through theirs: not found.
    expect(
      (await getPage(t.app, `/account/applications/${mine.id}/letters/${foreignLetter}/html`, browser))
        .statusCode,
    ).toBe(404);
    expect(
      (await getPage(t.app, `/account/applications/${theirs.id}/letters/${foreignLetter}/html`, browser))
        .statusCode,
    ).toBe(404);
    // Without the account's session: to the login page.
    expect(
      (await getPage(t.app, `/account/applications/${mine.id}/letters/${letterId}/html`)).statusCode,
    ).toBe(302);
  });

  it('adds an application by its number and code; a wrong number and a wrong code get the same answer', async () => {
    const me = await makeApplicant(t.database.db);
    const submitted = await submitAnonymously(t.database.db, h.gulou.id);
    const browser = await loginAs(t.app, me.login);
    const claim = (trackingNumber: string, secretCode: string) =>
      postForm(t.app, '/account/claim', browser, { trackingNumber, secretCode });

    const wrongCode = await claim(submitted.trackingNumber, 'AAAAAAAAAAAAAAAAAAAAAA');
    const wrongNumber = await claim('GK2026010199999999', submitted.secretCode);
    expect([wrongCode.statusCode, wrongNumber.statusCode]).toEqual([404, 404]);
    const answer = (res: LightMyRequestResponse) =>
      /<div class="error-summary"[\s\S]*?<\/div>/.exec(res.body)?.[0];
    expect(answer(wrongCode)).toContain('申请编号或查询码不正确');
    expect(answer(wrongNumber)).toBe(answer(wrongCode));

    const ok = await claim(submitted.trackingNumber, submitted.secretCode);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/account/applications/${submitted.id}?claimed=1`);
    const detail = await getPage(t.app, ok.headers.location ?? '', browser);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('该申请已添加到您的账户');
    const list = await getPage(t.app, '/account', browser);
    expect(list.body).toContain(submitted.trackingNumber);
  });

  it('links an application made while logged in to the account, with the form filled in from it', async () => {
    const mobile = uniqueMobile();
    await makeApplicant(t.database.db, { login: mobile, displayName: '赵六' });
    const browser = await loginAs(t.app, mobile);
    const url = `/agencies/${h.gulou.id}/apply/online`;
    const form = await getPage(t.app, url, browser);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="赵六"');
    expect(form.body).toContain(`value="${mobile}"`);
    expect(csrfOf(form.body)).toBe(browser.csrfToken);

    // The anonymous forms' token is not the applicant's: refused.
    const anonymous = await anonymousBrowser(t.app);
    expectCsrfRefused(
      await postForm(t.app, url, { cookies: browser.cookies, csrfToken: anonymous.csrfToken }, applyForm()),
    );
    const created = await postForm(t.app, url, browser, applyForm({ applicantName: '赵六', phone: mobile }));
    expect(created.statusCode).toBe(201);
    const trackingNumber = /<dt>申请编号<\/dt><dd><code[^>]*>([^<]+)<\/code>/.exec(created.body)?.[1] ?? '';
    const account = await accountOf(mobile);
    const row = await t.database.db
      .selectFrom('applications')
      .select(['id', 'applicant_account_id'])
      .where('tracking_number', '=', trackingNumber)
      .executeTakeFirstOrThrow();
    expect(row.applicant_account_id).toBe(account?.id);
    expect((await getPage(t.app, '/account', browser)).body).toContain(trackingNumber);

    // Without an account the same form still works, and links nothing.
    const plain = await postForm(t.app, url, anonymous, applyForm());
    expect(plain.statusCode).toBe(201);
    const plainNumber = /<dt>申请编号<\/dt><dd><code[^>]*>([^<]+)<\/code>/.exec(plain.body)?.[1] ?? '';
    const plainRow = await t.database.db
      .selectFrom('applications')
      .select('applicant_account_id')
      .where('tracking_number', '=', plainNumber)
      .executeTakeFirstOrThrow();
    expect(plainRow.applicant_account_id).toBeNull();
  });

  it("never caches a logged-in applicant's pages, nor serves them a cached page", async () => {
    const { login } = await makeApplicant(t.database.db, { displayName: '钱七' });
    const browser = await loginAs(t.app, login);
    for (let i = 0; i < 2; i++) {
      const res = await getPage(t.app, '/account', browser);
      expect(res.headers['x-page-cache']).toBeUndefined();
      expect(res.headers['cache-control']).toBe('no-store');
    }
    // A page an anonymous reader caused to be cached is rendered afresh for the applicant…
    const page = `/agencies/${h.gulou.id}`;
    await getPage(t.app, page);
    expect((await getPage(t.app, page)).headers['x-page-cache']).toBe('hit');
    expect((await getPage(t.app, page, browser)).headers['x-page-cache']).toBeUndefined();
    // …and what the applicant caused to be rendered is not kept for anyone.
    const other = `/agencies/${h.edu.id}`;
    await getPage(t.app, other, browser);
    expect((await getPage(t.app, other)).headers['x-page-cache']).toBeUndefined();
    // Even an anonymous page with the applicant's name in it could not come from the cache.
    const anonymousAccount = await getPage(t.app, '/account');
    expect(anonymousAccount.statusCode).toBe(302);
    expect(anonymousAccount.body).not.toContain('钱七');
  });

  it('refuses its forms without the applicant session’s own token', async () => {
    const { login } = await makeApplicant(t.database.db);
    const browser = await loginAs(t.app, login);
    const submitted = await submitAnonymously(t.database.db, h.gulou.id);
    const fields = { trackingNumber: submitted.trackingNumber, secretCode: submitted.secretCode };
    expectCsrfRefused(await postForm(t.app, '/account/claim', browser, fields, { csrf: false }));
    expectCsrfRefused(
      await postForm(t.app, '/account/claim', { ...browser, csrfToken: 'x'.repeat(43) }, fields),
    );
    const staff = await sessionFor(t.database, h.staff.admin.user.id);
    expectCsrfRefused(
      await postForm(
        t.app,
        '/account/claim',
        { cookies: { ...browser.cookies, ...staff.cookies }, csrfToken: staff.csrfToken },
        fields,
      ),
    );
    expectCsrfRefused(await postForm(t.app, '/account/logout', browser, {}, { csrf: false }));
    const linked = await t.database.db
      .selectFrom('applications')
      .select('applicant_account_id')
      .where('id', '=', submitted.id)
      .executeTakeFirstOrThrow();
    expect(linked.applicant_account_id).toBeNull();
    // The session is still there: the refused logout did nothing.
    expect((await getPage(t.app, '/account', browser)).statusCode).toBe(200);
  });

  it('never lets a staff session and an applicant session stand in for each other', async () => {
    const { login } = await makeApplicant(t.database.db);
    const applicant = await loginAs(t.app, login);
    const staff = await sessionFor(t.database, h.staff.admin.user.id);
    // The staff cookie does not open the applicant's pages…
    expect((await getPage(t.app, '/account', staff)).statusCode).toBe(302);
    // …nor does the applicant's token in either cookie open the other side.
    const swapped = { cookies: { gk_applicant: staff.cookies.gk_session ?? '' }, csrfToken: '' };
    expect((await getPage(t.app, '/account', swapped)).statusCode).toBe(302);
    const intoWorkbench = { cookies: { gk_session: applicant.cookies.gk_applicant ?? '' }, csrfToken: '' };
    const workbench = await getPage(t.app, '/workbench', intoWorkbench);
    expect(workbench.statusCode).toBe(302);
    expect(workbench.headers.location).toContain('/workbench/login');
    expect((await getPage(t.app, '/workbench', applicant)).statusCode).toBe(302);
    const api = await getPage(t.app, '/api/v1/me', intoWorkbench);
    expect(api.statusCode).toBe(401);
  });
});

describe('rate limits on the applicant forms', () => {
  it('limits logins and registrations per address like the staff login', async () => {
    const [sqlite] = testDatabases();
    if (!sqlite) throw new Error('SQLite is always there');
    const t = await openTestApp(sqlite, { LOGIN_RATE_LIMIT_MAX: '2' });
    try {
      const anonymous = await anonymousBrowser(t.app);
      const login = { login: uniqueMobile(), password: 'Wrong-password-1' };
      const statuses = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await postForm(t.app, '/account/login', anonymous, login)).statusCode);
      expect(statuses).toEqual([401, 401, 429]);
      const register = { login: 'bad', displayName: '', password: '', confirmPassword: '' };
      const reg = [];
      for (let i = 0; i < 3; i++)
        reg.push((await postForm(t.app, '/account/register', anonymous, register)).statusCode);
      expect(reg).toEqual([400, 400, 429]);
    } finally {
      await t.close();
    }
  });
});
