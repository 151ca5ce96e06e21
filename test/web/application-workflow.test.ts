import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApplication } from '../../src/applications/application.repository.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { releaseToAll } from '../../src/disclosure/release-to-all.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const today = () => beijingDate(new Date().toISOString());

const form = (overrides: Record<string, string> = {}) => ({
  channel: 'letter',
  arrivedOn: today(),
  receivedOn: today(),
  applicantType: 'natural',
  applicantName: '王小明',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '鼓楼区2025年老旧小区改造项目清单',
  formWanted: 'electronic',
  ...overrides,
});

describe.each(testDatabases())('routing, deciding and delivering in the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let registrar: Browser;
  let handler: Browser;
  let approver: Browser;
  let eduAdmin: Browser;
  let id: number;

  const submit = async (overrides: Record<string, string> = {}) =>
    (
      await submitApplication(t.database.db, {
        agencyId: h.gulou.id,
        input: form(overrides),
        actor: TEST_ACTOR,
        now: new Date(),
      })
    ).id;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    registrar = await sessionFor(t.database, h.staff.registrar.user.id);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    approver = await sessionFor(t.database, h.staff.approver.user.id);
    eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    await t.database.db
      .updateTable('agencies')
      .set({ decisions_need_approval: 1 })
      .where('id', '=', h.gulou.id)
      .execute();
    id = await submit({ description: '=HYPERLINK("http://evil.example")' });
  });
  afterAll(() => t.close());

  it('routes the application to a department, whose staff then see it, and adds a co-handler', async () => {
    expect((await getPage(t.app, `/workbench/applications/${id}`, eduAdmin)).statusCode).toBe(404);
    const formPage = await getPage(t.app, `/workbench/applications/${id}/assign`, registrar);
    expect(formPage.statusCode).toBe(200);
    expect(formPage.body).toContain('鼓楼区教育局');
    expect(formPage.body).toContain('教育局管理员（鼓楼区教育局）');
    const refused = await postForm(t.app, `/workbench/applications/${id}/assign`, registrar, {
      handlingAgencyId: String(h.other.id),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('须为受理机关本身或其下属部门');
    const res = await postForm(t.app, `/workbench/applications/${id}/assign`, registrar, {
      handlingAgencyId: String(h.edu.id),
      handlerUserId: String(h.eduAdmin.user.id),
    });
    expect(res.statusCode).toBe(303);
    const detail = await getPage(t.app, `/workbench/applications/${id}?done=assign`, eduAdmin);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('已分办。');
    expect(detail.body).toContain('交鼓楼区教育局承办，承办人教育局管理员');
    const mine = await getPage(t.app, '/workbench/applications?handler=me', eduAdmin);
    expect(mine.body).toContain(`/workbench/applications/${id}"`);

    const finance = await makeAgency(t.database.db, {
      name: '鼓楼区财政局',
      parentId: h.gulou.id,
      kind: 'department',
    });
    expect(
      (
        await postForm(t.app, `/workbench/applications/${id}/co-handlers`, registrar, {
          agencyId: String(finance.id),
        })
      ).statusCode,
    ).toBe(303);
    expect((await getPage(t.app, `/workbench/applications/${id}`, registrar)).body).toContain('鼓楼区财政局');
  });

  it('needs a confidentiality review before a grant, then the approver, then the delivery', async () => {
    const early = await postForm(t.app, `/workbench/applications/${id}/decision`, handler, {
      outcome: 'granted',
      date: today(),
    });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('公开政府信息前须先完成保密审查');
    expect(
      (
        await postForm(t.app, `/workbench/applications/${id}/secrecy-review`, handler, {
          result: 'cleared',
          date: today(),
          reviewer: '保密员赵六',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (
        await postForm(t.app, `/workbench/applications/${id}/decision`, handler, {
          outcome: 'granted',
          date: today(),
        })
      ).statusCode,
    ).toBe(303);
    expect((await findApplication(t.database.db, id))?.stage).toBe('awaitingApproval');
    const queue = await getPage(t.app, '/workbench/applications?queue=awaitingApproval', approver);
    expect(queue.body).toContain(`/workbench/applications/${id}"`);
    // The handler cannot approve their own proposal.
    expect(
      (await postForm(t.app, `/workbench/applications/${id}/approval`, handler, { verdict: 'approve' }))
        .statusCode,
    ).toBe(403);
    const approval = await getPage(t.app, `/workbench/applications/${id}/approval`, approver);
    expect(approval.body).toContain('拟办意见：<strong>予以公开</strong>');
    expect(
      (await postForm(t.app, `/workbench/applications/${id}/approval`, approver, { verdict: 'approve' }))
        .statusCode,
    ).toBe(303);
    const decided = await findApplication(t.database.db, id);
    expect([decided?.stage, decided?.outcome]).toEqual(['decided', 'granted']);

    const second = await postForm(t.app, `/workbench/applications/${id}/decision`, handler, {
      outcome: 'unable.notHeld',
      date: today(),
    });
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('每件申请只能有一个办理结果');
    expect((await getPage(t.app, `/workbench/applications/${id}/decision`, handler)).statusCode).toBe(409);

    const noProof = await postForm(t.app, `/workbench/applications/${id}/delivery`, registrar, {
      method: 'email',
      date: today(),
    });
    expect(noProof.statusCode).toBe(400);
    expect(noProof.body).toContain('请填写送达凭证');
    expect(
      (
        await postForm(t.app, `/workbench/applications/${id}/delivery`, registrar, {
          method: 'email',
          date: today(),
          proof: '发件记录 wxm@example.com',
        })
      ).statusCode,
    ).toBe(303);
    // Released to one, released to all (Art. 44): the item made from it is linked on its page.
    const item = await releaseToAll(t.database.db, {
      applicationId: id,
      input: { title: '鼓楼区老旧小区改造项目清单', bodyHtml: '<p>清单见附件。</p>' },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const closed = await getPage(t.app, `/workbench/applications/${id}`, registrar);
    expect(closed.body).toContain('据此主动公开的信息');
    expect(closed.body).toContain(`/workbench/disclosure/${item.id}"`);
    expect(closed.body).toContain('已办结（予以公开）');
    expect(closed.body).toContain('电子邮件送达，凭证：发件记录 wxm@example.com');
    // Nothing is left to do: no action links, no clock form.
    expect(closed.body).not.toContain('记录办理事件');
    expect(closed.body).not.toContain(`/workbench/applications/${id}/delivery`);
  });

  it('exports a queue as CSV with personal data masked and formulas neutralised', async () => {
    const res = await getPage(t.app, '/workbench/applications/export.csv?queue=closed', registrar);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(String(res.headers['content-disposition'])).toContain("filename*=UTF-8''");
    expect(res.body.startsWith('\uFEFF"申请编号"')).toBe(true);
    expect(res.body).not.toContain('王小明');
    expect(res.body).toContain('"王**"');
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(res.body).not.toContain('11010519491231002X');
  });

  it('searches, filters and pages the queue', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 52; i++)
      ids.push(await submit({ applicantName: `分页${i}`, description: `第${i}号材料` }));
    await submit({ applicantName: '欧阳娜娜', channel: 'email', description: '城市绿化养护合同' });
    const first = await getPage(t.app, '/workbench/applications', registrar);
    expect(first.body).toMatch(/共 5\d 件，第 1\/2 页/);
    expect(first.body).toContain('rel="next"');
    const second = await getPage(t.app, '/workbench/applications?page=2', registrar);
    expect(second.body).toContain('rel="prev"');
    const found = await getPage(
      t.app,
      `/workbench/applications?q=${encodeURIComponent('绿化养护')}`,
      registrar,
    );
    expect(found.body).toContain('欧阳娜娜');
    expect(found.body).toContain('共 1 件');
    const byChannel = await getPage(t.app, '/workbench/applications?channel=email', registrar);
    expect(byChannel.body).toContain('共 1 件');
    // A LIKE wildcard typed in the search matches itself only.
    expect((await getPage(t.app, '/workbench/applications?q=%25', registrar)).body).toContain('共 0 件');
  });

  it('shows earlier applications for the same information on the application page', async () => {
    const first = await submit({ description: '鼓楼区2024年度公共租赁住房分配名单' });
    const again = await submit({ description: '鼓楼区2024年度公共租赁住房的分配名单' });
    const page = await getPage(t.app, `/workbench/applications/${again}`, registrar);
    expect(page.body).toContain('相似的既往申请');
    expect(page.body).toContain(`/workbench/applications/${first}"`);
    expect(page.body).toContain('同一申请人');
  });

  it('lets the admin set how the agency works its applications', async () => {
    const admin = await sessionFor(t.database, h.staff.admin.user.id);
    const page = await getPage(t.app, `/workbench/agencies/${h.edu.id}`, admin);
    expect(page.body).toContain('答复决定须负责人审批');
    // The agency's other pages are one click away.
    for (const path of ['catalogue', 'guide'])
      expect(page.body).toContain(`/workbench/agencies/${h.edu.id}/${path}"`);
    expect(page.body).toMatch(new RegExp(`/workbench/agencies/${h.edu.id}/registers/\\d{4}"`));
    const res = await postForm(t.app, `/workbench/agencies/${h.edu.id}`, admin, {
      name: h.edu.name,
      kind: h.edu.kind,
      level: h.edu.level,
      decisionsNeedApproval: '1',
      feePausesClock: '0',
    });
    expect(res.statusCode).toBe(303);
    const row = await t.database.db
      .selectFrom('agencies')
      .select(['decisions_need_approval', 'fee_pauses_clock'])
      .where('id', '=', h.edu.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ decisions_need_approval: 1, fee_pauses_clock: 0 });
    const bad = await postForm(t.app, `/workbench/agencies/${h.edu.id}`, admin, {
      name: h.edu.name,
      kind: h.edu.kind,
      level: h.edu.level,
      feePausesClock: 'maybe',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('请选择收费期间是否计入答复期限');
  });
});
