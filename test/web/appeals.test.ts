import type { Browser as Chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApplication } from '../../src/applications/application.repository.ts';
import { decideApplication } from '../../src/applications/decide-application.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import type { DemoAccount } from '../../src/orgs/demo.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { CHROMIUM, checkPage, hasChromium } from './support/browser.ts';
import { openPage, useDemoSite } from './support/demo-site.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

const today = beijingDate(new Date().toISOString());
const daysAgo = (n: number) =>
  new Date(Date.parse(`${today}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);

skipIfNoPostgres();

describe.each(testDatabases())('reconsideration and litigation on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let applicationId: number;
  let trackingNumber: string;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    const receivedOn = daysAgo(60);
    applicationId = (
      await submitApplication(t.database.db, {
        agencyId: h.gulou.id,
        input: {
          channel: 'letter',
          arrivedOn: receivedOn,
          receivedOn,
          applicantType: 'natural',
          applicantName: '欧阳明月',
          idType: 'residentId',
          idNumber: '11010519491231002X',
          phone: '13812345678',
          description: '2023年度最低生活保障资金发放情况',
          formWanted: 'paper',
        },
        actor: TEST_ACTOR,
        now: new Date(),
      })
    ).id;
    await recordSecrecyReview(t.database.db, {
      applicationId,
      input: { result: 'cleared', date: daysAgo(50), reviewer: '保密办' },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    await decideApplication(t.database.db, {
      applicationId,
      input: { outcome: 'granted', date: daysAgo(50) },
      actorIsApprover: true,
      actor: TEST_ACTOR,
      now: new Date(),
    });
    trackingNumber = (await findApplication(t.database.db, applicationId))?.trackingNumber ?? '';
  });
  afterAll(() => t.close());

  it('records a case from the application page, shows its defence clock, masks the claimant for a viewer', async () => {
    const handler = await sessionFor(t.database, h.staff.handler.user.id);
    const appPage = await getPage(t.app, `/workbench/applications/${applicationId}`, handler);
    expect(appPage.body).toContain('行政复议和行政诉讼');
    expect(appPage.body).toContain(`href="/workbench/appeals/new?applicationId=${applicationId}"`);

    const form = await getPage(t.app, `/workbench/appeals/new?applicationId=${applicationId}`, handler);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`value="${trackingNumber}"`);
    expect(form.body).toContain('value="欧阳明月"');
    expect(form.body).toMatch(/<label[^>]*for="field-body"[^>]*>复议机关或人民法院/);

    // Refused field by field, in Chinese.
    const bad = await postForm(t.app, '/workbench/appeals', handler, {
      agencyId: String(h.gulou.id),
      kind: 'litigationDirect',
      applicationNumber: trackingNumber,
      body: '',
      filedOn: daysAgo(20),
      copyReceivedOn: daysAgo(21),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请填写复议机关或人民法院');
    const early = await postForm(t.app, '/workbench/appeals', handler, {
      agencyId: String(h.gulou.id),
      kind: 'litigationDirect',
      body: '开封市龙亭区人民法院',
      filedOn: daysAgo(20),
      copyReceivedOn: daysAgo(21),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain(`收到副本的日期不能早于申请复议或起诉的日期（${daysAgo(20)}）`);
    expect(early.body).toContain('href="#field-copyReceivedOn"');

    const copy = daysAgo(10);
    const created = await postForm(t.app, '/workbench/appeals', handler, {
      agencyId: String(h.gulou.id),
      kind: 'litigationDirect',
      applicationNumber: trackingNumber,
      body: '开封市龙亭区人民法院',
      caseNumber: '（2026）豫0202行初1号',
      claimantName: '欧阳明月',
      filedOn: daysAgo(20),
      copyReceivedOn: copy,
    });
    expect(created.statusCode).toBe(303);
    const location = String(created.headers.location);
    expect(location).toMatch(/^\/workbench\/appeals\/\d+\?done=created$/);
    const detail = await getPage(t.app, location, handler);
    expect(detail.body).toContain('案件已登记');
    expect(detail.body).toContain('本机关的答辩状及证据');
    expect(detail.body).toContain(`${copy}收到副本，自次日起15日内提交答辩状及证据、依据`);
    expect(detail.body).toContain('欧阳明月');

    const viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    const list = await getPage(t.app, '/workbench/appeals', viewer);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('开封市龙亭区人民法院');
    expect(list.body).not.toContain('欧阳明月');
    expect(list.body).toContain('欧**');
    const viewerDetail = await getPage(t.app, location.replace(/\?.*/, ''), viewer);
    expect(viewerDetail.body).not.toContain('欧阳明月');
    expect(viewerDetail.body).not.toContain('/response"');
    // The viewer may not write.
    const forbidden = await postForm(t.app, `${location.replace(/\?.*/, '')}/response`, viewer, {
      copyReceivedOn: copy,
    });
    expect(forbidden.statusCode).toBe(403);
    // An agency outside the case's: not found.
    const eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    expect((await getPage(t.app, location.replace(/\?.*/, ''), eduAdmin)).statusCode).toBe(404);

    // Filters: by kind, pending, year.
    const filtered = await getPage(t.app, '/workbench/appeals?kind=reconsideration', handler);
    expect(filtered.body).not.toContain('开封市龙亭区人民法院');
    const thisYear = await getPage(t.app, `/workbench/appeals?pending=1&year=${today.slice(0, 4)}`, handler);
    expect(thisYear.body).toContain('开封市龙亭区人民法院');
  });

  it('reminds on the home page of defences due within 3 days and overdue', async () => {
    const handler = await sessionFor(t.database, h.staff.handler.user.id);
    // One due within days (a reconsideration received 8 days ago, unless its end rolls over a
    // long holiday), one overdue (received 40 days ago).
    for (const copy of [daysAgo(40)])
      await postForm(t.app, '/workbench/appeals', handler, {
        agencyId: String(h.gulou.id),
        kind: 'reconsideration',
        body: '开封市人民政府',
        filedOn: copy,
        copyReceivedOn: copy,
      });
    const home = await getPage(t.app, '/workbench', handler);
    expect(home.body).toMatch(/3日内到期 \d+ 件，已逾期 [1-9]\d* 件/);
    const list = await getPage(t.app, '/workbench/appeals?pending=1', handler);
    expect(list.body).toMatch(/已逾期\d+日/);
  });

  it('records a result that reopens the application, which then shows the reopening', async () => {
    const handler = await sessionFor(t.database, h.staff.handler.user.id);
    const created = await postForm(t.app, '/workbench/appeals', handler, {
      agencyId: String(h.gulou.id),
      kind: 'reconsideration',
      applicationNumber: trackingNumber,
      body: '开封市人民政府',
      filedOn: daysAgo(30),
      copyReceivedOn: daysAgo(28),
      respondedOn: daysAgo(25),
    });
    const path = String(created.headers.location).replace(/\?.*/, '');
    const missing = await postForm(t.app, `${path}/result`, handler, { result: 'corrected' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请填写结果日期');
    const done = await postForm(t.app, `${path}/result`, handler, {
      result: 'corrected',
      decidedOn: daysAgo(3),
      reopensApplication: '1',
    });
    expect(done.statusCode).toBe(303);
    expect(String(done.headers.location)).toContain('done=reopened');
    const application = await findApplication(t.database.db, applicationId);
    expect([application?.stage, application?.outcome, application?.status]).toEqual([
      'processing',
      null,
      'open',
    ]);
    const page = await getPage(t.app, `/workbench/applications/${applicationId}`, handler);
    expect(page.body).toContain('依复议决定/判决重新办理');
    expect(page.body).toContain('纠正');
    const after = await getPage(t.app, path, handler);
    expect(after.body).not.toContain(`${path}/result"`);
  });
});

if (!hasChromium) it.skip(`browser tests: ${CHROMIUM} is not installed`, () => {});

describe.runIf(hasChromium)('reconsideration and litigation in the browser', () => {
  const site = useDemoSite();
  let browser: Chromium;
  let base: string;
  let admin: DemoAccount;
  beforeAll(() => {
    ({ browser, base, admin } = site());
  });

  for (const width of [1280, 375]) {
    it(`lists the demo cases, opens one and the form at ${width} px`, async () => {
      const { context, page, problems } = await openPage(browser, width);
      const shot = (name: string) => checkPage(page, `appeals-${name}-${width}`, problems);
      await page.goto(`${base}/workbench/login`);
      await page.getByLabel('用户名').fill(admin.username);
      await page.getByLabel('密码').fill(admin.password);
      await Promise.all([
        page.waitForURL(`${base}/workbench`),
        page.getByRole('button', { name: '登录', exact: true }).click(),
      ]);
      await page.getByText(/3日内到期 \d+ 件/).waitFor();
      await page.getByRole('link', { name: '行政复议和行政诉讼' }).first().click();
      await page.waitForURL(`${base}/workbench/appeals`);
      await shot('list');
      const rows = await page.locator('table.data-table tbody tr').count();
      expect(rows).toBe(14);
      await page.getByLabel('立案年度').fill('2019');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/year=2019/);
      expect(await page.locator('table.data-table tbody tr').count()).toBe(10);
      await page.locator('table.data-table tbody tr').first().getByRole('link').first().click();
      await page.waitForURL(/\/workbench\/appeals\/\d+$/);
      await shot('detail');
      await page.goto(`${base}/workbench/appeals/new`);
      await shot('form');
      await page.getByRole('button', { name: '登记案件' }).click();
      await page.waitForURL(`${base}/workbench/appeals`);
      await page.getByText('请选择被申请人（被告）机关').first().waitFor();
      // The refused form answers 400, which Chromium logs as a failed load: expected here.
      problems.splice(0, problems.length, ...problems.filter((p) => !p.includes('400')));
      await shot('form-errors');
      await context.close();
    }, 60_000);
  }
});
