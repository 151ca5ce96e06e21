import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApplicantAccount } from '../../applicants/applicant-account.repository.ts';
import {
  createApplicantSession,
  deleteApplicantSession,
  findApplicantSession,
} from '../../applicants/applicant-session.ts';
import { cookieOptions } from './session-cookie.ts';

/**
 * The applicant's session cookie: a member of the public's optional account, kept apart from
 * the staff session (gk_session). Only the applicant's pages read it (usesApplicantSession);
 * the workbench and the API never do, and the applicant's pages never read the staff cookie,
 * so neither session can stand in for the other.
 */
export const APPLICANT_COOKIE = 'gk_applicant';

/** The logged-in applicant behind a request to one of their pages. */
export interface RequestApplicant {
  readonly token: string;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly account: ApplicantAccount;
}

/** The routes that look at the applicant's session: their account's pages and the online application. */
export const usesApplicantSession = (url: string): boolean =>
  url === '/account' || url.startsWith('/account/') || /^\/agencies\/[^/]+\/apply\/online$/.test(url);

export const setApplicantCookie = (reply: FastifyReply, token: string, expiresAt: string): void => {
  reply.setCookie(APPLICANT_COOKIE, token, {
    ...cookieOptions(reply.server.config.cookieSecure),
    expires: new Date(expiresAt),
  });
};

export const clearApplicantCookie = (reply: FastifyReply): void => {
  reply.clearCookie(APPLICANT_COOKIE, cookieOptions(reply.server.config.cookieSecure));
};

/** Loads the logged-in applicant from their cookie; a dead session's cookie is cleared. */
export const loadApplicantSession = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const token = request.cookies[APPLICANT_COOKIE];
  if (token === undefined || token === '') return;
  const found = await findApplicantSession(request.server.database.db, token, new Date());
  if (found === null) {
    clearApplicantCookie(reply);
    return;
  }
  request.applicant = {
    token,
    sessionId: found.sessionId,
    csrfToken: found.csrfToken,
    account: found.account,
  };
};

/**
 * Logs an applicant in with session rotation: whatever applicant session this browser had is
 * ended and a new token issued, so a token planted before login is worth nothing after it.
 */
export const startApplicantSession = async (
  request: FastifyRequest,
  reply: FastifyReply,
  accountId: number,
  now: Date,
): Promise<void> => {
  const { db } = request.server.database;
  const old = request.cookies[APPLICANT_COOKIE];
  if (old) await deleteApplicantSession(db, old, now, request.ip);
  const session = await createApplicantSession(db, {
    accountId,
    now,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
  });
  setApplicantCookie(reply, session.token, session.expiresAt);
};

/** Ends the applicant's session (a logout) and clears the cookie. */
export const endApplicantSession = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const token = request.applicant?.token ?? request.cookies[APPLICANT_COOKIE];
  if (token) await deleteApplicantSession(request.server.database.db, token, new Date(), request.ip);
  clearApplicantCookie(reply);
};
