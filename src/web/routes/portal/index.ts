import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { portalAgencyRoutes } from './agencies.tsx';
import { portalSectionRoutes } from './agency-sections.tsx';
import { applyOnlineRoutes } from './apply-online.tsx';
import { portalHomeRoutes } from './home.tsx';

/** The public portal: no login, no session, no cookie; every page works without JavaScript. */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(portalHomeRoutes);
  await app.register(portalAgencyRoutes);
  await app.register(portalSectionRoutes);
  await app.register(applyOnlineRoutes);
};
