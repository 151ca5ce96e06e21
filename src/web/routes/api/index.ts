import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiAgencyRoutes } from './agencies.ts';
import { apiApplicationRoutes } from './applications.ts';
import { apiMeRoutes } from './me.ts';

/**
 * JSON API v1: described by OpenAPI at /api/v1/openapi.json; writes with a session cookie need
 * X-CSRF-Token (the public online submission, sent without one, needs none).
 */
export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(apiAgencyRoutes);
  await app.register(apiApplicationRoutes);
  await app.register(apiMeRoutes);
};
