import type { Generated } from 'kysely';

/**
 * A letter as issued, kept with the application: immutable (issuing again stores a new row).
 * `pdf` is null where no Chromium was at hand when it was issued.
 */
export interface ApplicationLetterTable {
  id: Generated<number>;
  application_id: number;
  kind: string;
  title: string;
  html: string;
  docx: Uint8Array;
  pdf: Uint8Array | null;
  created_by: number | null;
  created_at: string;
}
