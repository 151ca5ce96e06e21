import { AUDIT_ACTION_LABELS, isAuditAction } from '../../audit-log/audit-action.ts';
import type { AuditEntry } from '../../audit-log/list-audit.ts';
import { type ChangeView, changesOf } from './audit-changes.ts';
import { beijingDateTime } from './dates.ts';

export interface AuditRowView {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly entity: string;
  readonly agencyName: string;
  readonly changes: readonly ChangeView[];
  /** How many more changed fields there are than shown. */
  readonly moreChanges: number;
  readonly ip: string;
}

const ENTITY_LABELS: Record<string, string> = {
  agency: '机关',
  user: '用户',
  application: '申请',
  applicant_account: '公众用户账户',
  calendar_year: '节假日安排',
  letterTemplate: '文书模板',
  disclosureItem: '主动公开信息',
  searchSynonym: '检索同义词',
  application_import: '申请导入',
};
const MAX_CHANGES = 8;

/** An address as the audit page shows it: enough to tell networks apart, not to find a person. */
export const maskIp = (ip: string | null): string => {
  if (!ip) return '';
  const v4 = ip.replace(/^::ffff:/, '').split('.');
  if (v4.length === 4) return `${v4[0]}.${v4[1]}.*.*`;
  return `${ip.split(':').slice(0, 3).join(':')}:*`;
};

export const presentAuditEntry = (entry: AuditEntry, agencyName: (id: number) => string): AuditRowView => {
  const changes = changesOf(entry.before, entry.after, agencyName);
  const name = entry.after?.name ?? entry.before?.name ?? entry.after?.username ?? entry.before?.username;
  return {
    id: entry.id,
    at: beijingDateTime(entry.at),
    actor: entry.actorLabel,
    action: isAuditAction(entry.action) ? AUDIT_ACTION_LABELS[entry.action] : entry.action,
    entity: `${ENTITY_LABELS[entry.entityType] ?? entry.entityType} ${entry.entityId}${typeof name === 'string' ? `（${name}）` : ''}`,
    agencyName: entry.agencyId === null ? '—' : agencyName(entry.agencyId),
    changes: changes.slice(0, MAX_CHANGES),
    moreChanges: Math.max(0, changes.length - MAX_CHANGES),
    ip: maskIp(entry.ip),
  };
};
