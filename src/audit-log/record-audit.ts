import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { maskPersonalFields } from '../privacy/mask.ts';
import type { AuditAction } from './audit-action.ts';

export interface AuditRecord {
  at: Date;
  actorUserId: number | null;
  actorLabel: string;
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  agencyId: number | null;
  before?: object | null;
  after?: object | null;
  ip?: string | null;
}

const toJson = (value: object | null | undefined): string | null =>
  value == null ? null : JSON.stringify(maskPersonalFields(value));

/**
 * Appends one row to the audit log. Call it with the transaction of the write it records,
 * so the write and its record commit or fail together. Personal data in before/after is
 * masked and secrets (passwords, tokens) are dropped before anything is stored.
 */
export async function recordAudit(db: Kysely<DB>, record: AuditRecord): Promise<number> {
  const row = await db
    .insertInto('audit_log')
    .values({
      at: record.at.toISOString(),
      actor_user_id: record.actorUserId,
      actor_label: record.actorLabel,
      action: record.action,
      entity_type: record.entityType,
      entity_id: String(record.entityId),
      agency_id: record.agencyId,
      before_json: toJson(record.before),
      after_json: toJson(record.after),
      ip: record.ip ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
