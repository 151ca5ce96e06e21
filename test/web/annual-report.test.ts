import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { insertApplication } from '../reports/compile/records.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

/** The `name="key"` values of the editor's error findings (the acknowledge forms). */
const errorFindingKeys = (html: string): string[] =>
  [...html.matchAll(/<li class="finding finding--error">([\s\S]*?)<\/li>/g)].flatMap((m) => {
    const key = /name="key" value="([^"]+)"/.exec(m[1] ?? '')?.[1];
    return key === undefined ? [] : [key.replace(/&amp;/g, '&').replace(/&quot;/g, '"')];
  });

/**
 * Issue 6, items 3–4 over HTTP: the annual report on the workbench (create, narrative,
 * findings, submit, approve/return, publish, the records behind a cell), on the portal (only
 * published reports), and the statutory-day reminder on the workbench home.
 */
describe.each(testDatabases())('the annual report on the workbench and the portal ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let publisher: Browser;
  let approver: Browser;
  let viewer: Browser;
  let eduAdmin: Browser;
  let reportId: number;
  let draftId: number;
  const tracking: Record<string, string> = {};

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    approver = await sessionFor(t.database, h.staff.approver.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    const db = t.database.db;
    // 2024, 鼓楼区人民政府: two new (one decided in the year, one still open), one carried from 2023.
    tracking.granted = (
      await insertApplication(db, {
        agencyId: h.gulou.id,
        receivedOn: '2024-03-01',
        history: [{ type: 'decided', date: '2024-03-20', outcome: 'granted' }],
      })
    ).trackingNumber;
    tracking.open = (
      await insertApplication(db, { agencyId: h.gulou.id, type: 'commercial', receivedOn: '2024-06-01' })
    ).trackingNumber;
    tracking.carried = (
      await insertApplication(db, {
        agencyId: h.gulou.id,
        receivedOn: '2023-11-20',
        history: [{ type: 'decided', date: '2024-01-10', outcome: 'granted' }],
      })
    ).trackingNumber;
    // Another agency's application in the year: never in 鼓楼区's report.
    tracking.edu = (
      await insertApplication(db, { agencyId: h.edu.id, receivedOn: '2024-05-01' })
    ).trackingNumber;
  });
  afterAll(() => t.close());
  afterEach(() => {
    vi.useRealTimers();
  });

  const editor = (id: number) => `/workbench/reports/${id}`;
  const statusOf = async (id: number) =>
    (
      await t.database.db
        .selectFrom('annual_reports')
        .select(['status', 'published_late'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    ).status;

  it('creates a report for a year, and refuses a bad or duplicate year with a Chinese message naming the field', async () => {
    const create = (browser: Browser, year: string) =>
      postForm(t.app, '/workbench/reports', browser, { agencyId: String(h.gulou.id), year });
    for (const [year, message] of [
      ['二〇二四', '报告年度应为四位数的年份'],
      ['2007', '报告年度不能早于 2008 年'],
      ['9999', '报告年度不能晚于今年'],
    ] as const) {
      const refused = await create(publisher, year);
      expect(refused.statusCode, year).toBe(400);
      expect(refused.body).toContain('提交的内容有 1 处需要修改');
      expect(refused.body).toContain(message);
      expect(refused.body).toContain('href="#field-year"');
      expect(refused.body).toContain(`value="${year}"`);
    }
    expect(await t.database.db.selectFrom('annual_reports').select('id').execute()).toEqual([]);

    const created = await create(publisher, '2024');
    expect(created.statusCode).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/workbench\/reports\/\d+\?done=created$/);
    reportId = Number(/\/reports\/(\d+)/.exec(location)?.[1]);
    const page = await getPage(t.app, location, publisher);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('鼓楼区人民政府2024年政府信息公开工作年度报告');
    expect(page.body).toContain('年度报告已建立，表格数据按现有记录统计。');
    expect(page.body).toContain('草稿');
    expect(page.body).toContain('2025-03-31');

    const duplicate = await create(publisher, '2024');
    expect(duplicate.statusCode).toBe(400);
    expect(duplicate.body).toContain('鼓楼区人民政府2024年度报告已经建立，请在列表中打开它。');
    expect(duplicate.body).toContain('href="#field-year"');
    expect(
      await t.database.db
        .selectFrom('annual_reports')
        .select('id')
        .where('agency_id', '=', h.gulou.id)
        .execute(),
    ).toHaveLength(1);

    // Only the agency's publishers create one.
    expect((await create(approver, '2023')).statusCode).toBe(403);
    expect((await create(viewer, '2023')).statusCode).toBe(403);
    // A draft for 2023 that is never published (the portal must not show it).
    const draft = await create(publisher, '2023');
    expect(draft.statusCode).toBe(303);
    draftId = Number(/\/reports\/(\d+)/.exec(draft.headers.location as string)?.[1]);

    const list = await getPage(t.app, `/workbench/reports?agencyId=${h.gulou.id}`, publisher);
    expect(list.body).toContain(`href="/workbench/reports/${reportId}"`);
    expect(list.body).toContain(`href="/workbench/reports/${draftId}"`);
    // Without the CSRF token nothing is created.
    const forged = await postForm(
      t.app,
      '/workbench/reports',
      publisher,
      { agencyId: String(h.gulou.id), year: '2022' },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
  });

  it('saves the narrative with its placeholders resolved in the page, and refuses an unknown placeholder', async () => {
    const template = '本机关高度重视依申请公开工作。{{applications}}新收{{s3.new.total}}件均已登记。';
    const saved = await postForm(t.app, `${editor(reportId)}/narrative`, publisher, {
      section1: '一年来，本机关认真贯彻《条例》。',
      section3: template,
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`${editor(reportId)}?done=saved`);
    const page = await getPage(t.app, saved.headers.location as string, publisher);
    expect(page.body).toContain('正文已保存。');
    // The textarea keeps the template; the preview shows the sentences made from the figures.
    expect(page.body).toContain(template);
    expect(page.body).toContain(
      '全年共收到政府信息公开申请2件，其中自然人1件，法人或其他组织1件（商业企业1件）；上年结转1件。',
    );
    expect(page.body).toContain('<span>新收</span><mark class="generated">2</mark><span>件均已登记。</span>');

    const refused = await postForm(t.app, `${editor(reportId)}/narrative`, publisher, {
      section3: template,
      section5: '本年度无{{nonsense}}。',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('第五部分的正文有无法识别的占位符：{{nonsense}}');
    expect(refused.body).toContain('field field--error');
    // The clerk's text is shown again as typed, and nothing was saved.
    expect(refused.body).toContain('本年度无{{nonsense}}。');
    const stored = await t.database.db
      .selectFrom('annual_reports')
      .select('narrative_json')
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(stored.narrative_json).not.toContain('nonsense');
    expect(stored.narrative_json).toContain('一年来，本机关认真贯彻');

    // Someone who does not write the report cannot save it.
    expect(
      (await postForm(t.app, `${editor(reportId)}/narrative`, approver, { section1: 'x' })).statusCode,
    ).toBe(403);
  });

  it('blocks submission on an unexplained error finding, shows why, and submits once it is acknowledged', async () => {
    // A record whose decision date is set without an outcome: counted as new, in no outcome row
    // and not carried forward, so section 三 does not balance (S3-BALANCE, an error).
    const broken = await insertApplication(t.database.db, {
      agencyId: h.gulou.id,
      receivedOn: '2024-08-01',
      history: [{ type: 'decided', date: '2024-09-01', outcome: 'granted' }],
    });
    tracking.broken = broken.trackingNumber;
    await t.database.db
      .updateTable('applications')
      .set({ outcome: null })
      .where('id', '=', broken.id)
      .execute();

    const before = await getPage(t.app, editor(reportId), publisher);
    const keys = errorFindingKeys(before.body);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('S3-BALANCE'))).toBe(true);

    const blocked = await postForm(t.app, `${editor(reportId)}/submit`, publisher);
    expect(blocked.statusCode).toBe(400);
    expect(blocked.body).toMatch(/报告有 \d+ 个错误尚未说明，不能提交：/);
    expect(blocked.body).toContain('请更正记录，或在校验提示下写明原因。');
    expect(await statusOf(reportId)).toBe('draft');

    const stale = await postForm(t.app, `${editor(reportId)}/acknowledge`, publisher, {
      key: 'NO-SUCH-RULE|s3.new.total',
      explanation: '说明',
    });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('该校验提示已不存在，请刷新页面');

    const explanation = '一件申请的答复结果登记有误，已报系统管理员更正。';
    for (const key of keys) {
      const acknowledged = await postForm(t.app, `${editor(reportId)}/acknowledge`, publisher, {
        key,
        explanation,
      });
      expect(acknowledged.statusCode).toBe(303);
      expect(acknowledged.headers.location).toBe(`${editor(reportId)}?done=acknowledged`);
    }
    const after = await getPage(t.app, `${editor(reportId)}?done=acknowledged`, publisher);
    expect(after.body).toContain('说明已保存。');
    expect(after.body).toContain(`已说明（将作为脚注印出）：${explanation}`);

    const submitted = await postForm(t.app, `${editor(reportId)}/submit`, publisher);
    expect(submitted.statusCode).toBe(303);
    expect(submitted.headers.location).toBe(`${editor(reportId)}?done=submitted`);
    expect(await statusOf(reportId)).toBe('submitted');
    const locked = await getPage(t.app, submitted.headers.location as string, publisher);
    expect(locked.body).toContain('报告已提交，表格数据已锁定，等待负责人审核。');
    expect(locked.body).toContain('表格数据（已锁定）');
  });

  it('lets only the approver approve or return, and only the publisher publish', async () => {
    // The publisher's page offers no approval; the approver's does.
    expect((await getPage(t.app, editor(reportId), publisher)).body).not.toContain(
      `${editor(reportId)}/approve`,
    );
    expect((await getPage(t.app, editor(reportId), approver)).body).toContain(`${editor(reportId)}/approve`);

    expect((await postForm(t.app, `${editor(reportId)}/approve`, publisher)).statusCode).toBe(403);
    expect((await postForm(t.app, `${editor(reportId)}/approve`, viewer)).statusCode).toBe(403);
    expect(
      (await postForm(t.app, `${editor(reportId)}/return`, publisher, { reason: '自行退回' })).statusCode,
    ).toBe(403);
    expect(await statusOf(reportId)).toBe('submitted');

    const noReason = await postForm(t.app, `${editor(reportId)}/return`, approver, { reason: '  ' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.body).toContain('请填写退回理由');
    const returned = await postForm(t.app, `${editor(reportId)}/return`, approver, {
      reason: '请补充第五部分',
    });
    expect(returned.statusCode).toBe(303);
    expect(returned.headers.location).toBe(`${editor(reportId)}?done=returned`);
    const draft = await getPage(t.app, editor(reportId), publisher);
    expect(draft.body).toContain('请补充第五部分');
    expect(draft.body).toContain('表格数据（按现有记录实时统计）');
    expect(await statusOf(reportId)).toBe('draft');
    // Approving a draft is refused on the page, not as an error.
    const early = await postForm(t.app, `${editor(reportId)}/approve`, approver);
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('报告当前状态为“草稿”，不能办理此操作。');

    expect((await postForm(t.app, `${editor(reportId)}/submit`, approver)).statusCode).toBe(403);
    expect((await postForm(t.app, `${editor(reportId)}/submit`, publisher)).statusCode).toBe(303);
    const approved = await postForm(t.app, `${editor(reportId)}/approve`, approver);
    expect(approved.statusCode).toBe(303);
    expect(approved.headers.location).toBe(`${editor(reportId)}?done=approved`);
    expect(await statusOf(reportId)).toBe('approved');

    expect((await postForm(t.app, `${editor(reportId)}/publish`, approver)).statusCode).toBe(403);
    const published = await postForm(t.app, `${editor(reportId)}/publish`, publisher);
    expect(published.statusCode).toBe(303);
    // 31 March 2025 has passed: a government's 2024 report published now is late, and says so.
    expect(published.headers.location).toBe(`${editor(reportId)}?done=late`);
    const row = await t.database.db
      .selectFrom('annual_reports')
      .select(['status', 'published_late'])
      .where('id', '=', reportId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'published', published_late: 1 });
    expect((await getPage(t.app, `${editor(reportId)}?done=late`, publisher)).body).toContain(
      '已记录为逾期发布',
    );
  });

  it('lists the applications behind a cell by tracking number', async () => {
    const records = (cell: string, browser: Browser = publisher) =>
      getPage(t.app, `${editor(reportId)}/records?cell=${encodeURIComponent(cell)}`, browser);
    const newTotal = await records('s3.new.total');
    expect(newTotal.statusCode).toBe(200);
    for (const n of [tracking.granted, tracking.open, tracking.broken])
      expect(newTotal.body).toContain(`申请 ${n}`);
    for (const n of [tracking.carried, tracking.edu]) expect(newTotal.body).not.toContain(n as string);

    const carried = await records('s3.carried.total');
    expect(carried.body).toContain(`申请 ${tracking.carried}`);
    for (const n of [tracking.granted, tracking.open, tracking.broken])
      expect(carried.body).not.toContain(n as string);

    const commercial = await records('s3.new.commercial', viewer);
    expect(commercial.statusCode).toBe(200);
    expect(commercial.body).toContain(`申请 ${tracking.open}`);
    expect(commercial.body).not.toContain(tracking.granted as string);

    expect((await records('s9.nothing.here')).statusCode).toBe(400);
    expect((await records('s9.nothing.here')).body).toContain('请指明报告的单元格');
    // Another agency's admin does not see 鼓楼区's report at all.
    expect((await records('s3.new.total', eduAdmin)).statusCode).toBe(404);
    expect((await getPage(t.app, editor(reportId), eduAdmin)).statusCode).toBe(404);
  });

  it('shows only published reports on the portal, with their JSON for machines', async () => {
    const base = `/agencies/${h.gulou.id}/reports`;
    const list = await getPage(t.app, base);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="${base}/2024"`);
    expect(list.body).toContain('鼓楼区人民政府2024年政府信息公开工作年度报告');
    expect(list.body).toContain('逾期发布（法定公布期限 2025-03-31）');
    expect(list.body).not.toContain(`${base}/2023`);
    expect(list.body).not.toContain('2023年政府信息公开工作年度报告');

    const page = await getPage(t.app, `${base}/2024`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('本报告表格数据由系统根据登记的记录自动统计');
    expect(page.body).toContain('一年来，本机关认真贯彻《条例》。');
    expect(page.body).toContain('一件申请的答复结果登记有误，已报系统管理员更正。');
    expect(page.body).toContain(`href="${base}/2024/json"`);

    // The 2023 draft is not there in any form; nor is another agency's year.
    for (const url of [
      `${base}/2023`,
      `${base}/2023/json`,
      `${base}/2023/html`,
      `/agencies/${h.edu.id}/reports/2024`,
    ])
      expect((await getPage(t.app, url)).statusCode, url).toBe(404);
    expect(await statusOf(draftId)).toBe('draft');

    const json = await getPage(t.app, `${base}/2024/json`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('json');
    const report = JSON.parse(json.body);
    expect(report.schema).toBe('gongkai.annual-report/1');
    expect(report.year).toBe(2024);
    expect(report.cells['s3.new.total']).toBe(3);
    expect(report.cells['s3.new.natural']).toBe(2);
    expect(report.cells['s3.new.commercial']).toBe(1);
    expect(report.cells['s3.carried.total']).toBe(1);
    expect(report.cells['s3.forward.total']).toBe(1);
  });

  it('reminds the report’s staff on the workbench home from 1 December of the report year', async () => {
    const reminder2030 = '2030年度报告：距法定公布期限（2031-03-31）还有 120 天';
    // The route reads the real clock: fake only Date (timers and I/O run as usual).
    const homeAt = async (iso: string, userId: number) => {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
      const browser = await sessionFor(t.database, userId);
      const page = await getPage(t.app, '/workbench', browser);
      expect(page.statusCode).toBe(200);
      return page.body;
    };
    // 23:59 on 30 November in Beijing: not yet (last year's unpublished report is overdue).
    const november = await homeAt('2030-11-30T15:59:00Z', h.staff.publisher.user.id);
    expect(november).not.toContain('2030年度报告');
    expect(november).toContain('鼓楼区人民政府2029年度报告：已逾期 244 天（法定公布期限 2030-03-31）');
    // 00:00 on 1 December in Beijing.
    const december = await homeAt('2030-11-30T16:00:00Z', h.staff.publisher.user.id);
    expect(december).toContain(`鼓楼区人民政府${reminder2030}`);
    expect(december).toContain(`href="/workbench/reports?agencyId=${h.gulou.id}"`);
    expect(await homeAt('2030-12-01T02:00:00Z', h.staff.approver.user.id)).toContain(reminder2030);
    // Not for staff who neither write nor approve the report.
    expect(await homeAt('2030-12-01T02:00:00Z', h.staff.viewer.user.id)).not.toContain('年度报告：');
    // The department's earlier day (31 January), for its admin.
    expect(await homeAt('2030-12-01T02:00:00Z', h.eduAdmin.user.id)).toContain(
      '鼓楼区教育局2030年度报告：距法定公布期限（2031-01-31）还有 61 天',
    );
    // The report list says the same.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-12-01T02:00:00Z'));
    const list = await getPage(
      t.app,
      `/workbench/reports?agencyId=${h.gulou.id}`,
      await sessionFor(t.database, h.staff.publisher.user.id),
    );
    expect(list.body).toContain(reminder2030);
    // Once the report is published, no more reminder: 2024's was published above.
    const january = await homeAt('2025-01-10T02:00:00Z', h.staff.publisher.user.id);
    expect(january).not.toContain('年度报告：');
  });
});
