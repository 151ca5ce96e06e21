import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { VNode } from 'preact';
import type { DB } from '../../../db/schema.ts';
import { categoryCounts, listCatalogueItems } from '../../../disclosure/catalogue-items.ts';
import { findPublishedGuide } from '../../../disclosure/guide.ts';
import { sanitizeHtml } from '../../../disclosure/sanitize-html.ts';
import { listPublishedReports } from '../../../reports/documents/annual-report.repository.ts';
import { beijingDate } from '../../presenters/dates.ts';
import { AnnualReports } from '../../views/portal/annual-reports.tsx';
import { Apply } from '../../views/portal/apply.tsx';
import { Disclosures } from '../../views/portal/disclosures.tsx';
import { Guide } from '../../views/portal/guide.tsx';
import { PublishedGuide } from '../../views/portal/published-guide.tsx';
import { Rules } from '../../views/portal/rules.tsx';
import { type SectionSlug, sectionTitle } from '../../views/portal/sections.ts';
import { idParams } from '../params.ts';
import { type AgencyPage, loadAgencyPage } from './agency-page.ts';
import { publishedReportRows } from './annual-reports.tsx';

const VIEWS: Record<SectionSlug, (p: AgencyPage, db: Kysely<DB>) => Promise<VNode> | VNode> = {
  // The guide the agency published, when there is one; else the one written from its record.
  guide: async (p, db) => {
    const guide = await findPublishedGuide(db, p.agency.id);
    if (guide === null) return <Guide agency={p.agency} parentName={p.parentName} updatedOn={p.updatedOn} />;
    return (
      <PublishedGuide
        agency={p.agency}
        version={guide.version}
        publishedOn={beijingDate(guide.publishedAt ?? guide.createdAt)}
        // Cleaned when it was saved; cleaned again here, in case a row came in another way.
        safeBodyHtml={sanitizeHtml(guide.bodyHtml)}
      />
    );
  },
  rules: (p) => <Rules agency={p.agency} />,
  disclosures: async (p, db) => {
    const [latest, categories] = await Promise.all([
      listCatalogueItems(db, { agencyId: p.agency.id }),
      categoryCounts(db, p.agency.id),
    ]);
    return <Disclosures agency={p.agency} latest={latest} categories={categories} />;
  },
  'annual-reports': async (p, db) => (
    <AnnualReports
      agency={p.agency}
      reports={publishedReportRows(await listPublishedReports(db, p.agency.id))}
    />
  ),
  apply: (p) => <Apply agency={p.agency} />,
};

/** GET /agencies/:id/{guide,rules,disclosures,annual-reports,apply} — the column's five entries. */
export const portalSectionRoutes: FastifyPluginAsyncZod = async (app) => {
  for (const slug of Object.keys(VIEWS) as SectionSlug[]) {
    app.get(`/agencies/:id/${slug}`, { schema: { params: idParams } }, async (request, reply) => {
      const title = sectionTitle(slug);
      const page = await loadAgencyPage(app.database.db, request.params.id, title);
      const body = await VIEWS[slug](page, app.database.db);
      return reply.page(title, body, { agency: page.agency, breadcrumbs: page.breadcrumbs });
    });
  }
};
