import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const form = (overrides: Record<string, string> = {}): Record<string, string> => ({
  channel: 'registeredPost',
  arrivedOn: '2024-09-26',
  receivedOn: '2024-09-27',
  applicantType: 'natural',
  applicantName: '张三丰',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '河南省开封市鼓楼区包公湖北路1号',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'paper',
  ...overrides,
});

describe.each(testDatabases())('applications in the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let registrar: Browser;
  let handler: Browser;
  let viewer: Browser;
  /** Received by 鼓楼区人民政府 on 2024-09-27 (a Friday before the National Day holiday). */
  let gulouApp: number;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    registrar = await sessionFor(t.database, h.staff.registrar.user.id);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    gulouApp = (
      await submitApplication(t.database.db, {
        agencyId: h.gulou.id,
        input: form(),
        actor: TEST_ACTOR,
        now: new Date('2024-09-27T02:00:00Z'),
      })
    ).id;
  });
  afterAll(() => t.close());

  it('registers a posted application with its arrival and receipt dates, showing the code once', async () => {
    const page = await getPage(t.app, '/workbench/applications/new', registrar);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('邮寄（需签收）');
    expect(page.body).not.toContain('value="online"');
    const res = await postForm(t.app, '/workbench/applications', registrar, {
      ...form({ applicantName: '李四' }),
      agencyId: String(h.gulou.id),
    });
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('申请已登记');
    const number = /<code>(GK20240927\d{8})<\/code>/.exec(res.body)?.[1];
    expect(number).toBeDefined();
    expect(res.body).toMatch(/<code class="secret">[\w-]{22}<\/code>/);
    const row = await t.database.db
      .selectFrom('applications')
      .selectAll()
      .where('tracking_number', '=', number ?? '')
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      channel: 'registeredPost',
      arrived_on: '2024-09-26',
      received_on: '2024-09-27',
    });
    const list = await getPage(t.app, '/workbench/applications', registrar);
    expect(list.body).toContain(number);
    expect(list.body).toContain('李四');
  });

  it('names each bad field of the registration form in Chinese and keeps what was typed', async () => {
    const res = await postForm(t.app, '/workbench/applications', registrar, {
      ...form({ idNumber: '110105194912310021', arrivedOn: '2024-09-28' }),
      agencyId: String(h.gulou.id),
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('居民身份证号码的校验码不正确');
    expect(res.body).toContain('申请受理日期不能早于收到申请的日期');
    expect(res.body).toContain('value="110105194912310021"');
  });

  it('explains the deadline step by step on the application page', async () => {
    const res = await getPage(t.app, `/workbench/applications/${gulouApp}`, handler);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('答复期限是怎样计算的');
    expect(res.body).toContain('2024-09-27 收到申请：');
    expect(res.body).toContain('答复期限为2024-10-30');
    expect(res.body).toContain('2024-10-30（已逾期）');
    // The registrar, handler and admin see the applicant in clear.
    expect(res.body).toContain('张三丰');
    expect(res.body).toContain('11010519491231002X');
  });

  it('masks the applicant for a viewer, on the list and on the page', async () => {
    const page = await getPage(t.app, `/workbench/applications/${gulouApp}`, viewer);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('张**');
    expect(page.body).toContain('1101**********002X');
    expect(page.body).toContain('138****5678');
    for (const clear of ['张三丰', '11010519491231002X', '13812345678', '包公湖北路1号'])
      expect(page.body).not.toContain(clear);
    expect(page.body).not.toContain('记录办理事件');
    const list = await getPage(t.app, '/workbench/applications', viewer);
    expect(list.body).toContain('张**');
    expect(list.body).not.toContain('张三丰');
  });

  it('hides 鼓楼区’s applications from the 教育局 admin: not listed, and a 404', async () => {
    const edu = await sessionFor(t.database, h.eduAdmin.user.id);
    expect((await getPage(t.app, `/workbench/applications/${gulouApp}`, edu)).statusCode).toBe(404);
    const list = await getPage(t.app, '/workbench/applications', edu);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(`/workbench/applications/${gulouApp}"`);
    const posted = await postForm(t.app, `/workbench/applications/${gulouApp}/events`, edu, {
      type: 'consultationStarted',
      date: '2024-10-08',
    });
    expect(posted.statusCode).toBe(404);
  });

  it('records a clock event, recomputes the deadline, and refuses what the law does not allow', async () => {
    const id = (
      await submitApplication(t.database.db, {
        agencyId: h.gulou.id,
        input: form(),
        actor: TEST_ACTOR,
        now: new Date('2024-09-27T02:00:00Z'),
      })
    ).id;
    const url = `/workbench/applications/${id}/events`;
    const ok = await postForm(t.app, url, handler, { type: 'consultationStarted', date: '2024-10-10' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/workbench/applications/${id}?saved=1`);
    const ended = await postForm(t.app, url, handler, { type: 'consultationEnded', date: '2024-10-24' });
    expect(ended.statusCode).toBe(303);
    const page = await getPage(t.app, `/workbench/applications/${id}?saved=1`, handler);
    expect(page.body).toContain('答复期限为2024-11-14');
    const late = await postForm(t.app, url, handler, {
      type: 'correctionAsked',
      date: '2024-10-14',
      until: '2024-10-30',
    });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('告知补正须在收到申请后7个工作日内，即2024-10-12前（条例第三十条）');
    const approver = await sessionFor(t.database, h.staff.approver.user.id);
    const tooLong = await postForm(t.app, url, approver, {
      type: 'extended',
      date: '2024-10-25',
      workingDays: '21',
    });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('延长不能超过20个工作日（条例第三十三条）');
    const byHandler = await postForm(t.app, url, handler, {
      type: 'extended',
      date: '2024-10-25',
      workingDays: '5',
    });
    expect(byHandler.statusCode).toBe(403);
    const events = await t.database.db
      .selectFrom('application_events')
      .select('type')
      .where('application_id', '=', id)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['received', 'consultationStarted', 'consultationEnded']);
  });

  it('refuses an event without its CSRF token and stores nothing', async () => {
    const res = await postForm(
      t.app,
      `/workbench/applications/${gulouApp}/events`,
      handler,
      { type: 'consultationStarted', date: '2024-10-08' },
      { csrf: false },
    );
    expect(res.statusCode).toBe(403);
    const registered = await postForm(
      t.app,
      '/workbench/applications',
      registrar,
      { ...form(), agencyId: String(h.gulou.id) },
      { csrf: false },
    );
    expect(registered.statusCode).toBe(403);
    const events = await t.database.db
      .selectFrom('application_events')
      .select('type')
      .where('application_id', '=', gulouApp)
      .execute();
    expect(events.map((e) => e.type)).toEqual(['received']);
  });

  it('shows the queues with the current tab marked', async () => {
    const res = await getPage(t.app, '/workbench/applications?queue=overdue', handler);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/aria-current="page"[^>]*>已逾期/);
    // Received in 2024 and never answered: overdue now.
    expect(res.body).toContain(`/workbench/applications/${gulouApp}"`);
    const waiting = await getPage(t.app, '/workbench/applications?queue=waiting', handler);
    expect(waiting.body).not.toContain(`/workbench/applications/${gulouApp}"`);
  });
});
