import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type { Database } from '../../../src/db/database.ts';
import { type DemoAccount, seedDemo } from '../../../src/orgs/demo.ts';
import { buildApp } from '../../../src/web/app.ts';
import { testDatabases } from '../../support/databases.ts';
import { launchBrowser } from './browser.ts';
import { testConfig } from './web-app.ts';

/** The demo data served on a free port, with one Chromium: what every browser suite starts from. */
export interface DemoSite {
  readonly database: Database;
  readonly app: FastifyInstance;
  readonly browser: Browser;
  readonly base: string;
  readonly accounts: readonly DemoAccount[];
  /** The demo admin, who holds every role. */
  readonly admin: DemoAccount;
}

/**
 * Opens the demo site before the suite's tests and closes it after; call it inside the suite's
 * describe (its hooks run before the suite's own). The accessor is valid inside tests and hooks.
 */
export function useDemoSite(): () => DemoSite {
  let site: DemoSite | undefined;
  let opened: Partial<DemoSite> = {};
  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (sqlite === undefined) throw new Error('no test database');
    const database = await sqlite.open();
    opened = { database };
    const { accounts } = await seedDemo(database.db, { now: new Date() });
    const app = await buildApp({
      config: testConfig({ PORTAL_CACHE_SECONDS: '0' }),
      database,
      logger: false,
    });
    opened = { ...opened, app };
    const base = await app.listen({ host: '127.0.0.1', port: 0 });
    const browser = await launchBrowser();
    const admin = accounts.find((a) => a.username === 'admin') ?? (accounts[0] as DemoAccount);
    site = { database, app, browser, base, accounts, admin };
  }, 120_000);
  afterAll(async () => {
    await site?.browser.close();
    await opened.app?.close();
    await opened.database?.close();
  });
  return () => {
    if (site === undefined) throw new Error('the demo site opens in beforeAll');
    return site;
  };
}

/** A new page `width` px wide (Chinese locale) that collects console and page errors in `problems`. */
export async function openPage(
  browser: Browser,
  width: number,
): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return { context, page, problems };
}
