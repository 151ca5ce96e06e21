import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { systemActor } from '../../src/audit-log/actor.ts';
import type { Database } from '../../src/db/database.ts';
import { type DemoAccount, seedDemo } from '../../src/orgs/demo.ts';
import { buildApp } from '../../src/web/app.ts';
import { testDatabases } from '../support/databases.ts';
import { CHROMIUM, checkPage, hasChromium, launchBrowser, SHOTS } from './support/browser.ts';
import { testConfig } from './support/web-app.ts';

/**
 * The portal and the workbench in a real browser (Debian's Chromium): every page without
 * JavaScript errors or CSP violations, no serious or critical axe-core finding, no sideways
 * scrolling on a 375 px phone; screenshots go to GONGKAI_SCREENSHOTS (default: the temp dir).
 */
if (!hasChromium) it.skip(`browser tests: ${CHROMIUM} is not installed`, () => {});

describe.runIf(hasChromium)('in the browser', () => {
  let database: Database;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let admin: DemoAccount;
  let gulouId: number;
  let applicationId: number;

  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (sqlite === undefined) throw new Error('no test database');
    database = await sqlite.open();
    const demo = await seedDemo(database.db, { now: new Date() });
    admin = demo.accounts.find((a) => a.username === 'admin') ?? (demo.accounts[0] as DemoAccount);
    const gulou = await database.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '鼓楼区人民政府')
      .executeTakeFirstOrThrow();
    gulouId = gulou.id;
    applicationId = (
      await submitApplication(database.db, {
        agencyId: gulouId,
        input: {
          channel: 'letter',
          arrivedOn: '2024-09-26',
          receivedOn: '2024-09-27',
          applicantType: 'natural',
          applicantName: '张三',
          idType: 'residentId',
          idNumber: '11010519491231002X',
          phone: '13812345678',
          description: '2023年度最低生活保障资金发放情况',
          formWanted: 'paper',
        },
        actor: systemActor('测试'),
        now: new Date('2024-09-27T02:00:00Z'),
      })
    ).id;
    app = await buildApp({ config: testConfig(), database, logger: false });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  /** Opens the page, checks it, saves its screenshot. */
  const visit = async (page: Page, path: string, shot: string, width: number) => {
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    const response = await page.goto(`${base}${path}`);
    expect(response?.status(), path).toBe(200);
    await checkPage(page, `${shot}-${width}`, problems);
  };

  const newContext = (width: number): Promise<BrowserContext> =>
    browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN', javaScriptEnabled: true });

  for (const width of [1280, 375]) {
    it(`walks the portal at ${width} px`, async () => {
      const context = await newContext(width);
      const page = await context.newPage();
      await visit(page, '/', 'portal-home', width);
      await page.getByRole('link', { name: '鼓楼区人民政府', exact: true }).first().click();
      expect(page.url()).toBe(`${base}/agencies/${gulouId}`);
      for (const [slug, heading] of [
        ['guide', '政府信息公开指南'],
        ['rules', '政府信息公开制度'],
        ['disclosures', '法定主动公开内容'],
        ['annual-reports', '政府信息公开年报'],
        ['apply', '申请政府信息公开'],
      ] as const) {
        await visit(page, `/agencies/${gulouId}/${slug}`, `portal-${slug}`, width);
        expect(await page.locator('h1').textContent()).toContain(heading);
      }
      await visit(page, '/agencies', 'portal-agencies', width);
      await visit(page, `/search?q=${encodeURIComponent('低保')}`, 'portal-search', width);
      await visit(page, '/account/login', 'portal-account-login', width);
      await visit(page, '/account/register', 'portal-account-register', width);
      expect((await context.cookies()).map((c) => c.name).filter((n) => n !== 'gk_csrf')).toEqual([]);
      await context.close();
    });

    it(`applies online with the keyboard and follows the application at ${width} px`, async () => {
      const context = await newContext(width);
      const page = await context.newPage();
      await visit(page, `/agencies/${gulouId}/apply/online`, 'portal-apply-online', width);
      await page.getByLabel('申请人姓名或名称').fill('张三');
      await page.getByLabel('身份证明号码').fill('11010519491231002X');
      await page.getByLabel('联系电话').fill('13812345678');
      await page.getByLabel('所需政府信息的名称、文号或特征性描述').fill('2023年度最低生活保障资金发放情况');
      const posted = (path: string) =>
        page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path);
      await Promise.all([
        posted(`/agencies/${gulouId}/apply/online`),
        page.getByRole('button', { name: '提交申请' }).click(),
      ]);
      await page.waitForLoadState();
      expect(await page.locator('h1').textContent()).toBe('申请已提交');
      const code = (label: string) => page.locator(`dt:text-is("${label}") + dd code`).textContent();
      const trackingNumber = (await code('申请编号')) ?? '';
      const secretCode = (await code('查询码')) ?? '';
      await page.screenshot({ path: join(SHOTS, `portal-apply-submitted-${width}.png`), fullPage: true });
      await visit(page, '/track', 'portal-track', width);
      await page.getByLabel('申请编号').fill(trackingNumber);
      await page.getByLabel('查询码').fill(secretCode);
      await Promise.all([posted('/track'), page.keyboard.press('Enter')]);
      await page.waitForLoadState();
      expect(await page.locator('main').textContent()).toContain('办理中');
      await context.close();
    });

    it(`logs in and walks the workbench at ${width} px`, async () => {
      const context = await newContext(width);
      const page = await context.newPage();
      await visit(page, '/workbench/login', 'workbench-login', width);
      await page.getByLabel('用户名').fill(admin.username);
      await page.getByLabel('密码').fill(admin.password);
      await Promise.all([
        page.waitForURL(`${base}/workbench`),
        page.getByRole('button', { name: '登录' }).click(),
      ]);
      for (const [path, shot] of [
        ['/workbench', 'workbench-home'],
        ['/workbench/agencies', 'workbench-agencies'],
        [`/workbench/agencies/${gulouId}`, 'workbench-agency-edit'],
        ['/workbench/users', 'workbench-users'],
        ['/workbench/users/new', 'workbench-user-new'],
        ['/workbench/audit', 'workbench-audit'],
        ['/workbench/calendar', 'workbench-calendar'],
        ['/workbench/applications', 'workbench-applications'],
        ['/workbench/applications/new', 'workbench-application-new'],
        [`/workbench/applications/${applicationId}`, 'workbench-application'],
        [`/workbench/applications/${applicationId}/assign`, 'workbench-application-assign'],
        [`/workbench/applications/${applicationId}/co-handlers`, 'workbench-application-co-handlers'],
        [`/workbench/applications/${applicationId}/secrecy-review`, 'workbench-application-review'],
        [`/workbench/applications/${applicationId}/decision`, 'workbench-application-decision'],
        ['/workbench/applications?queue=overdue&q=%E4%BD%8E%E4%BF%9D', 'workbench-applications-filtered'],
        ['/workbench/password', 'workbench-password'],
      ] as const) {
        await visit(page, path, shot, width);
      }
      // A form sent empty shows its error summary, and the summary's links reach the fields.
      await page.goto(`${base}/workbench/users/new`);
      await page.getByRole('button', { name: '新建用户' }).click();
      expect(await page.locator('.error-summary').isVisible()).toBe(true);
      await page.screenshot({ path: join(SHOTS, `workbench-user-errors-${width}.png`), fullPage: true });
      await page.getByRole('button', { name: '退出登录' }).click();
      await page.waitForURL(`${base}/workbench/login?loggedOut=1`);
      await context.close();
    });
  }
});
