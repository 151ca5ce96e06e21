import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { beijingDate } from '../../src/calendar/beijing-time.ts';
import { type JobQueue, openJobQueue } from '../../src/jobs/job-queue.ts';
import { dropJobSchema, FAST, waitFor } from '../jobs/support.ts';
import { makeApplication } from '../letters/support.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('the jobs page ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  let clerk: Browser;
  let jobs: JobQueue;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
    clerk = await sessionFor(t.database, h.staff.registrar.user.id);
    if (t.app.jobs === null) throw new Error('the app has no job queue');
    jobs = t.app.jobs;
  });
  afterAll(async () => {
    await t.app.close();
    await dropJobSchema(t.database);
    await t.database.close();
  });

  const audits = async (action: string) =>
    (
      await t.database.db.selectFrom('audit_log').select('entity_id').where('action', '=', action).execute()
    ).map((r) => r.entity_id);

  it('is for admins, linked from their navigation', async () => {
    const page = await getPage(t.app, '/workbench/jobs', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>后台任务</h1>');
    expect(page.body).toContain('href="/workbench/jobs"');
    expect(page.body).toMatch(
      /<form method="post" action="\/workbench\/jobs\/recompute"[^>]*>\s*<input type="hidden" name="_csrf"/,
    );
    expect((await getPage(t.app, '/workbench/jobs', clerk)).statusCode).toBe(403);
    expect((await getPage(t.app, '/workbench', clerk)).body).not.toContain('href="/workbench/jobs"');
  });

  it('enqueues a recompute once while one waits, and cancels it, with CSRF and audit rows', async () => {
    expect((await postForm(t.app, '/workbench/jobs/recompute', admin, {}, { csrf: false })).statusCode).toBe(
      403,
    );
    const first = await postForm(t.app, '/workbench/jobs/recompute', admin);
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe('/workbench/jobs?done=enqueued');
    const again = await postForm(t.app, '/workbench/jobs/recompute', admin);
    expect(again.headers.location).toBe('/workbench/jobs?done=already');

    const waiting = await jobs.list({ name: 'calendar.recompute', state: 'created', limit: 10, offset: 0 });
    expect(waiting.total).toBe(1);
    const id = waiting.jobs[0]?.id ?? '';
    expect(await audits('job.enqueue')).toEqual([id]);

    const list = await getPage(t.app, '/workbench/jobs?state=created&name=calendar.recompute', admin);
    expect(list.body).toContain('重新计算全部期限');
    expect(list.body).toContain('等待运行');
    expect(list.body).toContain(`action="/workbench/jobs/${id}/cancel"`);
    expect(list.body).toContain(beijingDate(new Date().toISOString()));

    expect((await postForm(t.app, `/workbench/jobs/${id}/cancel`, clerk)).statusCode).toBe(403);
    expect(
      (await postForm(t.app, `/workbench/jobs/${id}/cancel`, admin, {}, { csrf: false })).statusCode,
    ).toBe(403);
    const cancelled = await postForm(t.app, `/workbench/jobs/${id}/cancel`, admin);
    expect(cancelled.headers.location).toBe('/workbench/jobs?done=cancelled');
    expect((await jobs.get(id))?.state).toBe('cancelled');
    expect(await audits('job.cancel')).toEqual([id]);
    // Not waiting any more: refused, nothing audited.
    expect((await postForm(t.app, `/workbench/jobs/${id}/cancel`, admin)).statusCode).toBe(409);
    expect(await audits('job.cancel')).toEqual([id]);
  });

  it('shows a failed job with its error and retries it', async () => {
    // Another process's worker, failing the job for good.
    const worker = openJobQueue(t.database, { ...FAST, onError: () => {} });
    worker.work('test.broken', async () => {
      throw new Error('文件无法读取');
    });
    const id = (await jobs.send('test.broken', {}, { retryLimit: 0 })) ?? '';
    await worker.start();
    try {
      await waitFor(async () => ((await jobs.get(id))?.state === 'failed' ? true : undefined), 'the failure');
    } finally {
      await worker.stop();
    }
    const page = await getPage(t.app, '/workbench/jobs?state=failed', admin);
    expect(page.body).toContain('文件无法读取');
    expect(page.body).toContain('失败');
    expect(page.body).toContain(`action="/workbench/jobs/${id}/retry"`);

    expect(
      (await postForm(t.app, `/workbench/jobs/${id}/retry`, admin, {}, { csrf: false })).statusCode,
    ).toBe(403);
    const retried = await postForm(t.app, `/workbench/jobs/${id}/retry`, admin);
    expect(retried.headers.location).toBe('/workbench/jobs?done=retried');
    expect((await jobs.get(id))?.state).toBe('retry');
    expect(await audits('job.retry')).toEqual([id]);
    expect((await postForm(t.app, `/workbench/jobs/${id}/retry`, admin)).statusCode).toBe(409);
    expect(
      (await postForm(t.app, '/workbench/jobs/00000000-0000-4000-8000-000000000000/retry', admin)).statusCode,
    ).toBe(404);
  });

  it("shows a handler today's deadline reminders on the workbench home", async () => {
    const app = await makeApplication(t.database.db, h.gulou.id);
    const today = beijingDate(new Date().toISOString());
    await t.database.db
      .insertInto('reminders')
      .values({
        user_id: h.staff.handler.user.id,
        application_id: app.id,
        kind: 'overdue',
        date: today,
        due_on: '2024-10-30',
        created_at: new Date().toISOString(),
      })
      .execute();
    const home = await getPage(t.app, '/workbench', await sessionFor(t.database, h.staff.handler.user.id));
    expect(home.body).toContain('今日期限提醒');
    expect(home.body).toContain(`href="/workbench/applications/${app.id}">${app.trackingNumber}</a>`);
    expect(home.body).toContain('已逾期（答复期限 2024-10-30）');
    // The roles table is still there.
    expect(home.body).toContain('您的角色');
    expect((await getPage(t.app, '/workbench', clerk)).body).not.toContain('今日期限提醒');
  });
});
