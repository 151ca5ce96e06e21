import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type LetterPdf, sharedLetterPdf } from '../../letters/letter-pdf.ts';
import type { RetryOptions } from '../job.ts';
import type { JobQueue } from '../job-queue.ts';
import { APPLICATION_IMPORT, runApplicationImport } from './application-import.ts';
import { AUDIT_BATCH, AUDIT_BATCH_RETRY, auditBatchHandler } from './audit-batch.ts';
import { CALENDAR_RECOMPUTE, recomputeOpenDeadlines } from './calendar-recompute.ts';
import { DEADLINE_REMINDERS, generateReminders } from './deadline-reminders.ts';
import { REPORT_PDF, runReportPdf } from './report-pdf.ts';
import { runSearchMerge, SEARCH_MERGE } from './search-merge.ts';

/** How each job is retried: a million applications may take a while to recompute. */
export const JOB_RETRY: Readonly<Record<string, RetryOptions>> = {
  [CALENDAR_RECOMPUTE]: { retryLimit: 3, retryDelaySec: 300, retryBackoff: true, expireInSeconds: 4 * 3600 },
  [DEADLINE_REMINDERS]: { retryLimit: 5, retryDelaySec: 60, retryBackoff: true, expireInSeconds: 3600 },
  // Chromium may be starting or busy: a few quick retries.
  // The import is all or nothing; a retry after a lost connection stores it, a second finds it done.
  [APPLICATION_IMPORT]: { retryLimit: 2, retryDelaySec: 30, retryBackoff: true, expireInSeconds: 3600 },
  [REPORT_PDF]: { retryLimit: 4, retryDelaySec: 10, retryBackoff: true, expireInSeconds: 600 },
  [SEARCH_MERGE]: { retryLimit: 2, retryDelaySec: 600, retryBackoff: true, expireInSeconds: 3600 },
  // A batch of 10,000+ reports may take hours; a run past its expiry is taken for dead.
  [AUDIT_BATCH]: AUDIT_BATCH_RETRY,
};

/**
 * The application's jobs on this queue: recomputing the stored deadlines nightly at 02:00 and
 * on an admin's demand, merging the search index's segments nightly at 03:30, the handlers'
 * reminders daily at 08:00 (Beijing time), a published annual report's PDF when it is published. Each handler is
 * idempotent (see its function): a retry or a second run changes nothing the first did not.
 */
export async function registerJobHandlers(
  queue: JobQueue,
  db: Kysely<DB>,
  now: () => Date = () => new Date(),
  pdf: LetterPdf = sharedLetterPdf,
): Promise<void> {
  queue.work(APPLICATION_IMPORT, async ({ data }) => {
    await runApplicationImport(db, data, now());
  });
  queue.work(REPORT_PDF, async ({ data }) => {
    await runReportPdf(db, data, pdf, now());
  });
  queue.work(AUDIT_BATCH, auditBatchHandler(db));
  queue.work(CALENDAR_RECOMPUTE, async ({ signal }) => {
    await recomputeOpenDeadlines(db, { now: now(), signal });
  });
  queue.work(SEARCH_MERGE, async ({ signal }) => {
    await runSearchMerge(db, signal);
  });
  queue.work(DEADLINE_REMINDERS, async ({ signal }) => {
    await generateReminders(db, { now: now(), signal });
  });
  await queue.schedule(CALENDAR_RECOMPUTE, '0 2 * * *', {}, JOB_RETRY[CALENDAR_RECOMPUTE]);
  await queue.schedule(SEARCH_MERGE, '30 3 * * *', {}, JOB_RETRY[SEARCH_MERGE]);
  await queue.schedule(DEADLINE_REMINDERS, '0 8 * * *', {}, JOB_RETRY[DEADLINE_REMINDERS]);
}
