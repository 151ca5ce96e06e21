import { AGENCY_FIELD_LABELS } from '../../orgs/agency-fields.ts';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../orgs/agency-kind.ts';
import { isRole, ROLE_LABELS } from '../../orgs/role.ts';

export interface ChangeView {
  readonly field: string;
  readonly before: string;
  readonly after: string;
}

/** The fields of the audited records, as a clerk calls them. */
const FIELD_LABELS: Record<string, string> = {
  username: '用户名',
  displayName: '姓名',
  agencyId: '所属机关',
  active: '启用',
  failedLogins: '连续登录失败次数',
  lockedUntil: '锁定至',
  roles: '角色',
  ...AGENCY_FIELD_LABELS,
};

const SKIPPED = new Set(['id', 'path', 'createdAt', 'updatedAt', 'passwordChangedAt']);

type Name = (id: number) => string;

// Widened to plain text keys, to look up whatever string a stored record holds.
const KIND_LABELS: Readonly<Record<string, string>> = AGENCY_KIND_LABELS;
const LEVEL_LABELS: Readonly<Record<string, string>> = AGENCY_LEVEL_LABELS;

const roleList = (value: unknown[], agencyName: Name): string =>
  value
    .map((g) => {
      const grant = g as { agencyId?: unknown; role?: unknown };
      const role =
        typeof grant.role === 'string' && isRole(grant.role) ? ROLE_LABELS[grant.role] : String(grant.role);
      return typeof grant.agencyId === 'number' ? `${role}（${agencyName(grant.agencyId)}）` : role;
    })
    .join('、');

/** A value as text a person reads: labels for codes, names for agency ids, 是/否 for flags. */
const show = (field: string, value: unknown, agencyName: Name): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if ((field === 'agencyId' || field === 'parentId') && typeof value === 'number') return agencyName(value);
  if (field === 'kind' && typeof value === 'string') return KIND_LABELS[value] ?? value;
  if (field === 'level' && typeof value === 'string') return LEVEL_LABELS[value] ?? value;
  if (Array.isArray(value))
    return field === 'roles' ? roleList(value, agencyName) : value.map(String).join('、');
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** `{ contact: { phone } }` → `'contact.phone'` → the raw value. */
const flatten = (value: unknown, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> => {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, v] of Object.entries(value)) {
      if (!SKIPPED.has(key)) flatten(v, prefix ? `${prefix}.${key}` : key, out);
    }
  } else if (prefix) {
    out.set(prefix, value);
  }
  return out;
};

/** The fields that differ between before and after, labelled and shown for people. */
export const changesOf = (before: unknown, after: unknown, agencyName: Name): ChangeView[] => {
  const a = flatten(before);
  const b = flatten(after);
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((field) => ({
      field: FIELD_LABELS[field] ?? field,
      before: show(field.replace(/^contact\./, ''), a.get(field), agencyName),
      after: show(field.replace(/^contact\./, ''), b.get(field), agencyName),
    }))
    .filter((c) => c.before !== c.after);
};
