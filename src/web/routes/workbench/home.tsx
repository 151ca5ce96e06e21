import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { ROLE_LABELS } from '../../../orgs/role.ts';
import { principalOf, requireLogin } from '../../plugins/auth.ts';
import { WorkbenchHome } from '../../views/workbench/home.tsx';

/** GET /workbench — the user's roles and what each lets them do. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { preHandler: requireLogin }, async (request, reply) => {
    const principal = principalOf(request);
    const names = new Map((await listAgencies(app.database.db)).map((a) => [a.id, a.name]));
    const grants = principal.assignments.map((a) => ({
      key: `${a.agencyId}:${a.role}`,
      agencyName: names.get(a.agencyId) ?? `机关 ${a.agencyId}`,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role],
    }));
    const own = await findAgency(app.database.db, principal.agencyId);
    const page = (
      <WorkbenchHome
        displayName={request.session?.user.displayName ?? ''}
        agencyName={own?.name ?? ''}
        grants={grants}
        isAdmin={principal.assignments.some((a) => a.role === 'admin')}
      />
    );
    return reply.page('工作台', page);
  });
};
