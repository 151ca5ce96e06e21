import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../src/orgs/demo.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { CHROMIUM, checkPage, hasChromium } from './support/browser.ts';
import { openPage, useDemoSite } from './support/demo-site.ts';

/**
 * Publishing in a real browser (Debian's Chromium): the demo admin, who holds every role,
 * drafts an item on the workbench, attaches a PDF, sends it to 保密审查, records the review,
 * approves and publishes it; a reader then finds it through the portal search and reads it.
 * Every page is checked with axe-core (no serious or critical finding), without console
 * errors, and photographed into GONGKAI_SCREENSHOTS (default: the temp dir).
 */
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
// A word no demo item holds, so that the search finds this one item.
const TITLE = '鼓楼区2024年冬季取暖补贴发放办法';

if (!hasChromium) it.skip(`browser tests: ${CHROMIUM} is not installed`, () => {});

describe.runIf(hasChromium)('publishing in the browser', () => {
  const site = useDemoSite();
  let browser: Browser;
  let base: string;
  let admin: DemoAccount;
  beforeAll(() => {
    ({ browser, base, admin } = site());
  });

  for (const width of [1280, 375]) {
    it(`publishes an item on the workbench and finds it on the portal at ${width} px`, async () => {
      const { context, page, problems } = await openPage(browser, width);
      const shot = (name: string) => checkPage(page, `disclosure-${name}-${width}`, problems);
      const title = `${TITLE}（${width}）`;

      await page.goto(`${base}/workbench/login`);
      await page.getByLabel('用户名').fill(admin.username);
      await page.getByLabel('密码').fill(admin.password);
      await Promise.all([
        page.waitForURL(`${base}/workbench`),
        page.getByRole('button', { name: '登录', exact: true }).click(),
      ]);
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '主动公开' }).click();
      await page.waitForURL(`${base}/workbench/disclosure`);
      await shot('list');

      await page.getByRole('link', { name: '新建信息' }).click();
      await page.waitForURL(`${base}/workbench/disclosure/new`);
      await shot('new');
      await page.getByLabel('公开机关').selectOption({ label: '鼓楼区人民政府' });
      await page.getByLabel('标题').fill(title);
      await page
        .getByLabel('正文')
        .fill('<h2>一、补贴对象</h2><p>城乡低保对象和特困供养人员。</p><script>alert(1)</script>');
      await page.getByLabel('文号').fill('鼓政办〔2024〕66号');
      await page.getByLabel('成文日期').fill(beijingDate(new Date().toISOString()));
      await page.getByLabel('重点领域').fill('社会救助');
      await page.getByLabel('文件类型').selectOption('normative');
      await page.getByRole('button', { name: '保存草稿', exact: true }).click();
      await page.waitForURL(/\/workbench\/disclosure\/\d+\?done=created$/);
      const itemPath = new URL(page.url()).pathname;
      expect(await page.getByRole('status').textContent()).toContain('草稿已保存');
      await shot('draft');

      await page
        .getByLabel('上传附件')
        .setInputFiles({ name: '补贴发放办法.pdf', mimeType: 'application/pdf', buffer: PDF });
      await page.getByRole('button', { name: '上传', exact: true }).click();
      await page.waitForURL(`${base}${itemPath}?done=attached`);
      expect(await page.getByRole('cell', { name: '补贴发放办法.pdf' }).count()).toBe(1);

      await page.getByRole('button', { name: '送保密审查', exact: true }).click();
      await page.waitForURL(`${base}${itemPath}?done=requested`);
      await page.getByLabel('保密审查结果').selectOption('cleared');
      await page.getByLabel('审查人').fill('王审查');
      await shot('review');
      await page.getByRole('button', { name: '记录审查结果', exact: true }).click();
      await page.waitForURL(`${base}${itemPath}?done=reviewed`);
      await page.getByLabel('审批意见').selectOption('approve');
      await page.getByRole('button', { name: '提交审批意见', exact: true }).click();
      await page.waitForURL(`${base}${itemPath}?done=approved`);
      await page.getByRole('button', { name: '发布', exact: true }).click();
      await page.waitForURL(`${base}${itemPath}?done=published`);
      expect(await page.getByRole('status').textContent()).toContain('已发布到政府门户网站');
      await shot('published');

      // A reader: no session.
      const reader = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
      const portal = await reader.newPage();
      portal.on('pageerror', (e) => problems.push(e.message));
      await portal.goto(`${base}/search`);
      await portal.getByLabel('检索词').fill(`取暖补贴 ${width}`);
      await portal.getByRole('button', { name: '检索', exact: true }).click();
      await portal.waitForURL(/\/search\?/);
      await checkPage(portal, `disclosure-search-${width}`, problems);
      await Promise.all([
        portal.waitForURL(/\/agencies\/\d+\/items\/\d+$/),
        portal.getByRole('link', { name: title }).click(),
      ]);
      expect(await portal.getByRole('heading', { level: 1 }).textContent()).toBe(title);
      expect(await portal.locator('.item-body').textContent()).toContain('城乡低保对象和特困供养人员。');
      expect(await portal.getByRole('link', { name: '补贴发放办法.pdf' }).count()).toBe(1);
      expect(await portal.locator('.item-body script').count()).toBe(0);
      await checkPage(portal, `disclosure-item-${width}`, problems);
      await reader.close();
      await context.close();
    }, 60_000);
  }
});
