import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { isApplicantLetter, isLetterKind, LETTER_KIND_LABELS } from './letter-kind.ts';
import type { LetterPdf } from './letter-pdf.ts';
import { PDF_UNAVAILABLE } from './letter-pdf.ts';

export const LETTER_FORMATS = ['html', 'docx', 'pdf'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

export const LETTER_FORMAT_LABELS: Record<LetterFormat, string> = { html: 'HTML', docx: 'Word', pdf: 'PDF' };

const CONTENT_TYPES: Record<LetterFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export interface LetterFile {
  /** 补正告知书-GK2024092700000001-3.pdf */
  readonly fileName: string;
  readonly contentType: string;
  readonly body: Buffer;
}

/**
 * One issued letter of one application in one format, or null when the application has no
 * such letter (`applicantOnly`: none addressed to the applicant). A letter issued where no
 * Chromium was at hand is printed to PDF now, from the HTML stored with it; where there is
 * still none, a Chinese refusal says so.
 */
export async function letterFile(
  db: Kysely<DB>,
  options: {
    applicationId: number;
    letterId: number;
    format: LetterFormat;
    pdf: LetterPdf;
    applicantOnly?: boolean;
  },
): Promise<LetterFile | null> {
  const row = await db
    .selectFrom('application_letters')
    .innerJoin('applications', 'applications.id', 'application_letters.application_id')
    .select([
      'application_letters.id',
      'application_letters.kind',
      'application_letters.html',
      'application_letters.docx',
      'application_letters.pdf',
      'applications.tracking_number',
    ])
    .where('application_letters.id', '=', options.letterId)
    .where('application_letters.application_id', '=', options.applicationId)
    .executeTakeFirst();
  if (row === undefined || (options.applicantOnly && !isApplicantLetter(row.kind))) return null;
  const label = isLetterKind(row.kind) ? LETTER_KIND_LABELS[row.kind] : '文书';
  const fileName = `${label}-${row.tracking_number}-${row.id}.${options.format}`;
  const file = (body: Buffer): LetterFile => ({ fileName, contentType: CONTENT_TYPES[options.format], body });
  if (options.format === 'html') return file(Buffer.from(row.html, 'utf8'));
  if (options.format === 'docx') return file(Buffer.from(row.docx));
  if (row.pdf !== null) return file(Buffer.from(row.pdf));
  if (!options.pdf.available) throw new AppError('CONFLICT', PDF_UNAVAILABLE);
  return file(await options.pdf.render(row.html));
}
