import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { lateDraftCutoff, pageWorkbenchItems } from '../../src/disclosure/list-workbench-items.ts';
import { isLate } from '../../src/disclosure/publication-deadline.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const START = Date.parse('2026-01-05T02:00:00Z');

/** The item ids of a list page, in order. */
const idsOn = (body: string): number[] =>
  [...body.matchAll(/<a href="\/workbench\/disclosure\/(\d+)">/g)].map((m) => Number(m[1]));

describe.each(testDatabases())('paging the workbench list of items ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let viewer: Browser;
  const drafts: number[] = [];
  const published: number[] = [];
  let late: { draft: number; published: number; onTime: number };

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    // 110 items changed one minute apart, the newest last: 81 drafts, 29 published.
    for (let i = 0; i < 110; i++) {
      const now = new Date(START + i * 60_000);
      const item = await createItem(t.database.db, {
        agencyId: h.gulou.id,
        input: { title: `${i % 2 === 0 ? '救助' : '就业'}通知第${i}号`, bodyHtml: '<p>正文</p>' },
        actor: TEST_ACTOR,
        now,
      });
      if (i % 11 === 0 || i >= 90) {
        await publishItem(t.database.db, { itemId: item.id, actor: TEST_ACTOR, now, skipReview: true });
        published.push(item.id);
      } else drafts.push(item.id);
    }
    await createItem(t.database.db, {
      agencyId: h.other.id,
      input: { title: '龙亭区的草稿' },
      actor: TEST_ACTOR,
      now: new Date(START),
    });
    const dated = async (title: string, madeOn: string, publishedOn: string | null) => {
      const now = new Date(START - 86_400_000);
      const item = await createItem(t.database.db, {
        agencyId: h.gulou.id,
        input: { title, bodyHtml: '<p>正文</p>', madeOn },
        actor: TEST_ACTOR,
        now,
      });
      if (publishedOn !== null)
        await publishItem(t.database.db, {
          itemId: item.id,
          actor: TEST_ACTOR,
          now,
          publishedOn,
          skipReview: true,
        });
      return item.id;
    };
    // The three were changed at the same moment, before the others: they come last, newest id first.
    late = {
      draft: await dated('逾期未公开的草稿', '2020-01-02', null),
      published: await dated('逾期才公开的通知', '2020-01-02', '2020-06-01'),
      onTime: await dated('按时公开的通知', '2020-01-02', '2020-01-10'),
    };
  });
  afterAll(() => t.close());

  it('pages the whole list, newest change first, with page links', async () => {
    const newestFirst = [...drafts, ...published].sort((a, b) => b - a);
    const first = await getPage(t.app, '/workbench/disclosure', viewer);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('全部信息（共 113 条，第 1/3 页）');
    expect(idsOn(first.body)).toEqual(newestFirst.slice(0, 50));
    expect(first.body).toContain('<a href="/workbench/disclosure?page=2" rel="next">下一页</a>');
    expect(first.body).not.toContain('rel="prev"');
    expect(first.body).not.toContain('龙亭区的草稿');

    const second = await getPage(t.app, '/workbench/disclosure?page=2', viewer);
    expect(idsOn(second.body)).toEqual(newestFirst.slice(50, 100));
    expect(second.body).toContain('<a href="/workbench/disclosure" rel="prev">上一页</a>');
    expect(second.body).toContain('<a href="/workbench/disclosure?page=3" rel="next">下一页</a>');
    const third = await getPage(t.app, '/workbench/disclosure?page=3', viewer);
    expect(idsOn(third.body)).toEqual([...newestFirst.slice(100), late.onTime, late.published, late.draft]);
    expect(third.body).not.toContain('rel="next"');
    // A page beyond the end is empty, not an error; a page that is not a number is the first.
    expect(idsOn((await getPage(t.app, '/workbench/disclosure?page=9', viewer)).body)).toEqual([]);
    expect(idsOn((await getPage(t.app, '/workbench/disclosure?page=x', viewer)).body)).toEqual(
      newestFirst.slice(0, 50),
    );
  });

  it('filters by stage and title words, the page links keeping the filters', async () => {
    const stage = await getPage(t.app, '/workbench/disclosure?stage=published', viewer);
    expect(stage.body).toContain('已发布（共 31 条）');
    expect(stage.body).toContain(
      '<a href="/workbench/disclosure?stage=published" aria-current="page">已发布</a>',
    );
    expect(idsOn(stage.body)).toEqual([...published.sort((a, b) => b - a), late.onTime, late.published]);

    const words = await getPage(
      t.app,
      `/workbench/disclosure?stage=draft&q=${encodeURIComponent('救助')}`,
      viewer,
    );
    expect(words.body).toContain('草稿·标题含“救助”（共 ');
    const shown = idsOn(words.body);
    expect(shown.length).toBeGreaterThan(30);
    expect(shown.every((id) => drafts.includes(id))).toBe(true);
    expect(words.body).not.toContain('就业通知');
    // The stage tabs keep the title words.
    expect(words.body).toContain(
      `href="/workbench/disclosure?stage=published&amp;q=${encodeURIComponent('救助')}"`,
    );

    const wide = await getPage(t.app, `/workbench/disclosure?q=${encodeURIComponent('通知第')}`, viewer);
    expect(wide.body).toContain('全部信息·标题含“通知第”（共 110 条，第 1/3 页）');
    expect(wide.body).toContain(
      `href="/workbench/disclosure?q=${encodeURIComponent('通知第')}&amp;page=2" rel="next"`,
    );
    // LIKE's wildcards are taken as text.
    expect(idsOn((await getPage(t.app, '/workbench/disclosure?q=%25', viewer)).body)).toEqual([]);
  });

  it('finds the late items, drafts past their deadline and items published after it', async () => {
    const res = await getPage(t.app, '/workbench/disclosure?late=1', viewer);
    expect(res.body).toContain('全部信息·逾期（共 2 条）');
    expect(idsOn(res.body)).toEqual([late.published, late.draft]);
    const calendar = await loadCalendar(t.database.db);
    const today = '2026-11-27';
    const cutoff = lateDraftCutoff(today, calendar);
    // The cutoff is the first day whose deadline is not yet past.
    expect(calendar.addWorkingDays(cutoff, 20) >= today).toBe(true);
    const before = new Date(Date.parse(`${cutoff}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect(calendar.addWorkingDays(before, 20) < today).toBe(true);
    const page = await pageWorkbenchItems(t.database.db, {
      agencyIds: [h.gulou.id],
      late: { today, calendar },
      pageSize: 1,
      page: 2,
    });
    expect(page.total).toBe(2);
    expect(page.rows.map((r) => r.id)).toEqual([late.draft]);
    expect(page.rows.every((r) => isLate(r, today, calendar))).toBe(true);
  });
});
