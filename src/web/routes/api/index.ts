import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { apiAgencyRoutes } from './agencies.ts';
import { apiMeRoutes } from './me.ts';

/** JSON API v1: described by OpenAPI at /api/v1/openapi.json; writes need X-CSRF-Token. */
export const apiRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(apiAgencyRoutes);
  await app.register(apiMeRoutes);
};
