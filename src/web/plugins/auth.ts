import type { FastifyInstance, FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { Actor } from '../../audit-log/actor.ts';
import { AppError } from '../../errors/app-error.ts';
import { findSession } from '../../orgs/find-session.ts';
import { hasRole, type PolicyTarget, type Principal } from '../../orgs/policy.ts';
import { ROLE_LABELS, type Role } from '../../orgs/role.ts';
import { loadApplicantSession, usesApplicantSession } from './applicant-session.ts';
import { isUnsafeMethod, verifyCsrf } from './csrf.ts';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.ts';

/** Loads the logged-in user from the session cookie; a dead session's cookie is cleared. */
export const loadSession = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const token = request.cookies[SESSION_COOKIE];
  if (token === undefined || token === '') return;
  const found = await findSession(request.server.database.db, token, new Date());
  if (found === null) {
    clearSessionCookie(reply);
    return;
  }
  request.session = { token, sessionId: found.sessionId, csrfToken: found.csrfToken, user: found.user };
  request.principal = found.principal;
};

/** Portal pages never look at a session: reading them creates none and costs no query. */
const usesSession = (url: string): boolean =>
  url === '/workbench' || url.startsWith('/workbench/') || url.startsWith('/api/');

/**
 * Puts the session loader (workbench and API) and the CSRF check (every POST, PUT, PATCH and
 * DELETE) in front of each route as it is registered, so that no route can be added without them.
 */
export const installAuth = (app: FastifyInstance): void => {
  app.decorateRequest('applicant', null);
  app.addHook('onRoute', (route) => {
    const first: preHandlerAsyncHookHandler[] = [];
    if (usesSession(route.url)) first.push(loadSession);
    // The applicant's own pages (src/applicants): their session, never the staff one.
    else if (usesApplicantSession(route.url)) first.push(loadApplicantSession);
    if ([route.method].flat().some(isUnsafeMethod)) first.push(verifyCsrf);
    if (first.length === 0) return;
    const own = route.preHandler === undefined ? [] : [route.preHandler].flat();
    route.preHandler = [...first, ...own];
  });
};

export const principalOf = (request: FastifyRequest): Principal => {
  if (request.principal === null) throw new AppError('UNAUTHENTICATED', '请先登录');
  return request.principal;
};

/** Anonymous → the login page (HTML) or 401 (API). */
export const requireLogin = async (request: FastifyRequest): Promise<void> => {
  principalOf(request);
};

export const assertRole = (principal: Principal, role: Role, agency: PolicyTarget): void => {
  if (!hasRole(principal, role, agency)) {
    throw new AppError('FORBIDDEN', `您没有该机关的“${ROLE_LABELS[role]}”权限，无法办理此事项。`);
  }
};

/**
 * The route's agency must exist (404) and the user must hold `role` over it (403);
 * anonymous → login (302) or 401.
 */
export const requireRole =
  (role: Role, agencyFrom: (request: FastifyRequest) => Promise<PolicyTarget | null>) =>
  async (request: FastifyRequest): Promise<void> => {
    const principal = principalOf(request);
    const agency = await agencyFrom(request);
    if (agency === null) throw new AppError('NOT_FOUND', '未找到该机关或事项。');
    assertRole(principal, role, agency);
  };

/** For pages not about one agency (the user list): the role over at least one agency. */
export const requireRoleSomewhere =
  (role: Role) =>
  async (request: FastifyRequest): Promise<void> => {
    const principal = principalOf(request);
    if (!principal.assignments.some((a) => a.role === role || a.role === 'admin')) {
      throw new AppError('FORBIDDEN', `此页面仅对具有“${ROLE_LABELS[role]}”角色的用户开放。`);
    }
  };

/** Who did a write, for the audit log. */
export const actorOf = (request: FastifyRequest): Actor => ({
  userId: principalOf(request).userId,
  label: request.session?.user.displayName ?? '未知用户',
  ip: request.ip,
});
