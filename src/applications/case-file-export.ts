import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { type LetterPdf, PDF_UNAVAILABLE } from '../letters/letter-pdf.ts';
import { loadCaseFile } from './case-file.ts';
import { renderCaseFileHtml } from './case-file-html.ts';
import { buildCaseFileZip, caseFileName } from './case-file-zip.ts';

export const CASE_FILE_FORMATS = ['pdf', 'zip'] as const;
export type CaseFileFormat = (typeof CASE_FILE_FORMATS)[number];

export interface CaseFileDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * Exports an application's case file as one PDF (printed by the shared Chromium) or as a ZIP of
 * the originals with that PDF inside (left out, and the ZIP still made, where no Chromium is at
 * hand), and records the export in the audit log with the SHA-256 of what left the system.
 * The caller checks that the user may see the applicant's personal data.
 */
export async function exportCaseFile(
  db: Kysely<DB>,
  options: { applicationId: number; format: CaseFileFormat; pdf: LetterPdf; actor: Actor; now: Date },
): Promise<CaseFileDownload> {
  const caseFile = await loadCaseFile(db, options.applicationId);
  if (caseFile === null) throw new AppError('NOT_FOUND', '未找到该申请。');
  if (options.format === 'pdf' && !options.pdf.available) throw new AppError('CONFLICT', PDF_UNAVAILABLE);
  const html = renderCaseFileHtml(caseFile, { exportedAt: options.now, exportedBy: options.actor.label });
  const pdf = options.pdf.available ? await options.pdf.render(html) : null;
  const body =
    options.format === 'pdf' && pdf !== null
      ? pdf
      : Buffer.from(buildCaseFileZip(caseFile, { pdf, exportedAt: options.now }));
  await recordAudit(db, {
    at: options.now,
    ...actorFields(options.actor),
    action: 'application.caseFileExported',
    entityType: 'application',
    entityId: caseFile.application.id,
    agencyId: caseFile.application.agencyId,
    after: {
      format: options.format,
      letters: caseFile.letters.length,
      sha256: createHash('sha256').update(body).digest('hex'),
    },
  });
  return {
    fileName: caseFileName(caseFile, options.format),
    contentType: options.format === 'pdf' ? 'application/pdf' : 'application/zip',
    body,
  };
}
