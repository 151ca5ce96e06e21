import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { isWithin } from '../../../orgs/agency-path.ts';
import { buildAgencyTree } from '../../../orgs/agency-tree.ts';
import { presentAgency } from '../../presenters/agency.presenter.ts';
import { presentTree } from '../../presenters/agency-tree.presenter.ts';
import { AgencyHome } from '../../views/portal/agency-home.tsx';
import { AgencyList } from '../../views/portal/agency-list.tsx';
import { idParams } from '../params.ts';
import { loadAgencyPage } from './agency-page.ts';

/** GET /agencies (the whole hierarchy) and GET /agencies/:id (an agency's disclosure home). */
export const portalAgencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/agencies', async (_request, reply) => {
    const agencies = (await listAgencies(app.database.db)).map(presentAgency);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const parentName = (id: number | null) => (id === null ? '' : (names.get(id) ?? ''));
    return reply.page('公开机关', <AgencyList agencies={agencies} parentName={parentName} />, {
      breadcrumbs: [{ label: '首页', href: '/' }, { label: '公开机关' }],
    });
  });

  app.get('/agencies/:id', { schema: { params: idParams } }, async (request, reply) => {
    const page = await loadAgencyPage(app.database.db, request.params.id);
    const below = (await listAgencies(app.database.db)).filter(
      (a) => a.id !== page.agency.id && isWithin(a.path, page.path),
    );
    const subordinates = presentTree(buildAgencyTree(below));
    return reply.page('政府信息公开', <AgencyHome agency={page.agency} subordinates={subordinates} />, {
      agency: page.agency,
      breadcrumbs: page.breadcrumbs,
    });
  });
};
