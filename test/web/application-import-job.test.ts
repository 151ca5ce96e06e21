import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { findImport, saveImport } from '../../src/applications/import/application-imports.ts';
import { checkImport } from '../../src/applications/import/check-import.ts';
import { readImportFiles } from '../../src/applications/import/read-import-file.ts';
import {
  APPLICATION_IMPORT,
  IMPORT_IN_BACKGROUND_FROM,
  runApplicationImport,
} from '../../src/jobs/handlers/application-import.ts';
import { registerJobHandlers } from '../../src/jobs/handlers/index.ts';
import { type JobQueue, openJobQueue } from '../../src/jobs/job-queue.ts';
import { buildApp } from '../../src/web/app.ts';
import {
  APPLICATION_HEADERS,
  applicationRow,
  csvBytes,
  csvText,
} from '../applications/import/import-files.ts';
import { dropJobSchema, FAST, waitFor } from '../jobs/support.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { type Hierarchy, makeHierarchy } from './support/hierarchy.ts';
import { type Browser, getPage, postForm, sessionFor, testConfig } from './support/web-app.ts';

/** A big import confirmed on the workbench is stored by the `applications.import` job. */
describeEachDatabase('an import of many applications, in the background', (db, database) => {
  let app: FastifyInstance;
  let queue: JobQueue;
  let h: Hierarchy;
  let registrar: Browser;
  const NOW = new Date('2026-11-20T02:00:00Z');

  beforeAll(async () => {
    queue = openJobQueue(database(), { ...FAST, onError: () => {} });
    await registerJobHandlers(queue, db());
    app = await buildApp({ config: testConfig(), database: database(), logger: false, jobs: queue });
    await app.ready();
    await queue.start();
    h = await makeHierarchy(db());
    registrar = await sessionFor(database(), h.staff.registrar.user.id);
  });
  afterAll(async () => {
    await app.close();
    await dropJobSchema(database());
  });

  const stage = async (count: number, prefix: string) => {
    const rows = Array.from({ length: count }, (_, i) => applicationRow(`${prefix}-${i}`, '2026-11-02'));
    const raw = await readImportFiles({
      fileName: 'applications.csv',
      bytes: csvBytes(csvText(APPLICATION_HEADERS, rows), 'utf-8'),
    });
    const checked = await checkImport(db(), { agencyId: h.gulou.id, raw, now: NOW });
    expect(checked.summary.errors).toEqual([]);
    return saveImport(db(), { agencyId: h.gulou.id, userId: null, fileName: 'big.csv', checked, now: NOW });
  };
  const storedCount = async (prefix: string) =>
    (
      await db()
        .selectFrom('applications')
        .select('id')
        .where('idempotency_key', 'like', `import:${prefix}-%`)
        .execute()
    ).length;

  it('queues the import, the job stores all of it once, and the page says so', async () => {
    const id = await stage(IMPORT_IN_BACKGROUND_FROM, 'big');
    const confirmed = await postForm(app, `/workbench/applications/import/${id}/confirm`, registrar);
    expect(confirmed.statusCode).toBe(303);
    expect(confirmed.headers.location).toBe(`/workbench/applications/import/${id}?queued=1`);
    const page = await getPage(app, `/workbench/applications/import/${id}?queued=1`, registrar);
    expect(page.body).toContain('已转入后台导入');
    await waitFor(
      async () => ((await findImport(db(), id))?.status === 'done' ? true : undefined),
      'the import job',
      60_000,
    );
    expect(await storedCount('big')).toBe(IMPORT_IN_BACKGROUND_FROM);
    const jobs = await queue.list({ name: APPLICATION_IMPORT, limit: 10, offset: 0 });
    expect(jobs.jobs.map((j) => j.state)).toEqual(['completed']);
    // Run again (a retry): nothing more is stored.
    expect(await runApplicationImport(db(), { importId: id, userId: null, label: 'x' }, NOW)).toMatchObject({
      imported: false,
    });
    expect(await storedCount('big')).toBe(IMPORT_IN_BACKGROUND_FROM);
  }, 90_000);

  it('stores a small import at once, in the request', async () => {
    const id = await stage(3, 'small');
    const confirmed = await postForm(app, `/workbench/applications/import/${id}/confirm`, registrar);
    expect(confirmed.headers.location).toBe(`/workbench/applications/import/${id}?done=1`);
    expect(await storedCount('small')).toBe(3);
  });
});
