import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import type { AuditAction } from '../audit-log/audit-action.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { getUser } from './user.repository.ts';
import type { User } from './user.table.ts';

/**
 * The frame of every change to one user: in one transaction, read the user, apply the
 * change, read them again and record both in the audit log.
 */
export function writeUser(
  db: Kysely<DB>,
  options: { userId: number; actor: Actor; now: Date; action: AuditAction },
  change: (trx: Kysely<DB>, before: User, now: string) => Promise<void>,
): Promise<User> {
  return withTransaction(db, async (trx) => {
    const before = await getUser(trx, options.userId);
    await change(trx, before, options.now.toISOString());
    const after = await getUser(trx, options.userId);
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: options.action,
      entityType: 'user',
      entityId: options.userId,
      agencyId: after.agencyId,
      before,
      after,
    });
    return after;
  });
}
