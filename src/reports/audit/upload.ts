import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { type Kysely, type Selectable, sql } from 'kysely';
import { type Actor, actorFields } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import type { Database } from '../../db/database.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { JobState, RetryOptions } from '../../jobs/job.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { AuditResult } from './audit-result.ts';
import { runAudit } from './run-audit.ts';
import { AuditBatchCollector, storeAuditBatch } from './store.ts';
import type { AuditUploadTable } from './upload.table.ts';
import {
  AUDIT_UPLOAD_LIMITS,
  type AuditUploadLimits,
  FILES_DIR,
  type IncomingFile,
  MANIFEST,
  type StagedFile,
  stageUploadFiles,
  UPLOAD_FIELD,
  UPLOAD_FIELD_LABEL,
} from './upload-archive.ts';

export type AuditUpload = Selectable<AuditUploadTable>;

/** The job that audits an upload; its data is `{ uploadId }`. */
export const AUDIT_BATCH = 'audit.batch';

/** A big batch takes a while: a run still going after 4 hours is taken for dead and run again. */
export const AUDIT_BATCH_RETRY: Required<RetryOptions> = {
  retryLimit: 2,
  retryDelaySec: 60,
  retryBackoff: true,
  expireInSeconds: 4 * 3600,
};

/**
 * Where uploads wait: `audit-uploads/` in the data directory — beside the SQLite file, or
 * `./data` on PostgreSQL (the processes of one deployment share the machine and its disk).
 */
export const auditUploadRoot = async (database: Database): Promise<string> => {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{
      file: string;
    }>`select file from pragma_database_list where name = 'main'`.execute(database.db);
    const file = rows[0]?.file;
    if (file) return join(dirname(file), 'audit-uploads');
  }
  return resolve('data', 'audit-uploads');
};

const NAME_RULE = '批次名称须为 1 至 200 个字';

/** The name and whether there are files at all, both said at once (the file checks come after). */
const checkForm = (raw: string, files: readonly IncomingFile[]): string => {
  const name = raw.trim();
  const details: { field: string; message: string }[] = [];
  if (name === '' || name.length > 200) details.push({ field: 'name', message: NAME_RULE });
  if (files.length === 0) {
    details.push({
      field: UPLOAD_FIELD,
      message: `${UPLOAD_FIELD_LABEL}：请选择要核查的 ZIP 压缩包或报告文件`,
    });
  }
  if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message ?? NAME_RULE, details);
  return name;
};

export interface CreateAuditUploadInput {
  readonly name: string;
  readonly files: readonly IncomingFile[];
  readonly actor: Actor;
  /** The directory uploads wait in (auditUploadRoot). */
  readonly root: string;
  readonly now?: Date;
  readonly limits?: AuditUploadLimits;
}

/**
 * A supervisor's upload for a batch audit: the files are checked (archive entries, sizes,
 * counts: see upload-archive.ts) and written to a directory of the upload's own, then the
 * upload row, its `audit.batch` job and the audit-log row are written in one transaction. A
 * refusal or a failed transaction leaves no directory behind.
 */
export const createAuditUpload = async (
  db: Kysely<DB>,
  queue: JobQueue,
  input: CreateAuditUploadInput,
): Promise<{ upload: AuditUpload; jobId: string }> => {
  const name = checkForm(input.name, input.files);
  const now = input.now ?? new Date();
  const dir = join(input.root, randomUUID());
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    const staged = await stageUploadFiles(dir, input.files, input.limits ?? AUDIT_UPLOAD_LIMITS);
    return await withTransaction(db, async (trx) => {
      const created = await trx
        .insertInto('audit_uploads')
        .values({
          name,
          dir,
          file_count: staged.files.length,
          upload_bytes: staged.uploadBytes,
          created_at: now.toISOString(),
          created_by: input.actor.userId,
          job_id: null,
          batch_id: null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const jobId = await queue.send(
        AUDIT_BATCH,
        { uploadId: created.id },
        { ...AUDIT_BATCH_RETRY, singletonKey: `upload:${created.id}`, db: trx },
      );
      if (jobId === null) throw new Error(`audit upload ${created.id}: its job was not enqueued`);
      const upload = await trx
        .updateTable('audit_uploads')
        .set({ job_id: jobId })
        .where('id', '=', created.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordAudit(trx, {
        at: now,
        ...actorFields(input.actor),
        action: 'auditUpload.create',
        entityType: 'audit_upload',
        entityId: upload.id,
        agencyId: null,
        after: {
          name,
          fileCount: upload.file_count,
          uploadBytes: upload.upload_bytes,
          files: input.files.map((f) => f.filename).slice(0, 20),
          jobId,
        },
      });
      return { upload, jobId };
    });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
};

export const findAuditUpload = async (db: Kysely<DB>, id: number): Promise<AuditUpload | null> =>
  (await db.selectFrom('audit_uploads').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

/** How an upload stands, in the words of the audits page. */
export type AuditUploadStatus = 'queued' | 'running' | 'done' | 'failed';

export const AUDIT_UPLOAD_STATUS_LABELS: Record<AuditUploadStatus, string> = {
  queued: '排队中',
  running: '核查中',
  done: '已完成',
  failed: '失败',
};

const STATUS_OF_JOB: Record<JobState, AuditUploadStatus> = {
  created: 'queued',
  retry: 'queued',
  active: 'running',
  completed: 'done',
  cancelled: 'failed',
  failed: 'failed',
};

export interface AuditUploadView {
  readonly upload: AuditUpload;
  readonly status: AuditUploadStatus;
  /** Why it failed (the job's last error), or why it is waiting again. */
  readonly error: string | null;
}

/**
 * The latest uploads (newest first) with their status: done once the batch is stored, else
 * as their job stands (a job no longer kept — pg-boss drops old ones — without a batch failed).
 */
export const listAuditUploads = async (
  db: Kysely<DB>,
  queue: JobQueue | null,
  limit = 50,
): Promise<AuditUploadView[]> => {
  const uploads = await db
    .selectFrom('audit_uploads')
    .selectAll()
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  const views: AuditUploadView[] = [];
  for (const upload of uploads) {
    if (upload.batch_id !== null) {
      views.push({ upload, status: 'done', error: null });
      continue;
    }
    const job = upload.job_id !== null && queue !== null ? await queue.get(upload.job_id) : null;
    if (job === null) views.push({ upload, status: 'failed', error: '找不到对应的后台任务' });
    else views.push({ upload, status: STATUS_OF_JOB[job.state], error: job.lastError });
  }
  return views;
};

export interface RunAuditUploadOptions {
  readonly signal?: AbortSignal;
  /** Audit workers (default: the cores less one, 1 to 4). */
  readonly jobs?: number;
  readonly timeoutMs?: number;
  readonly now?: () => Date;
}

export type RunAuditUploadResult =
  | { readonly outcome: 'stored'; readonly batchId: number }
  | { readonly outcome: 'already'; readonly batchId: number | null }
  | { readonly outcome: 'missing' };

/** Thrown inside the storing transaction when another run stored the batch first: rolls it back. */
class StoredMeanwhile extends Error {}

/**
 * The `audit.batch` job: audits an upload's files as `gongkai audit DIR --store NAME` does
 * (the same worker pool and per-file limits, input order, cross-year checks) and stores the
 * batch, then removes the files. Idempotent: the batch and the upload's `batch_id` are written
 * in one transaction, and only while `batch_id` is still empty (a conditional UPDATE, which on
 * PostgreSQL waits for a concurrent run's and then finds it set): a run after a crash, or a
 * second run beside a first that was taken for dead, stores nothing twice and only cleans up.
 * Stopped (the signal), it audits no further file and throws, storing nothing: the retry
 * starts again from the files, which stay until a batch is stored.
 */
export const runAuditUpload = async (
  db: Kysely<DB>,
  uploadId: number,
  options: RunAuditUploadOptions = {},
): Promise<RunAuditUploadResult> => {
  const upload = await findAuditUpload(db, uploadId);
  if (upload === null) return { outcome: 'missing' };
  if (upload.batch_id !== null) {
    await rm(upload.dir, { recursive: true, force: true });
    return { outcome: 'already', batchId: upload.batch_id };
  }
  let manifest: { files: StagedFile[] };
  try {
    manifest = JSON.parse(await readFile(join(upload.dir, MANIFEST), 'utf8')) as { files: StagedFile[] };
  } catch (error) {
    throw new Error(`上传的文件已不在服务器上，无法核查，请重新上传（上传 ${upload.id}）`, { cause: error });
  }
  const filesDir = join(upload.dir, FILES_DIR);
  const shownPath = new Map(manifest.files.map((f) => [join(filesDir, f.disk), f.path]));
  const collector = new AuditBatchCollector();
  const signal = options.signal;
  const stopped = (file: string): AuditResult => ({
    file,
    status: 'failed',
    error: '服务停止，核查中断',
    findings: [],
    diagnostics: [],
  });
  await runAudit([filesDir], {
    jobs: options.jobs ?? Math.max(1, Math.min(4, availableParallelism() - 1)),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    // Once stopped, the remaining files are not sent to a worker: the run ends quickly.
    known: async (file) => (signal?.aborted ? stopped(file) : undefined),
    onResult: (result) => collector.add({ ...result, file: shownPath.get(result.file) ?? result.file }),
  });
  if (signal?.aborted) throw new Error('服务停止，批量核查已中断，将自动重试');

  const now = options.now?.() ?? new Date();
  let result: RunAuditUploadResult;
  try {
    result = await withTransaction(db, async (trx) => {
      const batch = await storeAuditBatch(trx, {
        name: upload.name,
        rows: collector.rows,
        actor: { userId: upload.created_by, label: '后台任务（上传报告批量核查）' },
        now,
      });
      const claimed = await trx
        .updateTable('audit_uploads')
        .set({ batch_id: batch.id })
        .where('id', '=', upload.id)
        .where('batch_id', 'is', null)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) throw new StoredMeanwhile();
      return { outcome: 'stored', batchId: batch.id } as const;
    });
  } catch (error) {
    if (!(error instanceof StoredMeanwhile)) throw error;
    result = { outcome: 'already', batchId: (await findAuditUpload(db, upload.id))?.batch_id ?? null };
  }
  await rm(upload.dir, { recursive: true, force: true });
  return result;
};
