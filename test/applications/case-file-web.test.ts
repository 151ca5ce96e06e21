import { existsSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_PATH } from '../../src/letters/letter-pdf.ts';
import { makeApplication } from '../letters/support.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { type Hierarchy, makeHierarchy } from '../web/support/hierarchy.ts';
import {
  type Browser,
  getPage,
  openTestApp,
  postForm,
  sessionFor,
  type TestApp,
} from '../web/support/web-app.ts';

const hasChromium = existsSync(CHROMIUM_PATH);

skipIfNoPostgres();

describe.each(testDatabases())('the case file on the workbench ($name)', (target) => {
  let t: TestApp;
  let h: Hierarchy;
  let handler: Browser;
  let approver: Browser;
  let viewer: Browser;

  beforeAll(async () => {
    t = await openTestApp(target);
    h = await makeHierarchy(t.database.db);
    handler = await sessionFor(t.database, h.staff.handler.user.id);
    approver = await sessionFor(t.database, h.staff.approver.user.id);
    viewer = await sessionFor(t.database, h.staff.viewer.user.id);
  });
  afterAll(() => t.close());

  it('offers the export to a handler and sends the ZIP with the receipt issued on the workbench', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    await postForm(t.app, `/workbench/applications/${a.id}/letters`, handler, { kind: 'receipt' });
    const page = await getPage(t.app, `/workbench/applications/${a.id}`, handler);
    expect(page.body).toContain(`href="/workbench/applications/${a.id}/case-file.pdf"`);
    expect(page.body).toContain(`href="/workbench/applications/${a.id}/case-file.zip"`);

    const zip = await t.app.inject({
      method: 'GET',
      url: `/workbench/applications/${a.id}/case-file.zip`,
      cookies: handler.cookies,
    });
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['cache-control']).toBe('no-store');
    expect(zip.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`案卷-${a.trackingNumber}.zip`)}`,
    );
    const names = Object.keys(unzipSync(zip.rawPayload));
    expect(names.filter((n) => n.startsWith('letters/01-受理回执-')).length).toBeGreaterThanOrEqual(2);
    expect(names).toContain('timeline.csv');
  });

  it.skipIf(!hasChromium)('sends the PDF', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    const pdf = await t.app.inject({
      method: 'GET',
      url: `/workbench/applications/${a.id}/case-file.pdf`,
      cookies: handler.cookies,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses roles that do not see personal data (403), hides the button from them, and tells nothing outside (404)', async () => {
    const a = await makeApplication(t.database.db, h.gulou.id);
    for (const browser of [approver, viewer]) {
      for (const format of ['pdf', 'zip']) {
        const refused = await getPage(t.app, `/workbench/applications/${a.id}/case-file.${format}`, browser);
        expect(refused.statusCode).toBe(403);
        expect(refused.body).toContain('案卷含申请人的个人信息');
      }
      expect((await getPage(t.app, `/workbench/applications/${a.id}`, browser)).body).not.toContain(
        'case-file',
      );
    }
    const other = await makeApplication(t.database.db, h.other.id);
    expect(
      (await getPage(t.app, `/workbench/applications/${other.id}/case-file.zip`, handler)).statusCode,
    ).toBe(404);
    const exported = await t.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', String(a.id))
      .where('action', '=', 'application.caseFileExported')
      .execute();
    expect(exported).toEqual([]);
  });
});
