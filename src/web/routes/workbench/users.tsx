import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { createUser } from '../../../orgs/create-user.ts';
import { agenciesWithRole } from '../../../orgs/policy.ts';
import { listUsers } from '../../../orgs/user.repository.ts';
import { createUserSchema } from '../../../orgs/user.schema.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues, listOf, parseForm } from '../../forms/parse-form.ts';
import { groupRoleErrors, newUserInputFromForm } from '../../forms/user-form.ts';
import { actorOf, assertRole, principalOf, requireRoleSomewhere } from '../../plugins/auth.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { UserList } from '../../views/workbench/user-list.tsx';
import { NewUserForm } from '../../views/workbench/user-new.tsx';

const anyAdmin = requireRoleSomewhere('admin');

/** GET /workbench/users (the admin's subtrees), GET /workbench/users/new, POST /workbench/users. */
export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const adminAgencies = async (request: FastifyRequest) =>
    agenciesWithRole(principalOf(request), 'admin', await listAgencies(db));

  app.get('/users', { preHandler: anyAdmin }, async (request, reply) => {
    const agencies = await adminAgencies(request);
    const names = new Map(agencies.map((a) => [a.id, a.name]));
    const users = await listUsers(db, { agencyIds: agencies.map((a) => a.id) });
    const now = new Date();
    const views = users.map((u) => presentUser(u, (id) => names.get(id) ?? `机关 ${id}`, now));
    return reply.page('用户', <UserList users={views} />);
  });

  const formPage = async (request: FastifyRequest, errors: FieldErrors, body?: unknown) => {
    const agencies = (await adminAgencies(request)).map((a) => ({ value: String(a.id), label: a.name }));
    const values = formValues(body);
    const csrfToken = request.session?.csrfToken ?? '';
    return (
      <NewUserForm
        roles={listOf((body as { roles?: unknown } | undefined)?.roles)}
        {...{ csrfToken, agencies, values, errors }}
      />
    );
  };

  app.get('/users/new', { preHandler: anyAdmin }, async (request, reply) =>
    reply.page('新建用户', await formPage(request, {})),
  );

  app.post('/users', { preHandler: anyAdmin }, async (request, reply) => {
    const form = parseForm(createUserSchema, newUserInputFromForm(request.body));
    if (!form.ok)
      return reply.page('新建用户', await formPage(request, groupRoleErrors(form.errors), request.body), 400);
    const agency = await findAgency(db, form.data.agencyId);
    if (agency !== null) assertRole(principalOf(request), 'admin', agency);
    try {
      const user = await createUser(db, { ...form.data, actor: actorOf(request) });
      return reply.redirect(`/workbench/users/${user.id}?saved=created`, 303);
    } catch (error) {
      return reply.page(
        '新建用户',
        await formPage(request, groupRoleErrors(fieldErrorsOf(error)), request.body),
        400,
      );
    }
  });
};
