import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLE_LABELS, ROLES } from '../../../orgs/role.ts';
import { principalOf, requireLogin } from '../../plugins/auth.ts';
import { errorResponse } from './schemas.ts';

const meSchema = z.object({
  user: z.object({ id: z.number(), username: z.string(), displayName: z.string(), agencyId: z.number() }),
  roles: z.array(z.object({ agencyId: z.number(), role: z.enum(ROLES), roleLabel: z.string() })),
  /** Send it back as X-CSRF-Token with every write. */
  csrfToken: z.string(),
});

/** GET /api/v1/me — who the session belongs to, their roles, and the token for writes. */
export const apiMeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me',
    {
      schema: {
        tags: ['session'],
        summary: '当前登录用户、角色和写操作所需的 CSRF 令牌',
        security: [{ session: [] }],
        response: { 200: meSchema, 401: errorResponse },
      },
      preHandler: requireLogin,
    },
    async (request) => {
      const principal = principalOf(request);
      const session = request.session;
      if (session === null) throw new Error('a principal without a session');
      const { id, username, displayName, agencyId } = session.user;
      return {
        user: { id, username, displayName, agencyId },
        roles: principal.assignments.map((a) => ({
          agencyId: a.agencyId,
          role: a.role,
          roleLabel: ROLE_LABELS[a.role],
        })),
        csrfToken: session.csrfToken,
      };
    },
  );
};
