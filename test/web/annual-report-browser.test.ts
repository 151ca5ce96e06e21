import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DemoAccount } from '../../src/orgs/demo.ts';
import { compileReport } from '../../src/reports/compile/index.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { CHROMIUM, checkPage, hasChromium } from './support/browser.ts';
import { openPage, useDemoSite } from './support/demo-site.ts';

/**
 * Issue 6's browser test: a clerk (发布员) compiles the demo 鼓楼区人民政府 2019 report, edits the
 * narrative, sees a finding, explains it and submits; the approver approves; the clerk publishes;
 * the report is on the portal, and its DOCX and PDF parse back to the compiled figures.
 */
if (!hasChromium) it.skip(`browser tests: ${CHROMIUM} is not installed`, () => {});

describe.runIf(hasChromium)('the annual report in the browser', () => {
  const site = useDemoSite();
  let browser: Browser;
  let base: string;
  let accounts: readonly DemoAccount[];
  let database: Database;
  beforeAll(() => {
    ({ browser, base, accounts, database } = site());
  });

  const signIn = async (username: string): Promise<{ page: Page; problems: string[] }> => {
    const account = accounts.find((a) => a.username === username) as DemoAccount;
    const { page, problems } = await openPage(browser, 1280);
    await page.goto(`${base}/workbench/login`);
    await page.getByLabel('用户名').fill(account.username);
    await page.getByLabel('密码').fill(account.password);
    await Promise.all([
      page.waitForURL(`${base}/workbench`),
      page.getByRole('button', { name: '登录', exact: true }).click(),
    ]);
    return { page, problems };
  };

  it('compiles, edits, submits, approves, publishes, and the downloads parse back to the figures', async () => {
    const gulou = await database.db
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '鼓楼区人民政府')
      .executeTakeFirstOrThrow();
    const compiled = await compileReport(database.db, { agencyId: gulou.id, year: 2019 });
    expect(compiled.cells['s3.total.total']).toBe(27);

    const clerk = await signIn('publisher');
    let page = clerk.page;
    await page.goto(`${base}/workbench/reports?agencyId=${gulou.id}`);
    await page.getByLabel('报告年度').fill('2019');
    await page.getByRole('button', { name: '新建报告' }).click();
    await page.waitForURL(/\/workbench\/reports\/\d+\?done=created/);
    const editorUrl = page.url().split('?')[0] as string;
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('年度报告已建立');
    expect(await page.locator('.report-preview').textContent()).toContain('全年共收到政府信息公开申请');

    const s4 = page.getByRole('textbox', { name: '四、政府信息公开行政复议、行政诉讼情况' });
    expect(await s4.inputValue()).toBe('{{appeals}}');
    await s4.fill('据市级统计口径，全年行政复议99件。');
    await page.getByRole('button', { name: '保存正文' }).click();
    await page.waitForURL(/done=saved/);
    const finding = page.locator('.report-findings li', { hasText: '99' });
    await expect.poll(() => finding.count()).toBe(1);
    await finding.getByRole('textbox').fill('99件为市级统计口径，含转办案件。');
    await finding.getByRole('button', { name: '保存说明' }).click();
    await page.waitForURL(/done=acknowledged/);
    expect(await page.locator('.report-findings').textContent()).toContain('99件为市级统计口径');
    await checkPage(page, 'annual-report-editor', clerk.problems);
    await page.getByRole('button', { name: '提交审核' }).click();
    await page.waitForURL(/done=submitted/);
    expect(await page.textContent('main')).toContain('已提交待审核');

    const approver = await signIn('approver');
    await approver.page.goto(editorUrl);
    await approver.page.getByRole('button', { name: '审核通过' }).click();
    await approver.page.waitForURL(/done=approved/);

    await page.goto(editorUrl);
    await page.getByRole('button', { name: '发布到门户网站' }).click();
    await page.waitForURL(/done=(published|late)/);

    // The portal.
    page = await (
      await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN' })
    ).newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    await page.goto(`${base}/agencies/${gulou.id}/reports`);
    await page.getByRole('link', { name: '鼓楼区人民政府2019年政府信息公开工作年度报告' }).click();
    await page.waitForURL(`${base}/agencies/${gulou.id}/reports/2019`);
    const body = (await page.textContent('main')) ?? '';
    expect(body).toContain('本报告表格数据由系统根据登记的记录自动统计');
    expect(body).toContain('99件为市级统计口径，含转办案件。');
    await checkPage(page, 'annual-report-portal', problems);

    for (const format of ['docx', 'pdf'] as const) {
      const res = await page.request.get(`${base}/agencies/${gulou.id}/reports/2019/${format}`);
      expect(res.status()).toBe(200);
      const outcome = await parseReport(new Uint8Array(await res.body()));
      expect(outcome.ok, format).toBe(true);
      if (!outcome.ok) continue;
      for (const [key, value] of Object.entries(compiled.cells))
        expect(outcome.report.cells[key] ?? null, `${format} ${key}`).toBe(value);
    }
    const json = await (await page.request.get(`${base}/agencies/${gulou.id}/reports/2019/json`)).json();
    expect(json.schema).toBe('gongkai.annual-report/1');
    expect(json.cells['s3.total.total']).toBe(27);
  }, 180_000);
});
