import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config/config.ts';
import { AppError } from '../../errors/app-error.ts';

/** Route config of the login form and every public form: a stricter limit than the site's. */
export const formRateLimit = (config: Config) => ({
  rateLimit: { max: config.loginRateLimitMax, timeWindow: '1 minute' },
});

/** Per client address: RATE_LIMIT_MAX requests a minute across the site; 429 as a page or JSON. */
export const registerRateLimit = async (app: FastifyInstance, config: Config): Promise<void> => {
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: '1 minute',
    errorResponseBuilder: (_request, context) =>
      new AppError('RATE_LIMITED', `请求过于频繁，请在 ${Math.ceil(context.ttl / 1000)} 秒后再试。`),
  });
};
