import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/orgs/demo.ts';
import { CHROMIUM, checkPage, hasChromium } from './support/browser.ts';
import { openPage, useDemoSite } from './support/demo-site.ts';

/**
 * The workbench pieces of issue 5 in a real browser, over the demo data: the paged list of
 * items, the synonym page (a pair added through its form) and the release-to-all form of a
 * granted application. Each page is checked with axe-core and photographed (GONGKAI_SCREENSHOTS).
 */
if (!hasChromium) it.skip(`browser tests: ${CHROMIUM} is not installed`, () => {});

describe.runIf(hasChromium)('the disclosure workbench in the browser', () => {
  const site = useDemoSite();
  let browser: Browser;
  let base: string;
  let admin: DemoAccount;
  beforeAll(() => {
    ({ browser, base, admin } = site());
  });

  for (const width of [1280, 375]) {
    it(`pages the items, keeps the synonyms and releases to all at ${width} px`, async () => {
      const { context, page, problems } = await openPage(browser, width);
      const shot = (name: string) => checkPage(page, `disclosure-workbench-${name}-${width}`, problems);

      await page.goto(`${base}/workbench/login`);
      await page.getByLabel('用户名').fill(admin.username);
      await page.getByLabel('密码').fill(admin.password);
      await Promise.all([
        page.waitForURL(`${base}/workbench`),
        page.getByRole('button', { name: '登录', exact: true }).click(),
      ]);

      await page.goto(`${base}/workbench/disclosure?stage=published`);
      expect(await page.locator('caption').textContent()).toMatch(/已发布（共 \d+ 条，第 1\/\d+ 页）/);
      await shot('list');
      await page.getByRole('link', { name: '下一页' }).click();
      await page.waitForURL(`${base}/workbench/disclosure?stage=published&page=2`);
      expect(await page.locator('caption').textContent()).toContain('第 2/');
      await page.getByRole('textbox', { name: '标题' }).fill('低保');
      await page.getByRole('button', { name: '筛选' }).click();
      await page.waitForURL(/q=%E4%BD%8E%E4%BF%9D/);
      expect(await page.locator('caption').textContent()).toContain('标题含“低保”');
      await shot('list-filtered');

      await page.getByRole('link', { name: '检索同义词' }).click();
      await page.waitForURL(`${base}/workbench/disclosure/synonyms`);
      await page.getByLabel('简称').fill(`双拥${width}`);
      await page.getByLabel('全称').fill('拥军优属拥政爱民');
      await page.getByRole('button', { name: '添加' }).click();
      await page.waitForURL(`${base}/workbench/disclosure/synonyms?done=added`);
      expect(await page.getByRole('status').textContent()).toContain('同义词已添加');
      expect(await page.getByRole('cell', { name: `双拥${width}`, exact: true }).count()).toBe(1);
      await shot('synonyms');

      const granted = await site()
        .database.db.selectFrom('applications')
        .select('id')
        .where('outcome', '=', 'granted')
        .orderBy('id')
        .executeTakeFirst();
      expect(granted, 'the demo has a granted application').toBeDefined();
      await page.goto(`${base}/workbench/applications/${granted?.id}`);
      await page.getByRole('link', { name: '转为主动公开' }).click();
      await page.waitForURL(`${base}/workbench/applications/${granted?.id}/release-to-all`);
      await shot('release');
      await context.close();
    }, 60_000);
  }
});
