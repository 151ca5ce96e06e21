import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { getAgency } from '../../../orgs/agency.repository.ts';
import { createAgencySchema } from '../../../orgs/agency.schema.ts';
import { createAgency } from '../../../orgs/create-agency.ts';
import { agencyInputFromForm } from '../../forms/agency-form.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import { actorOf, requireRole } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { AgencyForm } from '../../views/workbench/agency-form.tsx';
import { agencyFromParams, idParams } from '../params.ts';

const adminOfParent = requireRole('admin', agencyFromParams);

/** GET /workbench/agencies/:id/new and POST /workbench/agencies/:id/children — a new agency under :id. */
export const agencyChildRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const newPage =
    (parentId: number, parentName: string, csrfToken: string) =>
    (values: Record<string, string>, errors: FieldErrors) => (
      <AgencyForm
        heading={`在${parentName}下新建机关`}
        action={`/workbench/agencies/${parentId}/children`}
        submitLabel="新建机关"
        {...{ csrfToken, values, errors }}
      />
    );

  app.get(
    '/agencies/:id/new',
    { schema: { params: idParams }, preHandler: adminOfParent },
    async (request, reply) => {
      const parent = await getAgency(db, request.params.id);
      const values = { kind: 'department', level: parent.level };
      return reply.page(
        '新建机关',
        newPage(parent.id, parent.name, request.session?.csrfToken ?? '')(values, {}),
      );
    },
  );

  app.post(
    '/agencies/:id/children',
    { schema: { params: idParams }, preHandler: adminOfParent },
    async (request, reply) => {
      const parent = await getAgency(db, request.params.id);
      const page = newPage(parent.id, parent.name, request.session?.csrfToken ?? '');
      const form = parseForm(createAgencySchema, {
        ...agencyInputFromForm(request.body),
        parentId: parent.id,
      });
      if (!form.ok) return reply.page('新建机关', page(formValues(request.body), form.errors), 400);
      try {
        const agency = await createAgency(db, { ...form.data, actor: actorOf(request) });
        return reply.redirect(`/workbench/agencies/${agency.id}?created=1`, 303);
      } catch (error) {
        return reply.page('新建机关', page(formValues(request.body), fieldErrorsOf(error)), 400);
      }
    },
  );
};
