import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LetterPdf } from '../../letters/letter-pdf.ts';
import { findAnnualReport } from './annual-report.repository.ts';
import { loadReportDocument } from './report-document.ts';
import { reportHtml } from './report-files.ts';

/** The stored PDF of the report as it is now (its version), or null. */
export async function storedReportPdf(
  db: Kysely<DB>,
  reportId: number,
  version: string,
): Promise<Buffer | null> {
  const row = await db
    .selectFrom('report_pdfs')
    .select('pdf')
    .where('report_id', '=', reportId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row === undefined ? null : Buffer.from(row.pdf);
}

export async function storeReportPdf(
  db: Kysely<DB>,
  reportId: number,
  version: string,
  pdf: Buffer,
  now: Date,
): Promise<void> {
  await db
    .insertInto('report_pdfs')
    .values({ report_id: reportId, version, pdf, printed_at: now.toISOString() })
    .onConflict((oc) => oc.column('report_id').doUpdateSet({ version, pdf, printed_at: now.toISOString() }))
    .execute();
}

export type PrintOutcome = 'printed' | 'unchanged' | 'not-published';

/**
 * Prints a published report's PDF and stores it (the `report.pdf` job). Idempotent: a report
 * whose PDF of its current version is stored is left alone, so a retry or a second job for
 * the same publication prints nothing; a report no longer published is skipped.
 */
export async function printReportPdf(
  db: Kysely<DB>,
  reportId: number,
  pdf: LetterPdf,
  now: Date,
): Promise<PrintOutcome> {
  const report = await findAnnualReport(db, reportId);
  if (report === null || report.status !== 'published') return 'not-published';
  if ((await storedReportPdf(db, reportId, report.updatedAt)) !== null) return 'unchanged';
  const document = await loadReportDocument(db, report);
  const bytes = await pdf.render(reportHtml(document));
  await storeReportPdf(db, reportId, report.updatedAt, bytes, now);
  return 'printed';
}
