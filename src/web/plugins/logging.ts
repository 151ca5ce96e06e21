import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../../config/config.ts';

/** Never logged: cookies, the Authorization header, CSRF tokens and any password field. */
export const REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.confirmPassword',
  '*._csrf',
  'body.password',
  'body.currentPassword',
  'body.newPassword',
] as const;

export const loggerOptions = (config: Config): FastifyServerOptions['logger'] => ({
  level: config.logLevel,
  redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
});
