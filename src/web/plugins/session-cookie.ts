import type { CookieSerializeOptions } from '@fastify/cookie';
import type { FastifyReply } from 'fastify';

/** The session cookie: the session token, nothing else; the session itself is in the database. */
export const SESSION_COOKIE = 'gk_session';

export const cookieOptions = (secure: boolean): CookieSerializeOptions => ({
  httpOnly: true,
  sameSite: 'lax',
  secure,
  path: '/',
});

export const setSessionCookie = (reply: FastifyReply, token: string, expiresAt: string): void => {
  reply.setCookie(SESSION_COOKIE, token, {
    ...cookieOptions(reply.server.config.cookieSecure),
    expires: new Date(expiresAt),
  });
};

export const clearSessionCookie = (reply: FastifyReply): void => {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(reply.server.config.cookieSecure));
};
