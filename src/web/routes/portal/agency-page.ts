import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { ancestors, getAgency } from '../../../orgs/agency.repository.ts';
import { type AgencyView, presentAgency } from '../../presenters/agency.presenter.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { Crumb } from '../../views/components/breadcrumbs.tsx';

export interface AgencyPage {
  readonly agency: AgencyView;
  /** The agency's materialised path, to find what lies under it. */
  readonly path: string;
  readonly parentName: string | null;
  readonly updatedOn: string;
  /** 首页 › the agencies above › this agency (› the section, when given). */
  readonly breadcrumbs: Crumb[];
}

/** What every page of an agency's column needs: the agency and its place in the hierarchy. */
export const loadAgencyPage = async (db: Kysely<DB>, id: number, section?: string): Promise<AgencyPage> => {
  const record = await getAgency(db, id);
  const agency = presentAgency(record);
  const above = await ancestors(db, id);
  return {
    agency,
    path: record.path,
    parentName: above.at(-1)?.name ?? null,
    updatedOn: beijingDate(record.updatedAt),
    breadcrumbs: [
      { label: '首页', href: '/' },
      ...above.map((a) => ({ label: a.name, href: `/agencies/${a.id}` })),
      { label: agency.name, href: agency.href },
      ...(section ? [{ label: section }] : []),
    ],
  };
};
