import type { Generated } from 'kysely';

/**
 * An uploaded import awaiting confirmation (issue 4, item 2): the checked rows, ready to be
 * stored in one transaction, and the summary the preview shows (counts, row errors, warnings,
 * a masked sample). The rows hold personal data in clear and are emptied once the import is
 * done or discarded; the summary holds none in clear.
 */
export interface ApplicationImportTable {
  id: Generated<number>;
  agency_id: number;
  /** Null for an import from the command line. */
  user_id: number | null;
  file_name: string;
  /** ImportedApplication[] as JSON. */
  rows_json: string;
  /** ImportSummary as JSON. */
  summary_json: string;
  status: 'pending' | 'done' | 'discarded';
  created_at: string;
  done_at: string | null;
}
