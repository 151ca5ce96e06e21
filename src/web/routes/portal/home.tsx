import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agencyTree } from '../../../orgs/agency-tree.ts';
import { presentAgency } from '../../presenters/agency.presenter.ts';
import { presentTree } from '../../presenters/agency-tree.presenter.ts';
import { PortalHome } from '../../views/portal/home.tsx';

/** GET / — the hierarchy as a tree of links, and the top agency's column. */
export const portalHomeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', async (_request, reply) => {
    const tree = await agencyTree(app.database.db);
    const root = tree.length === 1 && tree[0] ? presentAgency(tree[0]) : null;
    return reply.page('首页', <PortalHome tree={presentTree(tree)} root={root} />, {
      agency: root ?? undefined,
    });
  });
};
