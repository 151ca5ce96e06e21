import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignApplication } from '../../src/applications/route-application.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { makeUser, TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

/** The portal form as JSON: no channel and no dates, the agency in the body. */
const submission = (agencyId: number, overrides: Record<string, unknown> = {}) => ({
  agencyId,
  applicantType: 'natural',
  applicantName: '王小明',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '河南省开封市鼓楼区包公湖北路1号',
  email: 'wxm@example.com',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'electronic',
  ...overrides,
});

/** A letter received on 2024-09-27: long overdue by now. */
const letter = {
  channel: 'letter',
  arrivedOn: '2024-09-26',
  receivedOn: '2024-09-27',
  applicantType: 'natural',
  applicantName: '张三丰',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '鼓楼区2023年老旧小区改造项目清单',
  formWanted: 'paper',
};

describe.each(testDatabases())('the applications API ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let registrar: Browser;
  let handler: Browser;
  let approver: Browser;
  let viewer: Browser;
  let eduAdmin: Browser;
  let overdueId: number;
  let eduId: number;
  const today = beijingDate(new Date().toISOString());

  const count = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const post = (url: string, payload: object, browser?: Browser, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url,
      payload,
      headers: { ...(browser ? { 'x-csrf-token': browser.csrfToken } : {}), ...headers },
      ...(browser ? { cookies: browser.cookies } : {}),
    });
  const get = (url: string, browser?: Browser) =>
    t.app.inject({ method: 'GET', url, ...(browser ? { cookies: browser.cookies } : {}) });

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    registrar = await sessionFor(t.database, h.staff.registrar.user.id);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    approver = await sessionFor(t.database, h.staff.approver.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    const now = new Date('2024-09-27T02:00:00Z');
    overdueId = (
      await submitApplication(t.database.db, { agencyId: h.gulou.id, input: letter, actor: TEST_ACTOR, now })
    ).id;
    eduId = (
      await submitApplication(t.database.db, {
        agencyId: h.edu.id,
        input: { ...letter, applicantName: '李四光' },
        actor: TEST_ACTOR,
        now,
      })
    ).id;
  });
  afterAll(() => t.close());

  describe('POST /api/v1/applications', () => {
    it('takes an online application without an account or a CSRF token, and shows the secret once', async () => {
      const before = await count();
      const res = await post('/api/v1/applications', submission(h.gulou.id, { channel: 'letter' }));
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.trackingNumber).toMatch(/\S+/);
      expect(body.secretCode.length).toBeGreaterThanOrEqual(22);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(await count()).toBe(before + 1);
      const row = await t.database.db
        .selectFrom('applications')
        .selectAll()
        .where('tracking_number', '=', body.trackingNumber)
        .executeTakeFirstOrThrow();
      // Forced to the online channel, received the day it is submitted (Art. 31).
      expect(row).toMatchObject({ channel: 'online', arrived_on: today, received_on: today, status: 'open' });
      expect(row.secret_hash).not.toContain(body.secretCode);
      expect(row.due_on).not.toBeNull();
      const events = await t.database.db
        .selectFrom('application_events')
        .select('type')
        .where('application_id', '=', row.id)
        .execute();
      expect(events).toEqual([{ type: 'received' }]);
    });

    it('returns the first application, without its secret, when the Idempotency-Key comes again', async () => {
      const key = `retry-${Date.now()}`;
      const first = await post('/api/v1/applications', submission(h.gulou.id), undefined, {
        'idempotency-key': key,
      });
      expect(first.statusCode).toBe(201);
      const before = await count();
      const again = await post('/api/v1/applications', submission(h.gulou.id), undefined, {
        'idempotency-key': key,
      });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ trackingNumber: first.json().trackingNumber });
      expect(await count()).toBe(before);
      // Another key is another application.
      const other = await post('/api/v1/applications', submission(h.gulou.id), undefined, {
        'idempotency-key': `${key}-2`,
      });
      expect(other.statusCode).toBe(201);
      expect(other.json().trackingNumber).not.toBe(first.json().trackingNumber);
    });

    it('refuses bad input field by field, in Chinese, and stores nothing', async () => {
      const before = await count();
      const badId = await post(
        '/api/v1/applications',
        submission(h.gulou.id, { idNumber: '110105194912310021' }),
      );
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.code).toBe('VALIDATION');
      const idDetail = badId.json().error.details.find((d: { field?: string }) => d.field === 'idNumber');
      expect(idDetail.message).toMatch(/\p{Script=Han}/u);
      const missing = await post(
        '/api/v1/applications',
        submission(h.gulou.id, { applicantName: '', phone: 'abc' }),
      );
      expect(missing.statusCode).toBe(400);
      const fields = Object.fromEntries(
        missing.json().error.details.map((d: { field: string; message: string }) => [d.field, d.message]),
      );
      expect(fields.applicantName).toBe('请填写申请人姓名或名称');
      expect(fields.phone).toContain('联系电话');
      const noAgency = await post('/api/v1/applications', { ...submission(h.gulou.id), agencyId: 'x' });
      expect(noAgency.statusCode).toBe(400);
      expect(noAgency.json().error.details[0]).toEqual({
        field: 'agencyId',
        message: '受理机关应为机关编号（整数）',
      });
      expect((await post('/api/v1/applications', submission(999_999))).statusCode).toBe(404);
      expect(await count()).toBe(before);
    });

    it('still needs the X-CSRF-Token when the request carries a session cookie', async () => {
      const before = await count();
      const withoutToken = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        payload: submission(h.gulou.id),
        cookies: viewer.cookies,
      });
      expect(withoutToken.statusCode).toBe(403);
      expect(withoutToken.json().error.code).toBe('CSRF');
      // A dead session's cookie is a session cookie too: no token, no write.
      const dead = await t.app.inject({
        method: 'POST',
        url: '/api/v1/applications',
        payload: submission(h.gulou.id),
        cookies: { gk_session: 'not-a-session' },
      });
      expect(dead.statusCode).toBe(403);
      expect(await count()).toBe(before);
      expect((await post('/api/v1/applications', submission(h.gulou.id), viewer)).statusCode).toBe(201);
    });

    it('is rate-limited per client address', async () => {
      const limited = await openTestApp(target, { LOGIN_RATE_LIMIT_MAX: '2' });
      try {
        const hh = await makeHierarchy(limited.database.db);
        const send = () =>
          limited.app.inject({
            method: 'POST',
            url: '/api/v1/applications',
            payload: submission(hh.gulou.id),
          });
        expect((await send()).statusCode).toBe(201);
        expect((await send()).statusCode).toBe(201);
        const third = await send();
        expect(third.statusCode).toBe(429);
        expect(third.json().error.code).toBe('RATE_LIMITED');
      } finally {
        await limited.close();
      }
    });
  });

  describe('GET /api/v1/applications', () => {
    it('lists the overdue queue with the stored deadline, names in clear for a registrar', async () => {
      const res = await get('/api/v1/applications?queue=overdue', registrar);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      const ids = body.applications.map((a: { id: number }) => a.id);
      expect(ids).toContain(overdueId);
      expect(ids).toContain(eduId);
      expect(body.total).toBe(ids.length);
      expect(body).toMatchObject({ page: 1, pageSize: 50 });
      for (const a of body.applications) expect(a.deadline.overdue).toBe(true);
      const row = body.applications.find((a: { id: number }) => a.id === overdueId);
      expect(row).toMatchObject({
        applicantName: '张三丰',
        personalDataMasked: false,
        receivedOn: '2024-09-27',
        status: 'open',
        links: { self: `/api/v1/applications/${overdueId}` },
      });
      expect(row.deadline.due < today).toBe(true);
      // Received today: not overdue.
      const all = (await get('/api/v1/applications', registrar)).json();
      expect(all.total).toBeGreaterThan(body.total);
    });

    it('masks the applicant for a viewer, and shows nothing outside the user’s subtree', async () => {
      const asViewer = (await get('/api/v1/applications?queue=overdue', viewer)).json();
      const row = asViewer.applications.find((a: { id: number }) => a.id === overdueId);
      expect(row.applicantName).not.toBe('张三丰');
      expect(row.applicantName).toContain('张');
      expect(row.personalDataMasked).toBe(true);
      const asEdu = (await get('/api/v1/applications?queue=overdue', eduAdmin)).json();
      expect(asEdu.applications.map((a: { id: number }) => a.id)).toEqual([eduId]);
      expect(asEdu.applications[0].applicantName).toBe('李四光');
    });

    it('filters and searches', async () => {
      const q = (
        await get(`/api/v1/applications?q=${encodeURIComponent('老旧小区')}&receivedTo=2024-12-31`, registrar)
      ).json();
      expect(q.applications.map((a: { id: number }) => a.id).sort()).toEqual([overdueId, eduId].sort());
      const online = (await get('/api/v1/applications?channel=online', registrar)).json();
      expect(online.total).toBeGreaterThan(0);
      for (const a of online.applications) expect(a.channel).toBe('online');
      const none = (await get('/api/v1/applications?receivedFrom=2099-01-01', registrar)).json();
      expect(none).toMatchObject({ applications: [], total: 0 });
      const mine = (await get('/api/v1/applications?handler=me', handler)).json();
      expect(mine.total).toBe(0);
    });

    it('refuses a bad query with field errors, and the anonymous with 401', async () => {
      const bad = await get('/api/v1/applications?queue=nope&receivedFrom=2024/01/01&page=0', registrar);
      expect(bad.statusCode).toBe(400);
      const fields = bad
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort();
      expect(fields).toEqual(['page', 'queue', 'receivedFrom']);
      expect(
        bad.json().error.details.every((d: { message: string }) => /\p{Script=Han}/u.test(d.message)),
      ).toBe(true);
      expect((await get('/api/v1/applications')).statusCode).toBe(401);
    });
  });

  describe('GET /api/v1/applications/:id', () => {
    it('gives the application, its events and how its deadline was computed', async () => {
      const res = await get(`/api/v1/applications/${overdueId}`, handler);
      expect(res.statusCode).toBe(200);
      const a = res.json().application;
      expect(a).toMatchObject({
        id: overdueId,
        applicantName: '张三丰',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        channel: 'letter',
        arrivedOn: '2024-09-26',
        receivedOn: '2024-09-27',
      });
      expect(a.events.map((e: { type: string }) => e.type)).toEqual(['received']);
      expect(a.deadline.due).toMatch(/^2024-1\d-\d\d$/);
      expect(a.deadline.overdue).toBe(true);
      expect(a.deadline.steps[0]).toMatchObject({
        date: '2024-09-27',
        event: 'received',
        due: a.deadline.due,
      });
      expect(a.deadline.steps[0].text).toMatch(/\p{Script=Han}/u);
    });

    it('masks personal data for a viewer, and is a 404 outside the user’s subtree', async () => {
      const a = (await get(`/api/v1/applications/${overdueId}`, viewer)).json().application;
      expect(a.idNumber).not.toBe('11010519491231002X');
      expect(a.phone).not.toBe('13812345678');
      expect(a.personalDataMasked).toBe(true);
      const outside = await get(`/api/v1/applications/${overdueId}`, eduAdmin);
      expect(outside.statusCode).toBe(404);
      expect(outside.json().error.code).toBe('NOT_FOUND');
      expect((await get('/api/v1/applications/999999', registrar)).statusCode).toBe(404);
    });
  });

  describe('POST /api/v1/applications/:id/events', () => {
    it('records an event and returns the new deadline', async () => {
      const { id } = await submitApplication(t.database.db, {
        agencyId: h.gulou.id,
        input: { ...letter, arrivedOn: today, receivedOn: today },
        actor: TEST_ACTOR,
        now: new Date(),
      });
      const res = await post(
        `/api/v1/applications/${id}/events`,
        { type: 'consultationStarted', date: today },
        handler,
      );
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body.eventId).toBeGreaterThan(0);
      expect(body.deadline).toMatchObject({ due: null, waitingFor: { what: 'consultation' } });
      expect(body.deadline.steps.map((s: { event: string }) => s.event)).toEqual([
        'received',
        'consultationStarted',
      ]);
      const stored = await t.database.db
        .selectFrom('applications')
        .select(['due_on', 'waiting_for'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(stored).toEqual({ due_on: null, waiting_for: 'consultation' });
    });

    it('refuses what the law does not allow, field by field, and records nothing', async () => {
      const events = async () =>
        (
          await t.database.db
            .selectFrom('application_events')
            .select('id')
            .where('application_id', '=', overdueId)
            .execute()
        ).length;
      const before = await events();
      const early = await post(
        `/api/v1/applications/${overdueId}/events`,
        { type: 'consultationStarted', date: '2024-09-01' },
        handler,
      );
      expect(early.statusCode).toBe(400);
      expect(early.json().error.details[0].field).toBe('date');
      // Long after its 7 working days.
      const late = await post(
        `/api/v1/applications/${overdueId}/events`,
        { type: 'correctionAsked', date: '2024-12-02', until: '2024-12-20' },
        handler,
      );
      expect(late.statusCode).toBe(400);
      expect(
        late
          .json()
          .error.details.map((d: { message: string }) => d.message)
          .join(),
      ).toContain('7个工作日');
      const noType = await post(`/api/v1/applications/${overdueId}/events`, { date: today }, handler);
      expect(noType.statusCode).toBe(400);
      expect(noType.json().error.details[0]).toEqual({ field: 'type', message: '请选择事件类型' });
      const tooLong = await post(
        `/api/v1/applications/${overdueId}/events`,
        { type: 'extended', date: '2024-10-08', workingDays: 25 },
        approver,
      );
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.json().error.details[0].field).toBe('workingDays');
      expect(await events()).toBe(before);
    });

    it('leaves the extension to the approver, and needs the CSRF token', async () => {
      const url = `/api/v1/applications/${overdueId}/events`;
      const byHandler = await post(url, { type: 'extended', date: '2024-10-08', workingDays: 10 }, handler);
      expect(byHandler.statusCode).toBe(403);
      const noToken = await t.app.inject({
        method: 'POST',
        url,
        payload: { type: 'consultationStarted', date: today },
        cookies: handler.cookies,
      });
      expect(noToken.statusCode).toBe(403);
      expect(noToken.json().error.code).toBe('CSRF');
      const byApprover = await post(url, { type: 'extended', date: '2024-10-08', workingDays: 10 }, approver);
      expect(byApprover.statusCode).toBe(201);
      expect(byApprover.json().deadline.steps.at(-1)).toMatchObject({ event: 'extended' });
    });
  });

  it('gives the city’s admin every agency’s applications, page by page, with the exact total', async () => {
    const cityAdmin = await sessionFor(
      t.database,
      (await makeUser(t.database.db, { agencyId: h.city.id, roles: ['admin'] })).user.id,
    );
    for (let i = 0; i < 55; i++)
      await submitApplication(t.database.db, {
        agencyId: h.other.id,
        input: { ...letter, applicantName: `赵${i}` },
        actor: TEST_ACTOR,
        now: new Date('2024-10-08T02:00:00Z'),
      });
    const all = await count();
    const first = (await get('/api/v1/applications?queue=all', cityAdmin)).json();
    expect(first.total).toBe(all);
    expect(first.applications).toHaveLength(50);
    const last = Math.ceil(all / 50);
    const lastPage = (await get(`/api/v1/applications?queue=all&page=${last}`, cityAdmin)).json();
    expect(lastPage).toMatchObject({ total: all, page: last });
    expect(lastPage.applications).toHaveLength(all - 50 * (last - 1));
    const overdue = (await get('/api/v1/applications?queue=overdue', cityAdmin)).json();
    expect(overdue.total).toBeGreaterThan(50);
    expect(overdue.applications).toHaveLength(50);
    const dues = overdue.applications.map((a: { deadline: { due: string } }) => a.deadline.due);
    expect(dues).toEqual([...dues].sort());
    // The registrar of 鼓楼区 sees none of 龙亭区's.
    const gulou = (await get('/api/v1/applications?queue=overdue', registrar)).json();
    expect(gulou.total).toBe(2);
  });

  it('puts an application awaiting its correction in the waiting queue', async () => {
    const { id } = await submitApplication(t.database.db, {
      agencyId: h.gulou.id,
      input: { ...letter, arrivedOn: today, receivedOn: today },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const asked = await post(
      `/api/v1/applications/${id}/events`,
      { type: 'correctionAsked', date: today, until: today },
      registrar,
    );
    expect(asked.statusCode).toBe(201);
    expect(asked.json().deadline.waitingFor).toEqual({ what: 'correction', by: today });
    const waiting = (await get('/api/v1/applications?queue=waiting', registrar)).json();
    expect(waiting.applications.map((a: { id: number }) => a.id)).toEqual([id]);
  });

  it('shows a department the overdue applications routed to it, and lets it open them', async () => {
    const before = (await get('/api/v1/applications?queue=overdue', eduAdmin)).json();
    expect(before.applications.map((a: { id: number }) => a.id)).not.toContain(overdueId);
    expect((await get(`/api/v1/applications/${overdueId}`, eduAdmin)).statusCode).toBe(404);
    await assignApplication(t.database.db, {
      applicationId: overdueId,
      input: { handlingAgencyId: h.edu.id },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const after = (await get('/api/v1/applications?queue=overdue', eduAdmin)).json();
    expect(after.applications.map((a: { id: number }) => a.id).sort()).toEqual([eduId, overdueId].sort());
    expect(after.total).toBe(2);
    // Not in a queue it does not belong to.
    const dueSoon = (await get('/api/v1/applications?queue=dueSoon', eduAdmin)).json();
    expect(dueSoon.applications.map((a: { id: number }) => a.id)).not.toContain(overdueId);
    const detail = await get(`/api/v1/applications/${overdueId}`, eduAdmin);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().application.handlingAgencyId).toBe(h.edu.id);
  });

  it('describes the routes in the OpenAPI document', async () => {
    const doc = (await get('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/applications',
        '/api/v1/applications/{id}',
        '/api/v1/applications/{id}/events',
      ]),
    );
    const body = doc.paths['/api/v1/applications'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(
      expect.arrayContaining(['agencyId', 'applicantName', 'idNumber', 'description']),
    );
    expect(body.properties.channel).toBeUndefined();
  });
});
