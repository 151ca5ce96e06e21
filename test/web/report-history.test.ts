import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/orgs/demo.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-report-import';
const SAMPLE = readFileSync(new URL('../../src/reports/history/demo/gulou-2019.txt', import.meta.url));

const multipart = (fields: Record<string, string>, file?: { filename: string; bytes: Uint8Array }): Buffer =>
  Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    ...(file
      ? [
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
          ),
          Buffer.from(file.bytes),
          Buffer.from('\r\n'),
        ]
      : []),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);

const decode = (html: string): string =>
  html
    .replaceAll('&quot;', '"')
    .replaceAll('&#34;', '"')
    .replaceAll('&amp;', '&')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>');

skipIfNoPostgres();

describe.each(testDatabases())('earlier years’ reports on the workbench ($name)', (target) => {
  let t: TestApp;
  let admin: Browser;
  let viewer: Browser;
  let jiaoyuAdmin: Browser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    t = await openTestApp(target);
    await seedDemo(t.database.db, { now: new Date('2026-11-27T03:00:00.000Z') });
    const user = async (username: string) =>
      (
        await t.database.db
          .selectFrom('users')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    admin = await sessionFor(t.database, await user('admin'));
    viewer = await sessionFor(t.database, await user('viewer'));
    jiaoyuAdmin = await sessionFor(t.database, await user('jiaoyu.admin'));
    for (const a of await t.database.db.selectFrom('agencies').select(['id', 'name']).execute())
      ids[a.name] = a.id;
  }, 120_000);
  afterAll(() => t.close());

  const upload = (
    browser: Browser,
    fields: Record<string, string>,
    file?: { filename: string; bytes: Uint8Array },
  ) =>
    t.app.inject({
      method: 'POST',
      url: '/workbench/reports/import',
      cookies: browser.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: multipart({ _csrf: browser.csrfToken, ...fields }, file),
    });

  it('shows the demo comparison with exactly the sample’s two wrong cells and their findings', async () => {
    const res = await getPage(
      t.app,
      `/workbench/reports/compare?agency=${ids.鼓楼区人民政府}&year=2019`,
      viewer,
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('有 2 个单元格不一致');
    const marked = [...res.body.matchAll(/<tr id="cell-([^"]+)" class="differs">.*?<\/tr>/gs)];
    expect(marked.map((m) => m[1])).toEqual(['s3-total-natural', 's3-total-total']);
    expect(marked[0]?.[0]).toContain('<mark>15</mark>');
    expect(marked[0]?.[0]).toContain('>25<');
    expect(marked[1]?.[0]).toContain('<mark>17</mark>');
    expect(marked[1]?.[0]).toContain('>27<');
    expect(decode(marked[1]?.[0] ?? '')).toContain(
      "第三部分表格'（七）总计'行'总计'列为17，但各办理结果之和为27",
    );
    expect(res.body.match(/<mark>/g)).toHaveLength(2);
  });

  it('uploads a report, previews it, asks before replacing, and stores it', async () => {
    const agencyId = ids.鼓楼区民政局 ?? 0;
    const bad = await upload(
      admin,
      { agencyId: String(agencyId), year: '' },
      { filename: 'x.exe', bytes: new Uint8Array([0, 1, 2]) },
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('类型不允许');
    const missing = await upload(admin, { agencyId: String(agencyId), year: '' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('请选择要导入的年报文件');

    const preview = await upload(
      admin,
      { agencyId: String(agencyId), year: '' },
      { filename: 'gulou-2019.txt', bytes: SAMPLE },
    );
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('年报导入预览');
    expect(decode(preview.body)).toContain('文件写明的机关是“鼓楼区人民政府”，所选机关是“鼓楼区民政局”');
    expect(preview.body).toContain('S3-TOTAL-ROW');
    expect(preview.body).not.toContain('name="replace"');
    const payload = decode(/name="payload" value="([^"]*)"/.exec(preview.body)?.[1] ?? '');
    expect(JSON.parse(payload).year).toBe(2019);

    // Someone without the publisher role over the agency may not confirm it.
    const refused = await postForm(t.app, '/workbench/reports/import/confirm', jiaoyuAdmin, {
      agencyId: String(agencyId),
      payload,
    });
    expect(refused.statusCode).toBe(403);

    const done = await postForm(t.app, '/workbench/reports/import/confirm', admin, {
      agencyId: String(agencyId),
      payload,
    });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe(`/workbench/reports/compare?agency=${agencyId}&year=2019&imported=1`);
    const row = await t.database.db
      .selectFrom('annual_reports')
      .select(['source', 'status', 'file_name'])
      .where('agency_id', '=', agencyId)
      .where('year', '=', 2019)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ source: 'imported', status: 'published', file_name: 'gulou-2019.txt' });

    // The same year again: the preview offers to replace, and the confirmation insists.
    const second = await upload(
      admin,
      { agencyId: String(agencyId), year: '2019' },
      { filename: 'again.txt', bytes: SAMPLE },
    );
    expect(second.body).toContain('name="replace"');
    const payload2 = decode(/name="payload" value="([^"]*)"/.exec(second.body)?.[1] ?? '');
    const asked = await postForm(t.app, '/workbench/reports/import/confirm', admin, {
      agencyId: String(agencyId),
      payload: payload2,
    });
    expect(asked.statusCode).toBe(400);
    expect(asked.body).toContain('替换此前导入的年报');
    const replaced = await postForm(t.app, '/workbench/reports/import/confirm', admin, {
      agencyId: String(agencyId),
      payload: payload2,
      replace: '1',
    });
    expect(replaced.statusCode).toBe(303);
    const names = await t.database.db
      .selectFrom('annual_reports')
      .select('file_name')
      .where('agency_id', '=', agencyId)
      .execute();
    expect(names).toEqual([{ file_name: 'again.txt' }]);
  });

  it('refuses a tampered payload with cells the edition does not have', async () => {
    const payload = JSON.stringify({
      edition: '2019',
      year: 2018,
      cells: { 'no.such.cell': 1 },
      narrative: [],
      diagnostics: [],
      publishedOn: null,
      fileName: 'x.txt',
      format: 'text',
      detected: { agency: null, year: null },
    });
    const res = await postForm(t.app, '/workbench/reports/import/confirm', admin, {
      agencyId: String(ids.鼓楼区民政局),
      payload,
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('该格式没有的单元格');
  });
});
