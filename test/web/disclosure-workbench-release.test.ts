import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { beijingDate } from '../../src/web/presenters/dates.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, openTestApp, postForm, sessionFor, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

const today = () => beijingDate(new Date().toISOString());

describe.each(testDatabases())('release to all and validity on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let publisher: Browser;
  let handler: Browser;
  let viewer: Browser;

  beforeAll(async () => {
    t = await openTestApp(target, { PORTAL_CACHE_SECONDS: '0' });
    h = await makeHierarchy(t.database.db);
    publisher = await sessionFor(t.database, h.staff.publisher.user.id);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
  });
  afterAll(() => t.close());

  const submit = async (description: string, outcome: string | null) => {
    const { id } = await submitApplication(t.database.db, {
      agencyId: h.gulou.id,
      input: {
        channel: 'letter',
        arrivedOn: today(),
        receivedOn: today(),
        applicantType: 'natural',
        applicantName: '王小明',
        idType: 'residentId',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        description,
        formWanted: 'paper',
      },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    if (outcome !== null)
      await t.database.db
        .updateTable('applications')
        .set({ outcome: outcome as 'granted', decided_on: today(), stage: 'decided' })
        .where('id', '=', id)
        .execute();
    return id;
  };
  const itemsFrom = (applicationId: number) =>
    t.database.db
      .selectFrom('disclosure_items')
      .selectAll()
      .where('source_application_id', '=', applicationId)
      .execute();

  it('releases a granted application’s information as a draft linked both ways, from a form', async () => {
    const id = await submit('鼓楼区2024年老旧小区改造项目清单 <及资金>', 'partial');
    const detail = await getPage(t.app, `/workbench/applications/${id}`, publisher);
    expect(detail.statusCode).toBe(200);
    expect(detail.body).toContain(`href="/workbench/applications/${id}/release-to-all"`);
    // The handler sees the application but does not publish: no link, and the form is refused.
    const asHandler = await getPage(t.app, `/workbench/applications/${id}`, handler);
    expect(asHandler.body).not.toContain('/release-to-all');
    expect((await getPage(t.app, `/workbench/applications/${id}/release-to-all`, handler)).statusCode).toBe(
      403,
    );

    const form = await getPage(t.app, `/workbench/applications/${id}/release-to-all`, publisher);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('<h1>转为主动公开</h1>');
    expect(form.body).toMatch(/name="_csrf" value="[^"]+"/);
    expect(form.body).toContain('value="鼓楼区2024年老旧小区改造项目清单 &lt;及资金>"');
    expect(form.body).toContain('&lt;p>鼓楼区2024年老旧小区改造项目清单 &amp;#60;及资金&amp;#62;&lt;/p>');
    expect(form.body).toContain('<label class="field__label" for="field-article20Item">');
    // The applicant's personal data is not put into what will be published.
    expect(form.body).not.toContain('王小明');
    expect(form.body).not.toContain('11010519491231002X');

    const url = `/workbench/applications/${id}/release-to-all`;
    const fields = {
      title: '鼓楼区2024年老旧小区改造项目清单',
      bodyHtml: '<p>共 12 个小区。</p><script>alert(1)</script>',
      article20Item: '9',
      category: '城乡建设',
      tags: '老旧小区改造',
    };
    expect((await postForm(t.app, url, publisher, fields, { csrf: false })).statusCode).toBe(403);
    expect((await postForm(t.app, url, handler, fields)).statusCode).toBe(403);
    const blank = await postForm(t.app, url, publisher, { ...fields, title: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('请填写公开信息的标题');
    expect(blank.body).toContain('共 12 个小区');
    const badItem = await postForm(t.app, url, publisher, { ...fields, article20Item: '99' });
    expect(badItem.statusCode).toBe(400);
    expect(badItem.body).toContain('第二十条类别应为 1 至');
    expect(await itemsFrom(id)).toEqual([]);

    const ok = await postForm(t.app, url, publisher, fields);
    expect(ok.statusCode).toBe(303);
    const itemId = Number(
      /^\/workbench\/disclosure\/(\d+)\?done=released$/.exec(String(ok.headers.location))?.[1],
    );
    const [row, ...more] = await itemsFrom(id);
    expect(more).toEqual([]);
    expect(row?.id).toBe(itemId);
    expect([row?.title, row?.body_html, row?.article20_item, row?.category, row?.status]).toEqual([
      '鼓楼区2024年老旧小区改造项目清单',
      '<p>共 12 个小区。</p>',
      9,
      '城乡建设',
      'draft',
    ]);
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'disclosureItem')
      .where('entity_id', '=', String(itemId))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.create', 'disclosure.releaseToAll']);

    const item = await getPage(t.app, `/workbench/disclosure/${itemId}?done=released`, publisher);
    expect(item.body).toContain('已据申请生成主动公开草稿');
    expect(item.body).toContain('来源申请（第四十四条）');
    expect(item.body).toContain(`href="/workbench/applications/${id}"`);
    const back = await getPage(t.app, `/workbench/applications/${id}`, publisher);
    expect(back.body).toContain(`href="/workbench/disclosure/${itemId}"`);
    expect(back.body).toContain('鼓楼区2024年老旧小区改造项目清单</a>（待发布）');
  });

  it('refuses an application that released nothing, and one the user cannot see', async () => {
    const withheld = await submit('某企业的商业秘密', 'withheld.thirdParty');
    const open = await submit('尚未答复的申请', null);
    for (const id of [withheld, open]) {
      const page = await getPage(t.app, `/workbench/applications/${id}`, publisher);
      expect(page.body).not.toContain('/release-to-all');
      const res = await getPage(t.app, `/workbench/applications/${id}/release-to-all`, publisher);
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('只有答复为“予以公开”或“部分公开”的申请');
      const post = await postForm(t.app, `/workbench/applications/${id}/release-to-all`, publisher, {
        title: '标题',
        bodyHtml: '<p>正文</p>',
      });
      expect(post.statusCode).toBe(409);
      expect(await itemsFrom(id)).toEqual([]);
    }
    const granted = await submit('2023年度最低生活保障资金发放情况', 'granted');
    const eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    expect(
      (await getPage(t.app, `/workbench/applications/${granted}/release-to-all`, eduAdmin)).statusCode,
    ).toBe(404);
  });

  const publishedDocument = async (title: string, documentType: 'normative' | null) => {
    const item = await createItem(t.database.db, {
      agencyId: h.gulou.id,
      input: {
        title,
        bodyHtml: '<p>第一条 为规范管理，制定本办法。</p>',
        madeOn: '2023-03-01',
        documentNumber: '鼓政〔2023〕7号',
        ...(documentType === null ? {} : { documentType }),
      },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    await publishItem(t.database.db, {
      itemId: item.id,
      actor: TEST_ACTOR,
      now: new Date(),
      skipReview: true,
    });
    return item.id;
  };

  it('marks a published normative document repealed with its day, audited, and the portal shows it', async () => {
    const id = await publishedDocument('鼓楼区城市管理暂行办法', 'normative');
    const page = await getPage(t.app, `/workbench/disclosure/${id}`, publisher);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/workbench/disclosure/${id}/validity"`);
    expect(page.body).toContain('<label class="field__label" for="field-repealedOn">');
    expect((await getPage(t.app, `/workbench/disclosure/${id}`, viewer)).body).not.toContain('/validity"');

    const url = `/workbench/disclosure/${id}/validity`;
    expect(
      (await postForm(t.app, url, viewer, { validity: 'repealed', repealedOn: '2024-05-06' })).statusCode,
    ).toBe(403);
    expect(
      (
        await postForm(
          t.app,
          url,
          publisher,
          { validity: 'repealed', repealedOn: '2024-05-06' },
          { csrf: false },
        )
      ).statusCode,
    ).toBe(403);
    const noDay = await postForm(t.app, url, publisher, { validity: 'repealed', repealedOn: '' });
    expect(noDay.statusCode).toBe(400);
    expect(noDay.body).toContain('已废止的文件请填写废止日期');
    const early = await postForm(t.app, url, publisher, { validity: 'repealed', repealedOn: '2022-12-31' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('废止日期不能早于成文日期');

    const ok = await postForm(t.app, url, publisher, { validity: 'repealed', repealedOn: '2024-05-06' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/workbench/disclosure/${id}?done=validity`);
    const row = await t.database.db
      .selectFrom('disclosure_items')
      .select(['validity', 'repealed_on', 'status'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ validity: 'repealed', repealed_on: '2024-05-06', status: 'published' });
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id'])
      .where('entity_type', '=', 'disclosureItem')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'disclosure.validity')
      .execute();
    expect(audit).toEqual([{ action: 'disclosure.validity', actor_user_id: h.staff.publisher.user.id }]);
    const after = await getPage(t.app, `/workbench/disclosure/${id}?done=validity`, publisher);
    expect(after.body).toContain('效力状态已更新');
    expect(after.body).toContain('已废止（2024-05-06 废止）');
    const portal = await getPage(t.app, `/agencies/${h.gulou.id}/items/${id}`);
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain('已废止（2024-05-06 废止）');

    // In force again.
    expect((await postForm(t.app, url, publisher, { validity: 'inForce', repealedOn: '' })).statusCode).toBe(
      303,
    );
    const portalAgain = await getPage(t.app, `/agencies/${h.gulou.id}/items/${id}`);
    expect(portalAgain.body).toContain('现行有效');
    expect(portalAgain.body).not.toContain('已废止');
  });

  it('has no validity form for an item that is not a rule or normative document', async () => {
    const id = await publishedDocument('鼓楼区2023年重点工作安排', null);
    const page = await getPage(t.app, `/workbench/disclosure/${id}`, publisher);
    expect(page.body).not.toContain('/validity"');
    const res = await postForm(t.app, `/workbench/disclosure/${id}/validity`, publisher, {
      validity: 'repealed',
      repealedOn: '2024-05-06',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('效力状态只适用于规章和规范性文件');
  });
});
