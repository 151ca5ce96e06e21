import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AuditLogRow } from './audit-log.table.ts';

export interface AuditEntry {
  id: number;
  at: string;
  actorUserId: number | null;
  actorLabel: string;
  action: string;
  entityType: string;
  entityId: string;
  agencyId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  ip: string | null;
}

const parse = (json: string | null): Record<string, unknown> | null =>
  json === null ? null : (JSON.parse(json) as Record<string, unknown>);

const toEntry = (row: AuditLogRow): AuditEntry => ({
  id: row.id,
  at: row.at,
  actorUserId: row.actor_user_id,
  actorLabel: row.actor_label,
  action: row.action,
  entityType: row.entity_type,
  entityId: row.entity_id,
  agencyId: row.agency_id,
  before: parse(row.before_json),
  after: parse(row.after_json),
  ip: row.ip,
});

export interface ListAuditOptions {
  /** Only entries about these agencies (entries without an agency are left out); absent → all. */
  agencyIds?: readonly number[];
  limit: number;
  /** Cursor: only entries with a smaller id, i.e. older than the last one of the previous page. */
  before?: number;
}

/** The newest entries first. */
export async function listAudit(db: Kysely<DB>, options: ListAuditOptions): Promise<AuditEntry[]> {
  if (options.agencyIds?.length === 0) return [];
  let query = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(options.limit);
  if (options.agencyIds !== undefined) query = query.where('agency_id', 'in', options.agencyIds);
  if (options.before !== undefined) query = query.where('id', '<', options.before);
  const rows = await query.execute();
  return rows.map(toEntry);
}
