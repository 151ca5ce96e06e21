import type { Agency } from '../../orgs/agency.table.ts';

const CONTACT_KEYS = [
  'officeName',
  'address',
  'postcode',
  'phone',
  'fax',
  'email',
  'officeHours',
  'website',
] as const;

const field = (body: unknown, name: string): unknown =>
  body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;

/**
 * The submitted form → the input of createAgency/updateAgency (whose schema checks it):
 * flat `contact.phone` fields become `{ contact: { phone } }`.
 */
export const agencyInputFromForm = (body: unknown) => ({
  name: field(body, 'name'),
  shortName: field(body, 'shortName'),
  kind: field(body, 'kind'),
  level: field(body, 'level'),
  contact: Object.fromEntries(CONTACT_KEYS.map((key) => [key, field(body, `contact.${key}`)])),
  decisionsNeedApproval: yesNo(field(body, 'decisionsNeedApproval')),
  feePausesClock: yesNo(field(body, 'feePausesClock')),
});

/** '1' / '0' of a yes-no select; anything else is left for the schema to refuse. */
const yesNo = (v: unknown): unknown =>
  v === '1' ? true : v === '0' ? false : v === undefined || v === '' ? undefined : v;

/** An agency as the form's initial values. */
export const agencyFormValues = (agency: Agency): Record<string, string> => ({
  name: agency.name,
  shortName: agency.shortName ?? '',
  kind: agency.kind,
  level: agency.level,
  ...Object.fromEntries(CONTACT_KEYS.map((key) => [`contact.${key}`, agency.contact[key] ?? ''])),
  decisionsNeedApproval: agency.decisionsNeedApproval ? '1' : '0',
  feePausesClock: agency.feePausesClock ? '1' : '0',
});
