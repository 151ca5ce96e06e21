import type { FastifyReply, FastifyRequest } from 'fastify';
import { createSession, deleteSession } from '../../orgs/session.ts';
import { CSRF_COOKIE } from './csrf-token.ts';
import { cookieOptions, SESSION_COOKIE, setSessionCookie } from './session-cookie.ts';

/**
 * Logs a user in with session rotation: whatever session this browser had is deleted and a
 * new token is issued, so a token planted before login is worth nothing after it.
 */
export const startSession = async (
  request: FastifyRequest,
  reply: FastifyReply,
  userId: number,
  now: Date,
) => {
  const { db } = request.server.database;
  const old = request.cookies[SESSION_COOKIE];
  if (old) await deleteSession(db, old, now);
  const session = await createSession(db, {
    userId,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? null,
    now,
  });
  setSessionCookie(reply, session.token, session.expiresAt);
  // The anonymous form token has done its job; the session carries its own from now on.
  reply.clearCookie(CSRF_COOKIE, cookieOptions(request.server.config.cookieSecure));
};
