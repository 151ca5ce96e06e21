import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { updateAgencySchema } from '../../../orgs/agency.schema.ts';
import { canAccessAgency, hasRole } from '../../../orgs/policy.ts';
import { updateAgency } from '../../../orgs/update-agency.ts';
import { agencyFormValues, agencyInputFromForm } from '../../forms/agency-form.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin, requireRole } from '../../plugins/auth.ts';
import { presentAgency } from '../../presenters/agency.presenter.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { AgencyForm } from '../../views/workbench/agency-form.tsx';
import { WorkbenchAgencyList } from '../../views/workbench/agency-list.tsx';
import { agencyFromParams, idParams } from '../params.ts';

const savedQuery = z.object({ saved: z.string().optional(), created: z.string().optional() });
const adminOfAgency = requireRole('admin', agencyFromParams);

/** GET /workbench/agencies (the user's subtrees) and GET/POST /workbench/agencies/:id (edit). */
export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.get('/agencies', { preHandler: requireLogin }, async (request, reply) => {
    const principal = principalOf(request);
    const all = await listAgencies(db);
    const names = new Map(all.map((a) => [a.id, a.name]));
    const rows = all
      .filter((a) => canAccessAgency(principal, a))
      .map((a) => ({
        agency: presentAgency(a),
        parentName: a.parentId === null ? '' : (names.get(a.parentId) ?? ''),
        canAdmin: hasRole(principal, 'admin', a),
      }));
    return reply.page('机关', <WorkbenchAgencyList rows={rows} />);
  });

  const editPage =
    (id: number, name: string, csrfToken: string) =>
    (values: Record<string, string>, errors: FieldErrors, notice?: string) => (
      <AgencyForm
        heading={`修改机关：${name}`}
        action={`/workbench/agencies/${id}`}
        submitLabel="保存修改"
        links={[
          { href: `/workbench/agencies/${id}/catalogue`, label: '政府信息公开目录' },
          { href: `/workbench/agencies/${id}/guide`, label: '政府信息公开指南' },
          {
            href: `/workbench/agencies/${id}/registers/${new Date().getFullYear() - 1}`,
            label: '第二十条登记数据（上一年度）',
          },
        ]}
        {...{ csrfToken, values, errors, notice }}
      />
    );

  app.get(
    '/agencies/:id',
    { schema: { params: idParams, querystring: savedQuery }, preHandler: adminOfAgency },
    async (request, reply) => {
      const agency = await getAgency(db, request.params.id);
      const notice = request.query.created
        ? '机关已新建。'
        : request.query.saved
          ? '修改已保存。'
          : undefined;
      const page = editPage(agency.id, agency.name, request.session?.csrfToken ?? '');
      return reply.page('修改机关', page(agencyFormValues(agency), {}, notice));
    },
  );

  app.post(
    '/agencies/:id',
    { schema: { params: idParams }, preHandler: adminOfAgency },
    async (request, reply) => {
      const { id } = request.params;
      const agency = await getAgency(db, id);
      const page = editPage(id, agency.name, request.session?.csrfToken ?? '');
      const form = parseForm(updateAgencySchema, agencyInputFromForm(request.body));
      if (!form.ok) return reply.page('修改机关', page(formValues(request.body), form.errors), 400);
      try {
        await updateAgency(db, id, { ...form.data, actor: actorOf(request) });
      } catch (error) {
        return reply.page('修改机关', page(formValues(request.body), fieldErrorsOf(error)), 400);
      }
      return reply.redirect(`/workbench/agencies/${id}?saved=1`, 303);
    },
  );
};
