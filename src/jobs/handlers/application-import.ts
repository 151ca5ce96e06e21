import type { Kysely } from 'kysely';
import { type ConfirmResult, confirmImport } from '../../applications/import/application-imports.ts';
import type { Actor } from '../../audit-log/actor.ts';
import type { DB } from '../../db/schema.ts';
import type { JobData } from '../job.ts';

export const APPLICATION_IMPORT = 'applications.import';

/**
 * An import of this many applications or more is stored by a background job: one transaction
 * of thousands of applications, each with its events and deadline, outlasts a page request.
 */
export const IMPORT_IN_BACKGROUND_FROM = 1000;

export const applicationImportJob = (importId: number, actor: Actor): JobData => ({
  importId,
  userId: actor.userId,
  label: actor.label,
});

/** One job per import: confirming twice queues it once. */
export const applicationImportKey = (importId: number): string => `applications.import:${importId}`;

/**
 * Stores a checked import (confirmImport: one transaction, all or nothing). Idempotent: the
 * import is claimed inside that transaction, so a retry or a second job finds it done and
 * stores nothing.
 */
export async function runApplicationImport(db: Kysely<DB>, data: JobData, now: Date): Promise<ConfirmResult> {
  const { importId, userId, label } = data as { importId?: unknown; userId?: unknown; label?: unknown };
  if (typeof importId !== 'number' || !Number.isInteger(importId))
    throw new Error(`任务数据有误：importId = ${String(importId)}`);
  const actor: Actor = {
    userId: typeof userId === 'number' ? userId : null,
    label: typeof label === 'string' ? label : '后台任务',
  };
  return confirmImport(db, { importId, actor, now });
}
