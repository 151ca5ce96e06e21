import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../errors/app-error.ts';
import { CSRF_COOKIE, sameToken } from './csrf-token.ts';
import { cookieOptions, SESSION_COOKIE } from './session-cookie.ts';

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
export const isUnsafeMethod = (method: string): boolean => UNSAFE.has(method.toUpperCase());

/** The token a request carries: the X-CSRF-Token header (the API), or the form's `_csrf` field. */
const givenToken = (request: FastifyRequest): unknown => {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string') return header;
  if (request.url.startsWith('/api/')) return undefined; // the API takes the header only
  const body = request.body;
  if (body === null || typeof body !== 'object' || !('_csrf' in body)) return undefined;
  const field: unknown = body._csrf;
  // A multipart form's field arrives as { value } (attachFieldsToBody).
  return field !== null && typeof field === 'object' && 'value' in field ? field.value : field;
};

/**
 * Refuses a state-changing request without the right token. Logged in: the session's token
 * (a staff session's, or on the applicant's pages the applicant session's).
 * Not logged in: the signed double-submit token of the anonymous forms; an API request without
 * a session cookie: none needed.
 */
export const verifyCsrf = async (request: FastifyRequest): Promise<void> => {
  if (!isUnsafeMethod(request.method)) return;
  // An API request without a session cookie carries no credential a browser adds on its own, so
  // there is nothing for another site to borrow: the public online submission needs no token.
  // With a session cookie (alive or not) the token is required as for any other write.
  if (request.url.startsWith('/api/') && request.cookies[SESSION_COOKIE] === undefined) return;
  const token = givenToken(request);
  const ok =
    request.session !== null
      ? sameToken(token, request.session.csrfToken)
      : request.applicant !== null
        ? sameToken(token, request.applicant.csrfToken)
        : request.server.anonymousCsrf.verify(request.cookies[CSRF_COOKIE], token);
  if (!ok) {
    throw new AppError('CSRF', '表单已过期或来源无法确认，本次提交未被处理。请返回上一页，刷新后重新提交。');
  }
};

/**
 * The token for a form shown to someone not logged in; sets the nonce cookie when there is
 * none. Only pages with such a form call this: no other anonymous page sets a cookie.
 */
export const anonymousCsrfToken = (request: FastifyRequest, reply: FastifyReply): string => {
  const csrf = request.server.anonymousCsrf;
  let nonce = request.cookies[CSRF_COOKIE];
  if (!csrf.isNonce(nonce)) {
    nonce = csrf.newNonce();
    reply.setCookie(CSRF_COOKIE, nonce, cookieOptions(request.server.config.cookieSecure));
  }
  return csrf.tokenFor(nonce);
};
