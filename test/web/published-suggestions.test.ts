import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { testDatabases } from '../support/databases.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  getPage,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from './support/web-app.ts';

skipIfNoPostgres();

const form = (description: string, submissionKey: string) => ({
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description,
  formWanted: 'electronic',
  submissionKey,
});

describe.each(testDatabases())('already-published items suggested at intake ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let itemId: number;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    const item = await createItem(t.database.db, {
      agencyId: h.gulou.id,
      input: {
        title: '鼓楼区2023年度最低生活保障资金发放情况',
        bodyHtml: '<p>2023年全区发放最低生活保障资金共计1234万元。</p>',
        documentNumber: '鼓民〔2024〕3号',
      },
      actor: TEST_ACTOR,
      now: new Date(),
    });
    itemId = (
      await publishItem(t.database.db, {
        itemId: item.id,
        actor: TEST_ACTOR,
        now: new Date(),
        skipReview: true,
      })
    ).id;
  });
  afterAll(() => t.close());

  it('points the applicant to the published item after submitting, and to search before', async () => {
    const apply = await getPage(t.app, `/agencies/${h.gulou.id}/apply/online`);
    expect(apply.body).toContain(`/search?agency=${h.gulou.id}`);
    const browser = await anonymousBrowser(t.app);
    const res = await postForm(
      t.app,
      `/agencies/${h.gulou.id}/apply/online`,
      browser,
      form('请公开2023年低保资金发放情况', 'suggest-1'),
    );
    expect(res.statusCode).toBe(201);
    expect(res.body).toContain('这些已主动公开的信息可能就是您要找的');
    expect(res.body).toContain(`/agencies/${h.gulou.id}/items/${itemId}`);
    const unrelated = await postForm(
      t.app,
      `/agencies/${h.gulou.id}/apply/online`,
      await anonymousBrowser(t.app),
      form('城市道路绿化养护合同', 'suggest-2'),
    );
    expect(unrelated.statusCode).toBe(201);
    expect(unrelated.body).not.toContain('这些已主动公开的信息可能就是您要找的');
  });

  it('shows the clerk the published item on the application page', async () => {
    const row = await t.database.db
      .selectFrom('applications')
      .select('id')
      .where('idempotency_key', '=', 'suggest-1')
      .executeTakeFirstOrThrow();
    const registrar = await sessionFor(t.database, h.staff.registrar.user.id);
    const page = await getPage(t.app, `/workbench/applications/${row.id}`, registrar);
    expect(page.body).toContain('已主动公开的相关信息');
    expect(page.body).toContain('鼓楼区2023年度最低生活保障资金发放情况');
  });
});
