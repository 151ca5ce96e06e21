import type { Generated } from 'kysely';

/** A stored batch audit (`gongkai audit --store`). */
export interface AuditBatchTable {
  id: Generated<number>;
  name: string;
  created_at: string;
  created_by: number | null;
  file_count: number;
  failed_count: number;
  error_count: number;
  warning_count: number;
}

/** One file of a stored batch audit, in batch order. */
export interface AuditBatchFileTable {
  batch_id: number;
  position: number;
  path: string;
  status: 'parsed' | 'failed';
  agency: string | null;
  year: number | null;
  edition: string | null;
  error_count: number;
  warning_count: number;
  /** Finding[] as JSON. */
  findings_json: string;
  /** The rules of the findings as ' R1 R2 ', for a LIKE filter. */
  rules: string;
  error: string | null;
}
