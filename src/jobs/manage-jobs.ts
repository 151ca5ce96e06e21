import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { JOB_RETRY } from './handlers/index.ts';
import { jobNameLabel } from './job-labels.ts';
import type { JobQueue } from './job-queue.ts';

interface ManageOptions {
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * An admin starts a job now (the "重新计算全部期限" button). One waiting run is enough: while
 * one waits, another press adds none (null). Enqueued and audited in one transaction.
 */
export async function enqueueJob(
  queue: JobQueue,
  db: Kysely<DB>,
  options: ManageOptions & { name: string },
): Promise<string | null> {
  return withTransaction(db, async (trx) => {
    const id = await queue.send(
      options.name,
      {},
      { ...JOB_RETRY[options.name], singletonKey: 'manual', db: trx },
    );
    if (id !== null) {
      await recordAudit(trx, {
        at: options.now,
        ...actorFields(options.actor),
        action: 'job.enqueue',
        entityType: 'job',
        entityId: id,
        agencyId: null,
        after: { name: options.name, label: jobNameLabel(options.name) },
      });
    }
    return id;
  });
}

const changeJob =
  (action: 'job.retry' | 'job.cancel', refused: string) =>
  (queue: JobQueue, db: Kysely<DB>, options: ManageOptions & { id: string }): Promise<void> =>
    withTransaction(db, async (trx) => {
      const job = await queue.get(options.id, { db: trx });
      if (job === null) throw new AppError('NOT_FOUND', '未找到该后台任务。');
      const changed =
        action === 'job.retry'
          ? await queue.retry(options.id, { db: trx })
          : await queue.cancel(options.id, { db: trx });
      if (!changed) throw new AppError('CONFLICT', refused);
      await recordAudit(trx, {
        at: options.now,
        ...actorFields(options.actor),
        action,
        entityType: 'job',
        entityId: options.id,
        agencyId: null,
        before: { name: job.name, state: job.state },
      });
    });

/** A failed job runs again (one more retry allowed). */
export const retryJob = changeJob('job.retry', '只有失败的任务可以重试。');

/** A job still waiting to run is cancelled. */
export const cancelJob = changeJob('job.cancel', '只有等待运行或等待重试的任务可以取消。');
