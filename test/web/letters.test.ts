import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../src/letters/letter-pdf.ts';
import { decide, makeApplication, recordEvent } from '../letters/support.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import {
  anonymousBrowser,
  type Browser,
  getPage,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from './support/web-app.ts';

const hasChromium = existsSync(CHROMIUM_PATH);

const letterIdOf = (body: string): number => {
  const match = /\/letters\/(\d+)\/html/.exec(body);
  if (!match?.[1]) throw new Error('no letter link on the page');
  return Number(match[1]);
};

/** The message of a refused lookup, as the track page shows it. */
const alertOf = (body: string) => /<div class="notice" role="alert">([^<]+)<\/div>/.exec(body)?.[1];

skipIfNoPostgres();

describe.each(testDatabases())('letters in the workbench and on the portal ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let handler: Browser;
  let viewer: Browser;
  let admin: Browser;
  let eduAdmin: Browser;
  let anonymous: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
    admin = await sessionFor(t.database, h.staff.admin.user.id);
    eduAdmin = await sessionFor(t.database, h.eduAdmin.user.id);
    anonymous = await anonymousBrowser(t.app);
  });
  afterAll(() => t.close());

  it('lets a handler issue a receipt and download it as HTML and DOCX with a Chinese file name', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    const url = `/workbench/applications/${a.id}/letters`;
    const page = await getPage(t.app, url, handler);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('还没有出具文书。');
    expect(page.body).toContain('<option value="receipt"');
    expect(page.body).not.toContain('<option value="correction"');

    const issued = await postForm(t.app, url, handler, { kind: 'receipt' });
    expect(issued.statusCode).toBe(303);
    expect(issued.headers.location).toBe(`${url}?issued=receipt#letters`);
    const after = await getPage(t.app, `${url}?issued=receipt`, handler);
    expect(after.body).toContain('已出具《受理回执》。');
    const letterId = letterIdOf(after.body);

    const html = await getPage(t.app, `${url}/${letterId}/html`, handler);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-disposition']).toMatch(
      new RegExp(
        `^attachment; filename="letter-${a.trackingNumber}-${letterId}\\.html"; filename\\*=UTF-8''${encodeURIComponent(`受理回执-${a.trackingNumber}-${letterId}.html`)}$`,
      ),
    );
    expect(html.headers['cache-control']).toBe('no-store');
    expect(html.body).toContain('张三：');
    expect(html.body).toContain('鼓楼区人民政府办公室');

    const docx = await t.app.inject({
      method: 'GET',
      url: `${url}/${letterId}/docx`,
      cookies: handler.cookies,
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const xml = strFromU8(unzipSync(docx.rawPayload)['word/document.xml'] ?? new Uint8Array());
    expect(xml).toContain('政府信息公开申请受理回执');

    const timeline = await getPage(t.app, `/workbench/applications/${a.id}`, handler);
    expect(timeline.body).toContain('出具《受理回执》');
  });

  it('refuses a letter the record does not allow, in Chinese, and lets no viewer issue or read one', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    const url = `/workbench/applications/${a.id}/letters`;
    const refused = await postForm(t.app, url, handler, { kind: 'reply' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('本申请尚未作出答复决定，作出决定后才能出具答复告知书');
    expect((await postForm(t.app, url, viewer, { kind: 'receipt' })).statusCode).toBe(403);
    await postForm(t.app, url, handler, { kind: 'receipt' });
    const letterId = letterIdOf((await getPage(t.app, url, handler)).body);
    expect((await getPage(t.app, `${url}/${letterId}/html`, viewer)).statusCode).toBe(403);
    const viewerPage = await getPage(t.app, url, viewer);
    expect(viewerPage.statusCode).toBe(200);
    expect(viewerPage.body).not.toContain('/html"');
    expect(viewerPage.body).not.toContain('出具文书</button>');
  });

  it('answers 404 for an application of another agency and for a letter of another application', async () => {
    const other = await makeApplication(t.database.db, h.other.id);
    const url = `/workbench/applications/${other.id}/letters`;
    expect((await getPage(t.app, url, handler)).statusCode).toBe(404);
    expect((await postForm(t.app, url, handler, { kind: 'receipt' })).statusCode).toBe(404);
    const mine = await makeApplication(t.database.db, h.gulou.id);
    await postForm(t.app, `/workbench/applications/${mine.id}/letters`, handler, { kind: 'receipt' });
    const letterId = letterIdOf(
      (await getPage(t.app, `/workbench/applications/${mine.id}/letters`, handler)).body,
    );
    const another = await makeApplication(t.database.db, h.gulou.id);
    expect(
      (await getPage(t.app, `/workbench/applications/${another.id}/letters/${letterId}/html`, handler))
        .statusCode,
    ).toBe(404);
  });

  it('lets the admin edit a template: unknown placeholders refused by name, previews escaped, the saved one used', async () => {
    const list = await getPage(t.app, '/workbench/letter-templates', admin);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`/workbench/letter-templates/${h.gulou.id}/correction`);
    expect((await getPage(t.app, '/workbench/letter-templates', handler)).statusCode).toBe(403);
    expect((await getPage(t.app, '/workbench', admin)).body).toContain('/workbench/letter-templates');

    const url = `/workbench/letter-templates/${h.gulou.id}/receipt`;
    const edit = await getPage(t.app, url, admin);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('{{收到日期}}');
    expect(edit.body).toContain('GK2024092700000001'); // the preview's sample application
    expect((await getPage(t.app, url, eduAdmin)).statusCode).toBe(403);
    expect(
      (await getPage(t.app, `/workbench/letter-templates/${h.gulou.id}/nonsense`, admin)).statusCode,
    ).toBe(404);

    const unknown = await postForm(t.app, url, admin, {
      intent: 'save',
      title: '受理回执',
      body: '{{申请编号}}{{收到日期}}{{经办人}}',
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.body).toContain('未知的占位符 {{经办人}}');

    const body =
      '< {{申请人}}：\n<script>alert(1)</script>收到{{收到日期}}，编号{{申请编号}}。\n> {{机关名称}}';
    const preview = await postForm(t.app, url, admin, { intent: 'preview', title: '回执', body });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toMatch(/&lt;script(&gt;|>)alert\(1\)&lt;\/script(&gt;|>)收到2024年9月27日/);
    expect(preview.body).not.toContain('<script>alert(1)</script>');

    const saved = await postForm(t.app, url, admin, { intent: 'save', title: '{{机关名称}}回执', body });
    expect(saved.statusCode).toBe(303);
    const a = await makeApplication(t.database.db, h.gulou.id);
    await postForm(t.app, `/workbench/applications/${a.id}/letters`, handler, { kind: 'receipt' });
    const page = await getPage(t.app, `/workbench/applications/${a.id}/letters`, handler);
    expect(page.body).toContain('鼓楼区人民政府回执');

    expect((await postForm(t.app, url, admin, { intent: 'reset' })).statusCode).toBe(303);
    expect((await getPage(t.app, url, admin)).body).toContain('正在使用系统默认模板');
  });

  it('shows the applicant the status, deadline, outcome and their letters, and lets them download one', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    await recordEvent(t.database.db, a.id, {
      type: 'correctionAsked',
      date: '2024-10-09',
      until: '2024-10-23',
    });
    const url = `/workbench/applications/${a.id}/letters`;
    await postForm(t.app, url, handler, { kind: 'correction' });
    await recordEvent(t.database.db, a.id, { type: 'correctionReceived', date: '2024-10-21' });
    await recordEvent(t.database.db, a.id, { type: 'consultationStarted', date: '2024-10-22' });
    await postForm(t.app, url, handler, { kind: 'consultation', thirdParty: '某某公司' });

    const waiting = await postForm(t.app, '/track', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
    });
    expect(waiting.statusCode).toBe(200);
    expect(waiting.body).toContain('办理中');
    expect(waiting.body).toContain('暂停计算：等待第三方或其他机关答复至');
    expect(waiting.body).toContain('政府信息公开申请补正告知书');
    // The consultation letter goes to the third party, not to the applicant.
    expect(waiting.body).not.toContain('征求第三方意见书');
    expect(waiting.body).not.toContain('某某公司');

    await recordEvent(t.database.db, a.id, { type: 'consultationEnded', date: '2024-10-25' });
    await decide(t.database.db, a.id, { outcome: 'withheld.thirdParty', reason: '第三方不同意公开。' });
    await postForm(t.app, url, handler, { kind: 'reply' });
    const decided = await postForm(t.app, '/track', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
    });
    expect(decided.body).toContain('已作出答复');
    expect(decided.body).toContain('保护第三方合法权益（《条例》第十五条、第三十二条）');
    expect(decided.body).toContain('政府信息公开申请答复告知书');
    // Nothing internal: no handler, no notes, no events of the workbench.
    expect(decided.body).not.toContain('鼓楼handler');
    expect(decided.body).not.toContain('第三方不同意公开。');
    expect(decided.body).not.toContain('保密审查');
    expect(decided.body).not.toContain('13812345678');

    const ids = [...decided.body.matchAll(/name="letterId" value="(\d+)"/g)].map((m) => Number(m[1]));
    const replyId = Math.max(...ids);
    const download = await postForm(t.app, '/track/letters', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
      letterId: String(replyId),
      format: 'html',
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('答复告知书（不予公开）')}`,
    );
    expect(download.body).toContain('应当先申请行政复议');
    expect(download.body).toContain('第三方不同意公开。');
    const docx = await postForm(t.app, '/track/letters', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
      letterId: String(replyId),
      format: 'docx',
    });
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString('latin1')).toBe('PK');
  });

  it('refuses a wrong code and another application’s letter exactly as a wrong lookup', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    const b = await makeApplication(t.database.db, h.gulou.id);
    await postForm(t.app, `/workbench/applications/${a.id}/letters`, handler, { kind: 'receipt' });
    await postForm(t.app, `/workbench/applications/${b.id}/letters`, handler, { kind: 'receipt' });
    const letterOfB = letterIdOf(
      (await getPage(t.app, `/workbench/applications/${b.id}/letters`, handler)).body,
    );
    const letterOfA = letterIdOf(
      (await getPage(t.app, `/workbench/applications/${a.id}/letters`, handler)).body,
    );

    const wrongLookup = await postForm(t.app, '/track', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: 'not-the-code',
    });
    const download = (fields: Record<string, string>) =>
      postForm(t.app, '/track/letters', anonymous, { format: 'html', ...fields });
    const wrongCode = await download({
      trackingNumber: a.trackingNumber,
      secretCode: 'not-the-code',
      letterId: String(letterOfA),
    });
    const unknownNumber = await download({
      trackingNumber: 'GK2099010100000000',
      secretCode: a.secretCode,
      letterId: String(letterOfA),
    });
    const othersLetter = await download({
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
      letterId: String(letterOfB),
    });
    for (const response of [wrongCode, unknownNumber, othersLetter]) {
      expect(response.statusCode).toBe(wrongLookup.statusCode);
      expect(response.statusCode).toBe(404);
      expect(alertOf(response.body)).toBe(alertOf(wrongLookup.body));
      expect(response.body).not.toContain('张三');
    }
    // The form token is required as for every form.
    const forged = await postForm(
      t.app,
      '/track/letters',
      anonymous,
      {
        trackingNumber: a.trackingNumber,
        secretCode: a.secretCode,
        letterId: String(letterOfA),
        format: 'html',
      },
      { csrf: false },
    );
    expect(forged.statusCode).toBe(403);
  });

  it.runIf(hasChromium)('stores a PDF with each letter and serves it to staff and applicant', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    const url = `/workbench/applications/${a.id}/letters`;
    await postForm(t.app, url, handler, { kind: 'receipt' });
    const letterId = letterIdOf((await getPage(t.app, url, handler)).body);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `${url}/${letterId}/pdf`,
      cookies: handler.cookies,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const stored = await t.database.db
      .selectFrom('application_letters')
      .select('pdf')
      .where('id', '=', letterId)
      .executeTakeFirstOrThrow();
    expect(stored.pdf).not.toBeNull();
    const portal = await postForm(t.app, '/track/letters', anonymous, {
      trackingNumber: a.trackingNumber,
      secretCode: a.secretCode,
      letterId: String(letterId),
      format: 'pdf',
    });
    expect(portal.statusCode).toBe(200);
    expect(portal.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
  if (!hasChromium) it.skip(`PDF letters over the web: ${CHROMIUM_PATH} is not installed`, () => {});
});
