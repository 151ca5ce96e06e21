import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importKey } from '../../src/applications/import/check-import.ts';
import { readImportFiles } from '../../src/applications/import/read-import-file.ts';
import {
  APPLICATION_HEADERS,
  applicationRow,
  BAD_CHECK_ID,
  csvBytes,
  csvText,
  EVENT_HEADERS,
  GOOD_ID,
  xlsxOf,
} from '../applications/import/import-files.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-import';

interface FilePart {
  readonly field: string;
  readonly filename: string;
  readonly bytes: Uint8Array;
}

/** A multipart form as a browser sends it: the CSRF token, the fields, the files. */
const multipart = (fields: Record<string, string>, files: readonly FilePart[]): Buffer =>
  Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    ...files.flatMap((f) => [
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${f.field}"; filename="${f.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);

skipIfNoPostgres();

describe.each(testDatabases())('importing applications on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let registrar: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    registrar = await sessionFor(t.database, h.staff.registrar.user.id);
  });
  afterAll(() => t.close());

  const upload = (browser: Browser, agencyId: number, files: readonly FilePart[], csrf = browser.csrfToken) =>
    t.app.inject({
      method: 'POST',
      url: '/workbench/applications/import',
      cookies: browser.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart({ _csrf: csrf, agencyId: String(agencyId) }, files),
    });
  const storedOf = (agencyId: number) =>
    t.database.db.selectFrom('applications').selectAll().where('agency_id', '=', agencyId).execute();

  it('shows the form with the agencies the user registers for and the template link', async () => {
    const res = await getPage(t.app, '/workbench/applications/import', registrar);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('enctype="multipart/form-data"');
    expect(res.body).toContain('鼓楼区人民政府');
    expect(res.body).not.toContain('龙亭区人民政府');
    expect(res.body).toContain('/workbench/applications/import/template.xlsx');
    expect(res.body).toMatch(/name="_csrf" value="[^"]+"/);
  });

  it('serves the template, which reads back with every header', async () => {
    const res = await getPage(t.app, '/workbench/applications/import/template.xlsx', registrar);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('attachment');
    const raw = await readImportFiles({ fileName: 't.xlsx', bytes: new Uint8Array(res.rawPayload) });
    expect(raw.applications?.headers).toEqual(APPLICATION_HEADERS);
  });

  it('uploads, previews (counts, masked sample) and confirms; confirming again imports nothing more', async () => {
    const agency = h.edu;
    const bytes = await xlsxOf(
      [
        applicationRow('W001', '2025-12-10'),
        applicationRow('W002', '2026-03-02', {
          答复结果: '予以公开',
          答复日期: '2026-03-10',
          送达日期: '2026-03-11',
          送达方式: '邮寄',
          送达凭证: 'EMS998877',
        }),
      ],
      [{ 导入编号: 'W001', 事件类型: '告知补正', 日期: '2026-01-20', 期限: '2026-02-05' }],
    );
    const res = await upload(registrar, agency.id, [{ field: 'file', filename: 'old.xlsx', bytes }]);
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    expect(url).toMatch(/^\/workbench\/applications\/import\/\d+$/);

    const preview = await getPage(t.app, url, registrar);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('导入预览');
    expect(preview.body).toContain('鼓楼区教育局');
    expect(preview.body).toContain('申请人不能在门户网站上查询');
    expect(preview.body).toContain('上年结转');
    expect(preview.body).toContain('告知补正晚于收到申请后7个工作日');
    expect(preview.body).toContain('1101**********002X');
    expect(preview.body).not.toContain(GOOD_ID);
    expect(preview.body).toContain('确认导入 2 件申请');
    expect(await storedOf(agency.id)).toEqual([]);

    const confirm = await postForm(t.app, `${url}/confirm`, registrar);
    expect(confirm.statusCode).toBe(303);
    expect(confirm.headers.location).toBe(`${url}?done=1`);
    const stored = await storedOf(agency.id);
    expect(stored.map((a) => [a.idempotency_key, a.status]).sort()).toEqual([
      [importKey('W001'), 'open'],
      [importKey('W002'), 'closed'],
    ]);
    expect(stored.find((a) => a.idempotency_key === importKey('W001'))?.waiting_for).toBe('correction');
    expect((await getPage(t.app, `${url}?done=1`, registrar)).body).toContain('已全部导入');

    const twice = await postForm(t.app, `${url}/confirm`, registrar);
    expect(twice.statusCode).toBe(303);
    expect(twice.headers.location).toBe(`${url}?again=1`);
    expect(await storedOf(agency.id)).toHaveLength(2);

    // The carried-over application is in the open queue of the workbench.
    const queue = await getPage(t.app, '/workbench/applications?queue=waiting', registrar);
    expect(queue.body).toContain(
      stored.find((a) => a.idempotency_key === importKey('W001'))?.tracking_number,
    );
  });

  it('shows the row errors, offers no confirmation and refuses one', async () => {
    const agency = h.gulou;
    const apps = csvText(APPLICATION_HEADERS, [
      applicationRow('F001', '2026-03-02', { 证件号码: BAD_CHECK_ID }),
      applicationRow('F002', '2026-03-02'),
    ]);
    const events = csvText(EVENT_HEADERS, [
      { 导入编号: 'F404', 事件类型: '告知补正', 日期: '2026-03-03', 期限: '2026-03-10' },
    ]);
    const res = await upload(registrar, agency.id, [
      { field: 'file', filename: 'apps.csv', bytes: csvBytes(apps, 'gbk') },
      { field: 'eventsFile', filename: 'events.csv', bytes: csvBytes(events, 'utf-8-bom') },
    ]);
    expect(res.statusCode).toBe(303);
    const url = res.headers.location as string;
    const preview = await getPage(t.app, url, registrar);
    expect(preview.body).toContain('错误（2 处）');
    expect(preview.body).toContain('校验码不正确');
    expect(preview.body).toContain('导入编号「F404」在「申请」表中不存在');
    expect(preview.body).not.toContain('确认导入');
    const confirm = await postForm(t.app, `${url}/confirm`, registrar);
    expect(confirm.statusCode).toBe(400);
    expect(confirm.body).toContain('改正后重新上传');
    expect(await storedOf(agency.id)).toEqual([]);

    const discard = await postForm(t.app, `${url}/discard`, registrar);
    expect(discard.statusCode).toBe(303);
    expect((await getPage(t.app, url, registrar)).body).toContain('已放弃');
  });

  it('refuses a file that is not a table, a missing file, a wrong agency and a missing CSRF token', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]);
    const bad = await upload(registrar, h.gulou.id, [{ field: 'file', filename: 'a.png', bytes: png }]);
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('类型不允许');
    const none = await upload(registrar, h.gulou.id, []);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择要导入的文件');
    const xls = await upload(registrar, h.gulou.id, [
      {
        field: 'file',
        filename: 'a.xlsx',
        bytes: new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Buffer.from('xl/junk')]),
      },
    ]);
    expect(xls.statusCode).toBe(400);
    expect(xls.body).toContain('已损坏');
    const other = await upload(registrar, h.other.id, [
      { field: 'file', filename: 'a.csv', bytes: csvBytes('导入编号\n', 'utf-8') },
    ]);
    expect(other.statusCode).toBe(403);
    const noCsrf = await upload(registrar, h.gulou.id, [], 'wrong');
    expect(noCsrf.statusCode).toBe(403);
  });

  it("lets only the import's agency's registrars and admins see and confirm it", async () => {
    const bytes = await xlsxOf([applicationRow('P001', '2026-03-02')]);
    const res = await upload(registrar, h.gulou.id, [{ field: 'file', filename: 'p.xlsx', bytes }]);
    const url = res.headers.location as string;
    const as = async (userId: number) => sessionFor(t.database, userId);
    expect((await getPage(t.app, url, await as(h.staff.admin.user.id))).statusCode).toBe(200);
    expect((await getPage(t.app, url, await as(h.staff.handler.user.id))).statusCode).toBe(403);
    expect((await getPage(t.app, url, await as(h.eduAdmin.user.id))).statusCode).toBe(404);
    const viewer = await as(h.staff.viewer.user.id);
    expect((await postForm(t.app, `${url}/confirm`, viewer)).statusCode).toBe(403);
    expect((await getPage(t.app, url)).statusCode).toBe(302);
    expect(await storedOf(h.gulou.id)).toEqual([]);
  });
});
