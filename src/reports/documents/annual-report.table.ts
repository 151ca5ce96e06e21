import type { Generated } from 'kysely';

export const REPORT_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/**
 * An agency's annual report for a year: compiled from the records or imported from an earlier
 * published document (one of each at most). JSON columns are text on both databases.
 */
export interface AnnualReportTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  edition: string;
  source: 'compiled' | 'imported';
  status: ReportStatus;
  cells_json: string | null;
  narrative_json: Generated<string>;
  acknowledgements_json: Generated<string>;
  /** Sentences from the work records frozen at submission (GeneratedSentences as JSON); null for a draft. */
  generated_json: string | null;
  file_name: string | null;
  diagnostics_json: string | null;
  submitted_at: string | null;
  submitted_by: number | null;
  approved_at: string | null;
  approved_by: number | null;
  returned_reason: string | null;
  published_on: string | null;
  published_late: Generated<number>;
  created_at: string;
  updated_at: string;
}
