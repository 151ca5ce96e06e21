import type { Generated, Selectable } from 'kysely';

/** Append-only: triggers refuse UPDATE and DELETE (see the audit_log migration). */
export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_user_id: number | null;
  actor_label: string;
  action: string;
  entity_type: string;
  entity_id: string;
  agency_id: number | null;
  before_json: string | null;
  after_json: string | null;
  ip: string | null;
}

export type AuditLogRow = Selectable<AuditLogTable>;
