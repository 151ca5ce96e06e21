import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { VNode } from 'preact';
import { AnnualReports } from '../../views/portal/annual-reports.tsx';
import { Apply } from '../../views/portal/apply.tsx';
import { Disclosures } from '../../views/portal/disclosures.tsx';
import { Guide } from '../../views/portal/guide.tsx';
import { Rules } from '../../views/portal/rules.tsx';
import { type SectionSlug, sectionTitle } from '../../views/portal/sections.ts';
import { idParams } from '../params.ts';
import { type AgencyPage, loadAgencyPage } from './agency-page.ts';

const VIEWS: Record<SectionSlug, (page: AgencyPage) => VNode> = {
  guide: (p) => <Guide agency={p.agency} parentName={p.parentName} updatedOn={p.updatedOn} />,
  rules: (p) => <Rules agency={p.agency} />,
  disclosures: (p) => <Disclosures agency={p.agency} />,
  'annual-reports': (p) => <AnnualReports agency={p.agency} />,
  apply: (p) => <Apply agency={p.agency} />,
};

/** GET /agencies/:id/{guide,rules,disclosures,annual-reports,apply} — the column's five entries. */
export const portalSectionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const slug of Object.keys(VIEWS) as SectionSlug[]) {
    app.get(`/agencies/:id/${slug}`, { schema: { params: idParams } }, async (request, reply) => {
      const title = sectionTitle(slug);
      const page = await loadAgencyPage(app.database.db, request.params.id, title);
      return reply.page(title, VIEWS[slug](page), { agency: page.agency, breadcrumbs: page.breadcrumbs });
    });
  }
};
