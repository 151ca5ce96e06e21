import type { Generated, Selectable } from 'kysely';
import type { AgencyKind, AgencyLevel } from './agency-kind.ts';

export interface AgencyTable {
  id: Generated<number>;
  parent_id: number | null;
  name: string;
  short_name: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  /** Ids from the root down, '/1/4/9/': a subtree is every path that starts with its root's. */
  path: string;
  office_name: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  office_hours: string | null;
  website: string | null;
  /** 1 when a decision on an application needs the approver (负责人) before it is made. */
  decisions_need_approval: Generated<number>;
  /** 1 (the default) when the time between a fee notice and payment does not count. */
  fee_pauses_clock: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type AgencyRow = Selectable<AgencyTable>;

/** The disclosure office's contact details, as the guide (政府信息公开指南) publishes them. */
export interface AgencyContact {
  officeName: string | null;
  address: string | null;
  postcode: string | null;
  phone: string | null;
  fax: string | null;
  email: string | null;
  officeHours: string | null;
  website: string | null;
}

export interface Agency {
  id: number;
  parentId: number | null;
  name: string;
  shortName: string | null;
  kind: AgencyKind;
  level: AgencyLevel;
  path: string;
  contact: AgencyContact;
  decisionsNeedApproval: boolean;
  feePausesClock: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toAgency = (row: AgencyRow): Agency => ({
  id: row.id,
  parentId: row.parent_id,
  name: row.name,
  shortName: row.short_name,
  kind: row.kind,
  level: row.level,
  path: row.path,
  contact: {
    officeName: row.office_name,
    address: row.address,
    postcode: row.postcode,
    phone: row.phone,
    fax: row.fax,
    email: row.email,
    officeHours: row.office_hours,
    website: row.website,
  },
  decisionsNeedApproval: row.decisions_need_approval === 1,
  feePausesClock: row.fee_pauses_clock !== 0,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The settings → their columns, for inserts and updates; what is not given is left alone. */
export const settingColumns = (s: {
  decisionsNeedApproval?: boolean | undefined;
  feePausesClock?: boolean | undefined;
}) => ({
  ...(s.decisionsNeedApproval !== undefined && { decisions_need_approval: s.decisionsNeedApproval ? 1 : 0 }),
  ...(s.feePausesClock !== undefined && { fee_pauses_clock: s.feePausesClock ? 1 : 0 }),
});

/** Contact fields → their columns, for inserts and updates. */
export const contactColumns = (contact: Partial<AgencyContact>) => ({
  ...(contact.officeName !== undefined && { office_name: contact.officeName }),
  ...(contact.address !== undefined && { address: contact.address }),
  ...(contact.postcode !== undefined && { postcode: contact.postcode }),
  ...(contact.phone !== undefined && { phone: contact.phone }),
  ...(contact.fax !== undefined && { fax: contact.fax }),
  ...(contact.email !== undefined && { email: contact.email }),
  ...(contact.officeHours !== undefined && { office_hours: contact.officeHours }),
  ...(contact.website !== undefined && { website: contact.website }),
});
