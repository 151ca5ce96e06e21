import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAttachments } from '../../../disclosure/attachments.ts';
import { findPublishedItem } from '../../../disclosure/disclosure-items.ts';
import { sanitizeHtml } from '../../../disclosure/sanitize-html.ts';
import { AppError } from '../../../errors/app-error.ts';
import { presentItemFacts } from '../../presenters/disclosure-item.presenter.ts';
import { DisclosureItemPage } from '../../views/portal/disclosure-item.tsx';
import { sectionTitle } from '../../views/portal/sections.ts';
import { idParams } from '../params.ts';
import { loadAgencyPage } from './agency-page.ts';

const itemParams = idParams.extend({ itemId: z.coerce.number().int().positive().max(2_147_483_647) });

/** GET /agencies/:id/items/:itemId — a published item of the agency; anything else is a 404. */
export const portalItemRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/agencies/:id/items/:itemId', { schema: { params: itemParams } }, async (request, reply) => {
    const { id, itemId } = request.params;
    const page = await loadAgencyPage(app.database.db, id);
    const item = await findPublishedItem(app.database.db, { agencyId: id, itemId });
    if (item === null) throw new AppError('NOT_FOUND', '该信息不存在，或已不再公开。');
    const section = sectionTitle('disclosures');
    return reply.page(
      item.title,
      <DisclosureItemPage
        agency={page.agency}
        item={item}
        facts={presentItemFacts(item)}
        // Cleaned when it was saved; cleaned again here, in case a row came in another way.
        safeBodyHtml={sanitizeHtml(item.bodyHtml)}
        attachments={await listAttachments(app.database.db, item.id)}
      />,
      {
        agency: page.agency,
        breadcrumbs: [
          ...page.breadcrumbs,
          { label: section, href: `/agencies/${id}/disclosures` },
          { label: item.title },
        ],
      },
    );
  });
};
