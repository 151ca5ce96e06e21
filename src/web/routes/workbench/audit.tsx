import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAudit } from '../../../audit-log/list-audit.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { agenciesWithRole } from '../../../orgs/policy.ts';
import { principalOf, requireRoleSomewhere } from '../../plugins/auth.ts';
import { presentAuditEntry } from '../../presenters/audit.presenter.ts';
import { AuditLog } from '../../views/workbench/audit.tsx';

const PAGE_SIZE = 50;
const auditQuery = z.object({ before: z.coerce.number().int().positive().optional() });

/** GET /workbench/audit — the audit log of the agencies the user is admin of, newest first. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit',
    { schema: { querystring: auditQuery }, preHandler: requireRoleSomewhere('admin') },
    async (request, reply) => {
      const all = await listAgencies(app.database.db);
      const agencies = agenciesWithRole(principalOf(request), 'admin', all);
      const names = new Map(all.map((a) => [a.id, a.name]));
      const entries = await listAudit(app.database.db, {
        agencyIds: agencies.map((a) => a.id),
        limit: PAGE_SIZE,
        ...(request.query.before ? { before: request.query.before } : {}),
      });
      const rows = entries.map((e) => presentAuditEntry(e, (id) => names.get(id) ?? `机关 ${id}`));
      const last = rows.at(-1);
      const olderHref = rows.length === PAGE_SIZE && last ? `/workbench/audit?before=${last.id}` : null;
      return reply.page('审计日志', <AuditLog rows={rows} olderHref={olderHref} />);
    },
  );
};
