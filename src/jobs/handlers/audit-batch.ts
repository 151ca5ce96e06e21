import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AUDIT_BATCH, runAuditUpload } from '../../reports/audit/upload.ts';
import type { JobHandler } from '../job.ts';

export { AUDIT_BATCH, AUDIT_BATCH_RETRY } from '../../reports/audit/upload.ts';

/**
 * `audit.batch`: audits the files of one upload on /workbench/audits and stores the batch
 * (runAuditUpload). Idempotent by the upload id it carries: the batch is stored in the same
 * transaction that marks the upload stored, and only if it is not marked yet, so a retry
 * after a crash, or a second run of a job taken for dead, stores no second batch.
 */
export const auditBatchHandler =
  (db: Kysely<DB>, options: { jobs?: number; timeoutMs?: number } = {}): JobHandler =>
  async ({ data, signal }) => {
    const uploadId = Number(data.uploadId);
    if (!Number.isSafeInteger(uploadId) || uploadId < 1)
      throw new Error(`${AUDIT_BATCH}: no upload id in the job`);
    await runAuditUpload(db, uploadId, { signal, ...options });
  };
