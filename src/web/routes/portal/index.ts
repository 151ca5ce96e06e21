import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { portalAgencyRoutes } from './agencies.tsx';
import { portalSectionRoutes } from './agency-sections.tsx';
import { portalAnnualReportRoutes } from './annual-reports.tsx';
import { applicantAccountRoutes } from './applicant-account.tsx';
import { applyOnlineRoutes } from './apply-online.tsx';
import { portalCatalogueRoutes } from './catalogue.tsx';
import { portalAttachmentRoutes } from './disclosure-attachments.ts';
import { portalItemRoutes } from './disclosure-items.tsx';
import { portalHomeRoutes } from './home.tsx';
import { portalSearchRoutes } from './search.tsx';
import { trackLetterRoutes } from './track-letters.tsx';

/**
 * The public portal: no staff login, no cookie on reading; every page works without JavaScript.
 * Only the optional applicant account (/account, applicant-account.tsx) has a session of its own.
 */
export const portalRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(portalHomeRoutes);
  await app.register(portalAgencyRoutes);
  await app.register(portalSectionRoutes);
  await app.register(portalAnnualReportRoutes);
  await app.register(portalItemRoutes);
  await app.register(portalAttachmentRoutes);
  await app.register(portalCatalogueRoutes);
  await app.register(portalSearchRoutes);
  await app.register(applyOnlineRoutes);
  await app.register(trackLetterRoutes);
  await app.register(applicantAccountRoutes);
};
