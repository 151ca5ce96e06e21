import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { LetterPdf } from '../../letters/letter-pdf.ts';
import { type PrintOutcome, printReportPdf } from '../../reports/documents/report-pdf-store.ts';
import type { JobData } from '../job.ts';

export const REPORT_PDF = 'report.pdf';

/** The job's data: which report to print. */
export const reportPdfJob = (reportId: number): JobData => ({ reportId });

/** One singleton per report: publishing twice in a row queues one print. */
export const reportPdfKey = (reportId: number): string => `report.pdf:${reportId}`;

/** Prints the published report's PDF into report_pdfs (idempotent: see printReportPdf). */
export async function runReportPdf(
  db: Kysely<DB>,
  data: JobData,
  pdf: LetterPdf,
  now: Date,
): Promise<PrintOutcome> {
  const reportId = Number((data as { reportId?: unknown }).reportId);
  if (!Number.isInteger(reportId) || reportId <= 0)
    throw new Error(`任务数据有误：reportId = ${String(reportId)}`);
  return printReportPdf(db, reportId, pdf, now);
}
