import type { Generated } from 'kysely';

/**
 * Report files a supervisor uploaded on /workbench/audits for a batch audit in the background
 * (job `audit.batch`): where the checked files wait on disk until the batch is stored.
 */
export interface AuditUploadTable {
  id: Generated<number>;
  /** The name the stored batch will have. */
  name: string;
  /** The upload's own directory (absolute): `files/` and `manifest.json`; removed once stored. */
  dir: string;
  /** Report files to audit (ZIP entries and loose files, without folders and hidden files). */
  file_count: number;
  /** Bytes received (the archives and files as uploaded). */
  upload_bytes: number;
  created_at: string;
  created_by: number | null;
  /** The job that audits it (`audit.batch`); set in the transaction that stores the upload. */
  job_id: string | null;
  /** The batch stored from it: set in the batch's own transaction, so it is stored at most once. */
  batch_id: number | null;
}
