import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enteredFigures } from '../../src/disclosure/registers.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-registers';

const multipart = (csrf: string, filename: string, bytes: Uint8Array): Buffer =>
  Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);

skipIfNoPostgres();

describe.each(testDatabases())('Article 20 registers on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let publisher: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
  });
  afterAll(() => t.close());

  it('shows the year’s form in its edition, saves it, and names a bad figure', async () => {
    const url = `/workbench/agencies/${h.gulou.id}/registers/2019`;
    const page = await getPage(t.app, url, publisher);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('第二十条第（一）项（由主动公开信息统计，不能直接修改）');
    expect(page.body).toContain('其他对外管理服务事项 · 上一年项目数量');
    expect(page.body).toContain('for="field-s2-penalty-decisions"');
    const saved = await postForm(t.app, url, publisher, {
      's2.penalty.decisions': '2,816',
      's2.fees.change': '-1',
    });
    expect([saved.statusCode, saved.headers.location]).toEqual([303, `${url}?saved=1`]);
    expect(await enteredFigures(t.database.db, h.gulou.id, 2019)).toEqual({
      's2.penalty.decisions': '2816',
      's2.fees.change': '-1',
    });
    const bad = await postForm(t.app, url, publisher, {
      's2.penalty.decisions': '多',
      's2.fees.change': '-1',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('“行政处罚 · 处理决定数量”应为不小于 0 的整数');
    expect(bad.body).toContain('value="多"');
    // The 2021 edition's form has no 上一年项目数量.
    const later = await getPage(t.app, `/workbench/agencies/${h.gulou.id}/registers/2022`, publisher);
    expect(later.body).toContain('行政事业性收费 · 本年收费金额');
    expect(later.body).not.toContain('上一年项目数量');
    expect(
      (await getPage(t.app, `/workbench/agencies/${h.gulou.id}/registers/1900`, publisher)).statusCode,
    ).toBe(404);
  });

  it('uploads a CSV, previews it with its row errors, and confirms a correct one', async () => {
    const base = `/workbench/agencies/${h.edu.id}/registers/import`;
    const upload = (text: string) =>
      t.app.inject({
        method: 'POST',
        url: base,
        cookies: publisher.cookies,
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
        payload: multipart(publisher.csrfToken, 'r.csv', new TextEncoder().encode(text)),
      });
    const bad = await upload('年度,项目,栏目,数值\n2019,行政处罚,处理决定数量,x\n');
    expect(bad.statusCode).toBe(303);
    const badPreview = await getPage(t.app, bad.headers.location as string, publisher);
    expect(badPreview.body).toContain('有错误的行');
    expect(badPreview.body).not.toContain('确认导入');

    const good = await upload('年度,项目,栏目,数值\n2019,政府集中采购,采购项目数量,95\n');
    const preview = await getPage(t.app, good.headers.location as string, publisher);
    expect(preview.body).toContain('政府集中采购 · 采购项目数量');
    const importId = /name="importId" value="(\d+)"/.exec(preview.body)?.[1] ?? '';
    // Another agency's page cannot confirm it.
    expect(
      (
        await postForm(t.app, `/workbench/agencies/${h.gulou.id}/registers/import/confirm`, publisher, {
          importId,
        })
      ).statusCode,
    ).toBe(404);
    const confirmed = await postForm(t.app, `${base}/confirm`, publisher, { importId });
    expect(confirmed.statusCode).toBe(303);
    expect(await enteredFigures(t.database.db, h.edu.id, 2019)).toEqual({ 's2.procurement.projects': '95' });
  });
});
