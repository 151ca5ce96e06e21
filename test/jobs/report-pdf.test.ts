import { existsSync } from 'node:fs';
import { afterAll, expect, it } from 'vitest';
import { registerJobHandlers } from '../../src/jobs/handlers/index.ts';
import { REPORT_PDF, reportPdfJob, reportPdfKey, runReportPdf } from '../../src/jobs/handlers/report-pdf.ts';
import { type JobQueue, openJobQueue } from '../../src/jobs/job-queue.ts';
import { LetterPdf } from '../../src/letters/letter-pdf.ts';
import { loadPrincipal } from '../../src/orgs/load-principal.ts';
import type { Role } from '../../src/orgs/role.ts';
import {
  type ActingAs,
  approveReport,
  createAnnualReport,
  findAnnualReport,
  publishReport,
  submitReport,
} from '../../src/reports/documents/index.ts';
import { storedReportPdf, storeReportPdf } from '../../src/reports/documents/report-pdf-store.ts';
import { buildApp } from '../../src/web/app.ts';
import { insertApplication } from '../reports/compile/records.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser } from '../support/factories.ts';
import { testConfig } from '../web/support/web-app.ts';
import { dropJobSchema, FAST, waitFor } from './support.ts';

/** The published report's PDF printed once in the background (Chromium, real). */
const CHROMIUM = '/usr/bin/chromium';
if (!existsSync(CHROMIUM)) it.skip(`report PDF job: ${CHROMIUM} is not installed`, () => {});

describeEachDatabase('the report.pdf job', (db, database) => {
  const pdf = new LetterPdf();
  const queues: JobQueue[] = [];
  afterAll(async () => {
    for (const q of queues) await q.stop();
    await pdf.close();
    await dropJobSchema(database());
  });
  const NOW = new Date('2020-02-10T02:00:00Z');

  const publishedReport = async (publish = true) => {
    const agency = await makeAgency(db(), { kind: 'government' });
    const as = async (role: Role): Promise<ActingAs> => {
      const { user } = await makeUser(db(), { agencyId: agency.id, roles: [role] });
      return {
        principal: await loadPrincipal(db(), user.id),
        actor: { userId: user.id, label: role },
        now: NOW,
      };
    };
    const clerk = await as('publisher');
    const approver = await as('approver');
    await insertApplication(db(), {
      agencyId: agency.id,
      receivedOn: '2019-03-01',
      history: [{ type: 'decided', date: '2019-03-20', outcome: 'granted' }],
    });
    const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
    await submitReport(db(), id, clerk);
    await approveReport(db(), id, approver);
    if (publish) await publishReport(db(), id, clerk);
    return { agency, id };
  };

  it.runIf(existsSync(CHROMIUM))(
    'prints a published report once through the queue, and a second job prints nothing',
    async () => {
      const { id } = await publishedReport();
      const queue = openJobQueue(database(), { ...FAST, onError: () => {} });
      queues.push(queue);
      await registerJobHandlers(queue, db(), () => NOW, pdf);
      await queue.start();
      const jobId = await queue.send(REPORT_PDF, reportPdfJob(id), { singletonKey: reportPdfKey(id) });
      await waitFor(
        async () => ((await queue.get(jobId ?? ''))?.state === 'completed' ? true : undefined),
        'the PDF job to complete',
        30_000,
      );
      const report = await findAnnualReport(db(), id);
      const stored = await storedReportPdf(db(), id, report?.updatedAt ?? '');
      expect(stored?.subarray(0, 5).toString()).toBe('%PDF-');
      const printedAt = await db()
        .selectFrom('report_pdfs')
        .select('printed_at')
        .where('report_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(await runReportPdf(db(), reportPdfJob(id), pdf, new Date(NOW.getTime() + 60_000))).toBe(
        'unchanged',
      );
      const again = await db()
        .selectFrom('report_pdfs')
        .select('printed_at')
        .where('report_id', '=', id)
        .executeTakeFirstOrThrow();
      expect(again.printed_at).toBe(printedAt.printed_at);
    },
    60_000,
  );

  it('skips a report that is not published, and refuses bad data', async () => {
    const { id } = await publishedReport(false);
    expect(await runReportPdf(db(), reportPdfJob(id), pdf, NOW)).toBe('not-published');
    expect(await storedReportPdf(db(), id, (await findAnnualReport(db(), id))?.updatedAt ?? '')).toBeNull();
    await expect(runReportPdf(db(), { reportId: 'x' }, pdf, NOW)).rejects.toThrow(/reportId/);
  });

  it('serves the stored PDF on the portal, and not one of an older version', async () => {
    const { agency, id } = await publishedReport();
    const report = await findAnnualReport(db(), id);
    const app = await buildApp({ config: testConfig(), database: database(), logger: false, jobs: false });
    try {
      await storeReportPdf(db(), id, report?.updatedAt ?? '', Buffer.from('%PDF-stored'), NOW);
      const served = await app.inject({ method: 'GET', url: `/agencies/${agency.id}/reports/2019/pdf` });
      expect(served.statusCode).toBe(200);
      expect(served.body).toBe('%PDF-stored');
      expect(await storedReportPdf(db(), id, 'an older version')).toBeNull();
    } finally {
      await app.close();
    }
  });
});
