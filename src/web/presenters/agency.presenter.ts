import type { Agency } from '../../orgs/agency.table.ts';
import { AGENCY_KIND_LABELS, AGENCY_LEVEL_LABELS } from '../../orgs/agency-kind.ts';

/** The disclosure office as pages show it: empty strings where nothing is recorded. */
export interface OfficeView {
  readonly name: string;
  readonly address: string;
  readonly postcode: string;
  readonly phone: string;
  readonly fax: string;
  readonly email: string;
  readonly hours: string;
  readonly website: string;
}

export interface AgencySummary {
  readonly id: number;
  readonly name: string;
  readonly office: OfficeView | null;
}

export interface AgencyView extends AgencySummary {
  readonly parentId: number | null;
  readonly shortName: string;
  readonly kindLabel: string;
  readonly levelLabel: string;
  readonly office: OfficeView;
  readonly href: string;
}

export const presentAgency = (agency: Agency): AgencyView => {
  const c = agency.contact;
  return {
    id: agency.id,
    parentId: agency.parentId,
    name: agency.name,
    shortName: agency.shortName ?? '',
    kindLabel: AGENCY_KIND_LABELS[agency.kind],
    levelLabel: AGENCY_LEVEL_LABELS[agency.level],
    href: `/agencies/${agency.id}`,
    office: {
      name: c.officeName ?? '',
      address: c.address ?? '',
      postcode: c.postcode ?? '',
      phone: c.phone ?? '',
      fax: c.fax ?? '',
      email: c.email ?? '',
      hours: c.officeHours ?? '',
      website: c.website ?? '',
    },
  };
};

/** The public JSON of an agency (API v1). */
export const presentAgencyJson = (agency: Agency) => ({
  id: agency.id,
  parentId: agency.parentId,
  name: agency.name,
  shortName: agency.shortName,
  kind: agency.kind,
  level: agency.level,
  contact: agency.contact,
  links: { self: `/api/v1/agencies/${agency.id}`, portal: `/agencies/${agency.id}` },
});
