import { describe, expect, it } from 'vitest';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { PortalReads } from '../../src/web/plugins/portal-reads.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { makeHierarchy } from './support/hierarchy.ts';
import { loginThroughForm, openTestApp } from './support/web-app.ts';

describe('PortalReads', () => {
  it('keeps a read for its time to live, then reads again', async () => {
    let now = 0;
    let reads = 0;
    const memo = new PortalReads(1000, 10, () => now);
    const read = async () => ++reads;
    expect(await memo.get('k', read)).toBe(1);
    now = 999;
    expect(await memo.get('k', read)).toBe(1);
    now = 1000;
    expect(await memo.get('k', read)).toBe(2);
    expect(await memo.get('other', read)).toBe(3);
    memo.clear();
    expect(await memo.get('k', read)).toBe(4);
  });

  it('shares one read between readers asking at once, and keeps no failure', async () => {
    const memo = new PortalReads(1000);
    let reads = 0;
    let fail = true;
    const read = async () => {
      reads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      if (fail) throw new Error('数据库忙');
      return reads;
    };
    const both = await Promise.allSettled([memo.get('k', read), memo.get('k', read)]);
    expect(both.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(reads).toBe(1);
    fail = false;
    expect(await memo.get('k', read)).toBe(2);
  });

  it('reads every time when the page cache is off, and stays within its number of entries', async () => {
    let reads = 0;
    const read = async () => ++reads;
    const off = new PortalReads(0);
    await off.get('k', read);
    await off.get('k', read);
    expect(reads).toBe(2);
    const small = new PortalReads(1000, 2);
    await small.get('a', read);
    await small.get('b', read);
    await small.get('c', read); // over the bound: emptied, then c kept
    expect(await small.get('c', read)).toBe(5);
    expect(await small.get('a', read)).toBe(6);
  });
});

const [sqlite] = testDatabases();

describe('the portal reads in the app', () => {
  it('share a catalogue count and a search between pages until a write through the app', async () => {
    if (!sqlite) throw new Error('SQLite is always there');
    const { app, database, close } = await openTestApp(sqlite, { PORTAL_CACHE_SECONDS: '60' });
    try {
      const db = database.db;
      const { gulou, staff } = await makeHierarchy(db);
      const opts = { actor: TEST_ACTOR, now: new Date('2024-12-20T02:00:00Z') };
      const publish = async (title: string) => {
        const item = await createItem(db, {
          agencyId: gulou.id,
          input: { title, bodyHtml: `<p>${title}的正文</p>` },
          ...opts,
        });
        await publishItem(db, { itemId: item.id, publishedOn: '2024-12-20', skipReview: true, ...opts });
      };
      await publish('关于低保资金发放的通知');
      await publish('关于供暖工作的通知');
      const catalogue = `/agencies/${gulou.id}/catalogue`;
      const search = `/search?q=${encodeURIComponent('通知')}`;
      expect((await app.inject(catalogue)).body).toContain('共 2 条');
      expect((await app.inject(search)).body).toContain('共找到 2 条');

      // Published behind the app's back (as a command beside the server would): other pages of
      // the same filter and the same words reuse what was read, within the time to live.
      await publish('关于义务教育招生的通知');
      expect((await app.inject(`${catalogue}?sort=title`)).body).toContain('共 2 条');
      expect((await app.inject(`${search}+`)).body).toContain('共找到 2 条');

      // A write through the app empties them with the pages.
      const posted = await loginThroughForm(app, staff.admin);
      expect(posted.statusCode).toBe(303);
      expect((await app.inject(`${catalogue}?sort=oldest`)).body).toContain('共 3 条');
      const fresh = (await app.inject(`${search}+%20`)).body;
      expect(fresh).toContain('共找到 3 条');
      expect(fresh).toContain('义务教育');
    } finally {
      await close();
    }
  });
});
