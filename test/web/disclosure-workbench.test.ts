import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { createItem } from '../../src/disclosure/disclosure-items.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-attachment';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 7)]);

const upload = (fields: Record<string, string>, file: { filename: string; bytes: Buffer } | null): Buffer =>
  Buffer.concat([
    ...Object.entries(fields).map(([name, value]) =>
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    ),
    ...(file === null
      ? []
      : [
          Buffer.from(
            `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
          ),
          file.bytes,
          Buffer.from('\r\n'),
        ]),
    Buffer.from(`--${BOUNDARY}--\r\n`),
  ]);

const FORM = {
  title: '鼓楼区2024年临时救助工作实施细则',
  bodyHtml:
    '<h2>第一条</h2><p onclick="steal()">为规范临时救助工作，制定本细则。</p><script>alert(1)</script>',
  documentNumber: '鼓政〔2024〕88号',
  issuingAgency: '鼓楼区民政局',
  madeOn: '2024-09-27',
  article20Item: '11',
  category: '社会救助',
  tags: '社会救助，临时救助',
  channels: 'portal',
  newMedia: '鼓楼发布微信公众号',
  documentType: 'normative',
};

skipIfNoPostgres();

describe.each(testDatabases())('publishing on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let publisher: Browser;
  let approver: Browser;
  let viewer: Browser;

  beforeAll(async () => {
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '0' });
    h = await makeHierarchy(t.database.db);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    approver = await sessionFor(t.database, h.staff.approver.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
  });
  afterAll(() => t.close());

  const idOf = (location: unknown): number =>
    Number(/\/workbench\/disclosure\/(\d+)/.exec(String(location))?.[1]);
  const auditCount = async () =>
    Number(
      (
        await t.database.db
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const newDraft = async (fields: Record<string, string> = FORM): Promise<number> => {
    const res = await postForm(t.app, '/workbench/disclosure/new', publisher, {
      agencyId: String(h.gulou.id),
      ...fields,
    });
    expect(res.statusCode).toBe(303);
    return idOf(res.headers.location);
  };
  const attach = (browser: Browser, id: number, file: { filename: string; bytes: Buffer } | null) =>
    t.app.inject({
      method: 'POST',
      url: `/workbench/disclosure/${id}/attachments`,
      cookies: browser.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: upload({ _csrf: browser.csrfToken }, file),
    });

  it('creates a draft from the form, sanitised, with its fields, and shows it for editing', async () => {
    const form = await getPage(t.app, '/workbench/disclosure/new', publisher);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<label class="field__label" for="field-bodyHtml">');
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
    const id = await newDraft();
    const page = await getPage(t.app, `/workbench/disclosure/${id}?done=created`, publisher);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('草稿已保存');
    expect(page.body).toContain('当前阶段：<strong>草稿</strong>');
    expect(page.body).toContain('政府门户网站、鼓楼发布微信公众号');
    expect(page.body).toContain('规范性文件');
    expect(page.body).toContain('送保密审查');
    const row = await t.database.db
      .selectFrom('disclosure_items')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.body_html).toBe('<h2>第一条</h2><p>为规范临时救助工作，制定本细则。</p>');
    expect(JSON.parse(row.channels)).toEqual(['portal', '鼓楼发布微信公众号']);
    expect([row.document_type, row.validity, row.review_status]).toEqual(['normative', 'inForce', 'draft']);

    const bad = await postForm(t.app, '/workbench/disclosure/new', publisher, {
      ...FORM,
      agencyId: String(h.gulou.id),
      madeOn: '2024-13-01',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('成文日期应为 YYYY-MM-DD 格式的有效日期');
  });

  it('refuses to publish before approval, in Chinese, writing nothing', async () => {
    const id = await newDraft();
    const before = await auditCount();
    const res = await postForm(t.app, `/workbench/disclosure/${id}/publish`, publisher);
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('尚未经过保密审查和审批，不能发布');
    expect(await auditCount()).toBe(before);
    const portal = await getPage(t.app, `/agencies/${h.gulou.id}/items/${id}`);
    expect(portal.statusCode).toBe(404);
  });

  it('takes an item through review, approval and publication; withdrawn, it leaves the portal and search', async () => {
    const id = await newDraft({ ...FORM, title: '鼓楼区困难群众临时救助标准公示', tags: '临时救助' });

    const forged = await attach(publisher, id, { filename: '救助标准.pdf', bytes: EXE });
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('附件“救助标准.pdf”的内容是可执行程序（Windows 程序），不能上传');
    const none = await attach(publisher, id, null);
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('请选择要上传的文件');
    expect((await attach(viewer, id, { filename: '救助标准.pdf', bytes: PDF })).statusCode).toBe(403);
    const ok = await attach(publisher, id, { filename: '救助标准.pdf', bytes: PDF });
    expect(ok.statusCode).toBe(303);

    expect((await postForm(t.app, `/workbench/disclosure/${id}/review-request`, approver)).statusCode).toBe(
      403,
    );
    expect((await postForm(t.app, `/workbench/disclosure/${id}/review-request`, publisher)).statusCode).toBe(
      303,
    );
    const inReview = await getPage(t.app, `/workbench/disclosure/${id}`, approver);
    expect(inReview.body).toContain('记录审查结果');
    expect(inReview.body).not.toContain('编辑草稿');
    const blank = await postForm(t.app, `/workbench/disclosure/${id}/review`, approver, { result: '' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('请选择保密审查结果');
    expect(
      (
        await postForm(t.app, `/workbench/disclosure/${id}/review`, approver, {
          result: 'cleared',
          reviewer: '李审查',
        })
      ).statusCode,
    ).toBe(303);
    expect(
      (await postForm(t.app, `/workbench/disclosure/${id}/approve`, publisher, { verdict: 'approve' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await postForm(t.app, `/workbench/disclosure/${id}/approve`, approver, { verdict: 'approve' }))
        .statusCode,
    ).toBe(303);
    expect((await postForm(t.app, `/workbench/disclosure/${id}/publish`, publisher)).statusCode).toBe(303);

    const actions = (
      await t.database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'disclosureItem')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
    expect(actions).toEqual([
      'disclosure.create',
      'disclosure.attachment',
      'disclosure.reviewRequest',
      'disclosure.review',
      'disclosure.approve',
      'disclosure.publish',
    ]);

    const portal = await getPage(t.app, `/agencies/${h.gulou.id}/items/${id}`);
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('鼓楼区困难群众临时救助标准公示');
    expect(portal.body).toContain('现行有效');
    const link = /href="(\/agencies\/\d+\/items\/\d+\/attachments\/\d+)"/.exec(portal.body)?.[1] ?? '';
    expect(link).not.toBe('');
    const file = await getPage(t.app, link);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('救助标准.pdf')}`,
    );
    expect(file.rawPayload.equals(PDF)).toBe(true);
    const search = await getPage(t.app, `/search?q=${encodeURIComponent('临时救助标准')}`);
    expect(search.body).toContain(`/agencies/${h.gulou.id}/items/${id}`);

    const withdraw = await postForm(t.app, `/workbench/disclosure/${id}/withdraw`, publisher, {
      reason: '标准调整',
    });
    expect(withdraw.statusCode).toBe(303);
    expect((await getPage(t.app, `/agencies/${h.gulou.id}/items/${id}`)).statusCode).toBe(404);
    expect((await getPage(t.app, link)).statusCode).toBe(404);
    const after = await getPage(t.app, `/search?q=${encodeURIComponent('临时救助标准')}`);
    expect(after.body).not.toContain(`/agencies/${h.gulou.id}/items/${id}`);
    const page = await getPage(t.app, `/workbench/disclosure/${id}`, publisher);
    expect(page.body).toContain('当前阶段：<strong>已撤回</strong>');
  });

  it('lists the items of the user’s agencies by stage, late ones flagged', async () => {
    const late = await createItem(t.database.db, {
      agencyId: h.gulou.id,
      input: { title: '多年前成文尚未公开的通知', bodyHtml: '<p>正文</p>', madeOn: '2020-01-02' },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    await createItem(t.database.db, {
      agencyId: h.other.id,
      input: { title: '龙亭区的草稿', madeOn: '2020-01-02' },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    const list = await getPage(t.app, '/workbench/disclosure', viewer);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('多年前成文尚未公开的通知');
    expect(list.body).not.toContain('龙亭区的草稿');
    expect(list.body).not.toContain('新建信息');
    const row = list.body.slice(list.body.indexOf(`/workbench/disclosure/${late.id}"`));
    expect(row.slice(0, row.indexOf('</tr>'))).toContain('<span class="tag tag--off">逾期</span>');
    const deadline = (await loadCalendar(t.database.db)).addWorkingDays('2020-01-02', 20);
    expect(row.slice(0, row.indexOf('</tr>'))).toContain(deadline);

    const onlyLate = await getPage(t.app, '/workbench/disclosure?late=1', publisher);
    expect(onlyLate.body).toContain('多年前成文尚未公开的通知');
    expect(onlyLate.body).toContain('新建信息');
    const published = await getPage(t.app, '/workbench/disclosure?stage=published', publisher);
    expect(published.body).not.toContain('多年前成文尚未公开的通知');

    const detail = await getPage(t.app, `/workbench/disclosure/${late.id}`, viewer);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain('已经逾期');
    expect(detail.body).not.toContain('name="title"');
    expect(detail.body).toContain('您在此阶段没有可办理的事项');
    const eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    expect((await getPage(t.app, `/workbench/disclosure/${late.id}`, eduAdmin)).statusCode).toBe(404);
  });
});
