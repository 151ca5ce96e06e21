import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { demoPassword } from '../../../orgs/demo-password.ts';
import { resetPassword } from '../../../orgs/reset-password.ts';
import { setUserActive } from '../../../orgs/set-user-active.ts';
import { setUserRoles } from '../../../orgs/set-user-roles.ts';
import { getUser } from '../../../orgs/user.repository.ts';
import { roleGrantSchema } from '../../../orgs/user.schema.ts';
import type { User } from '../../../orgs/user.table.ts';
import { listOf, parseForm } from '../../forms/parse-form.ts';
import { groupRoleErrors } from '../../forms/user-form.ts';
import { actorOf, principalOf, requireRole } from '../../plugins/auth.ts';
import { presentUser } from '../../presenters/user.presenter.ts';
import { UserDetail } from '../../views/workbench/user-detail.tsx';
import { agencyOfUserParam, idParams } from '../params.ts';

const adminOfUser = requireRole('admin', agencyOfUserParam);
const NOTICES: Record<string, string> = {
  created: '用户已新建。',
  active: '账户已启用。',
  inactive: '账户已停用，该用户的登录已全部退出。',
  roles: '角色已保存。',
};
const savedQuery = z.object({ saved: z.string().optional() });
const activeForm = z.object({ active: z.enum(['0', '1'], { message: '请选择启用或停用' }) });
const rolesForm = z.object({ roles: roleGrantSchema.array() });

/** The user, unless it is the admin themself: nobody locks themself out from this page. */
const other = (request: FastifyRequest, user: User): User => {
  if (principalOf(request).userId === user.id) {
    throw new AppError('VALIDATION', '不能在此修改自己的账户；修改自己的密码请使用“修改密码”。');
  }
  return user;
};

/** A user's page: roles, activate/deactivate, password reset (admins of the user's agency). */
export const userAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const detail = async (
    user: User,
    request: FastifyRequest,
    extra: { notice?: string; errors?: Record<string, string>; newPassword?: string } = {},
  ) => {
    const names = new Map((await listAgencies(db)).map((a) => [a.id, a.name]));
    const view = presentUser(user, (id) => names.get(id) ?? `机关 ${id}`, new Date());
    const isSelf = principalOf(request).userId === user.id;
    return <UserDetail user={view} csrfToken={request.session?.csrfToken ?? ''} isSelf={isSelf} {...extra} />;
  };

  app.get(
    '/users/:id',
    { schema: { params: idParams, querystring: savedQuery }, preHandler: adminOfUser },
    async (request, reply) => {
      const notice = NOTICES[request.query.saved ?? ''];
      return reply.page(
        '用户',
        await detail(await getUser(db, request.params.id), request, notice ? { notice } : {}),
      );
    },
  );

  app.post(
    '/users/:id/active',
    { schema: { params: idParams }, preHandler: adminOfUser },
    async (request, reply) => {
      const user = other(request, await getUser(db, request.params.id));
      const form = parseForm(activeForm, request.body);
      if (!form.ok) throw new AppError('VALIDATION', form.errors.active);
      const active = form.data.active === '1';
      await setUserActive(db, { userId: user.id, active, actor: actorOf(request) });
      return reply.redirect(`/workbench/users/${user.id}?saved=${active ? 'active' : 'inactive'}`, 303);
    },
  );

  app.post(
    '/users/:id/roles',
    { schema: { params: idParams }, preHandler: adminOfUser },
    async (request, reply) => {
      const user = other(request, await getUser(db, request.params.id));
      const checked = listOf((request.body as { roles?: unknown } | null)?.roles);
      // Grants over other agencies are kept: this form edits the roles over the user's own agency.
      const kept = user.roles.filter((g) => g.agencyId !== user.agencyId);
      const form = parseForm(rolesForm, {
        roles: [...kept, ...checked.map((role) => ({ agencyId: user.agencyId, role }))],
      });
      if (!form.ok)
        return reply.page('用户', await detail(user, request, { errors: groupRoleErrors(form.errors) }), 400);
      await setUserRoles(db, { userId: user.id, roles: form.data.roles, actor: actorOf(request) });
      return reply.redirect(`/workbench/users/${user.id}?saved=roles`, 303);
    },
  );

  app.post(
    '/users/:id/password-reset',
    { schema: { params: idParams }, preHandler: adminOfUser },
    async (request, reply) => {
      const user = other(request, await getUser(db, request.params.id));
      const newPassword = demoPassword();
      const after = await resetPassword(db, {
        userId: user.id,
        newPassword,
        now: new Date(),
        actor: actorOf(request),
      });
      return reply.page('用户', await detail(after, request, { newPassword }));
    },
  );
};
