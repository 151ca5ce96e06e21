import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAuditUpload } from '../../src/reports/audit/upload.ts';
import { REAL_REPORTS, zip } from '../reports/audit/upload-support.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

interface Part {
  readonly name: string;
  readonly value?: string;
  readonly filename?: string;
  readonly bytes?: Uint8Array;
}

/** A multipart/form-data body as a browser sends it. */
const multipart = (parts: readonly Part[]): { body: Buffer; type: string } => {
  const boundary = `----gongkai${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition =
      part.filename === undefined
        ? `form-data; name="${part.name}"`
        : `form-data; name="${part.name}"; filename="${part.filename}"`;
    const type = part.filename === undefined ? '' : 'Content-Type: application/octet-stream\r\n';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(part.bytes ? Buffer.from(part.bytes) : Buffer.from(part.value ?? ''));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
};

const ARCHIVE = zip({
  '鼓楼区/gulou-2019.txt': REAL_REPORTS['gulou-2019.txt'],
  'hanyang-2022-partial.txt': REAL_REPORTS['hanyang-2022-partial.txt'],
  'longgang-department-2024-partial.txt': REAL_REPORTS['longgang-department-2024-partial.txt'],
});

describe.each(testDatabases())('uploading reports for a batch audit ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let admin: Browser;
  let handler: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
  });
  afterAll(() => t.close());

  const post = (
    browser: Browser,
    files: readonly { filename: string; bytes: Uint8Array }[],
    options: { name?: string; csrf?: boolean; headers?: Record<string, string> } = {},
  ) => {
    const { body, type } = multipart([
      ...(options.csrf === false ? [] : [{ name: '_csrf', value: browser.csrfToken }]),
      { name: 'name', value: options.name ?? '网上上传的批次' },
      ...files.map((f) => ({ name: 'files', filename: f.filename, bytes: f.bytes })),
    ]);
    return t.app.inject({
      method: 'POST',
      url: '/workbench/audits/upload',
      cookies: browser.cookies,
      headers: { 'content-type': type, ...options.headers },
      payload: body,
    });
  };

  const uploadCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_uploads')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('shows the upload form with its CSRF token and limits', async () => {
    const page = await getPage(t.app, '/workbench/audits', admin);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('上传报告批量核查');
    expect(page.body).toContain('action="/workbench/audits/upload"');
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`name="_csrf" value="${admin.csrfToken}"`);
    expect(page.body).toContain('<label class="field__label" for="field-files">');
    expect(page.body).toContain('200 MB');
  });

  it('queues the upload, lists it as queued, and after the job lists it done with its batch', async () => {
    const response = await post(admin, [{ filename: '2025年报.zip', bytes: ARCHIVE }], {
      name: '网上上传 2025',
    });
    expect(response.statusCode).toBe(303);
    const id = Number(/queued=(\d+)/.exec(response.headers.location ?? '')?.[1]);
    const upload = await findAuditUpload(t.database.db, id);
    expect(upload).toMatchObject({ name: '网上上传 2025', file_count: 3, batch_id: null });

    const queued = await getPage(t.app, `/workbench/audits?queued=${id}`, admin);
    expect(queued.body).toContain('已上传“网上上传 2025”（3 个文件），核查任务排队中');
    expect(queued.body).toContain('href="/workbench/jobs?name=audit.batch"');
    expect(queued.body).toContain('data-status="queued">排队中');

    const jobs = t.app.jobs;
    if (jobs === null) throw new Error('the test app has no job queue');
    await jobs.start();
    // The handler stores the batch and then removes the files, so wait for the job to end,
    // not for the batch id alone (CI once saw the directory between the two).
    const until = Date.now() + 60_000;
    let completed = 0;
    while (completed === 0 && Date.now() < until) {
      completed = (await jobs.list({ name: 'audit.batch', state: 'completed', limit: 1, offset: 0 })).total;
      if (completed === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(completed).toBe(1);
    const batchId = (await findAuditUpload(t.database.db, id))?.batch_id ?? null;
    expect(batchId).not.toBeNull();
    const done = await getPage(t.app, '/workbench/audits', admin);
    expect(done.body).toContain('data-status="done">已完成');
    expect(done.body).toContain(`href="/workbench/audits/${batchId}"`);
    const batch = await getPage(t.app, `/workbench/audits/${batchId}`, admin);
    expect(batch.body).toContain('共 3 个文件');
    expect(batch.body).toContain('鼓楼区/gulou-2019.txt');
    expect(batch.body).toContain('鼓楼区人民政府');
    expect(existsSync(upload?.dir ?? '/')).toBe(false);
    const log = await t.database.db
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'auditUpload.create')
      .where('entity_id', '=', String(id))
      .executeTakeFirstOrThrow();
    expect(log.actor_user_id).toBe(h.staff.admin.user.id);
  });

  it.each([
    ['../evil.txt', '上级目录'],
    ['/etc/evil.txt', '绝对路径'],
  ])('refuses a ZIP with %s with a Chinese error on the field', async (name, why) => {
    const before = await uploadCount();
    const response = await post(admin, [
      { filename: 'evil.zip', bytes: zip({ 'ok.txt': 'x', [name]: 'pwned' }) },
    ]);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('id="field-files-error"');
    expect(response.body).toContain('压缩包或报告文件：压缩包');
    expect(response.body).toContain(why);
    expect(response.body).toContain('value="网上上传的批次"');
    expect(await uploadCount()).toBe(before);
  });

  it('refuses an over-limit upload: too many entries, over 200 MB by its length', async () => {
    const before = await uploadCount();
    const entries: Record<string, string> = {};
    for (let i = 0; i <= 20_000; i++) entries[`r/${i}.txt`] = '';
    const many = await post(admin, [{ filename: 'many.zip', bytes: zip(entries) }]);
    expect(many.statusCode).toBe(400);
    expect(many.body).toContain('超过每个压缩包 20000 个的上限');

    const { body, type } = multipart([{ name: 'files', filename: 'big.zip', bytes: ARCHIVE }]);
    const big = await t.app.inject({
      method: 'POST',
      url: '/workbench/audits/upload',
      cookies: admin.cookies,
      headers: { 'content-type': type, 'content-length': String(202 * 1024 * 1024) },
      payload: body,
    });
    expect(big.statusCode).toBe(413);
    expect(big.body).toContain('一次合计不超过 200 MB');
    expect(await uploadCount()).toBe(before);
  });

  it('refuses more files than the route takes, in the form’s words, and an empty form', async () => {
    const before = await uploadCount();
    const files = Array.from({ length: 101 }, (_, i) => ({ filename: `${i}.txt`, bytes: Buffer.from('x') }));
    const tooMany = await post(admin, files);
    expect(tooMany.statusCode).toBe(413);
    expect(tooMany.body).toContain('一次合计不超过 200 MB、100 个文件');
    const empty = await post(admin, [], { name: '' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请选择要核查的 ZIP 压缩包或报告文件');
    expect(empty.body).toContain('批次名称须为 1 至 200 个字');
    expect(await uploadCount()).toBe(before);
  });

  it('is for admins only, and needs the CSRF token', async () => {
    expect((await getPage(t.app, '/workbench/audits', handler)).statusCode).toBe(403);
    const clerk = await post(handler, [{ filename: 'a.zip', bytes: ARCHIVE }]);
    expect(clerk.statusCode).toBe(403);
    const forged = await post(admin, [{ filename: 'a.zip', bytes: ARCHIVE }], { csrf: false });
    expect(forged.statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/workbench/audits/upload',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'name=x',
    });
    expect(anonymous.statusCode).toBe(302);
  });
});
