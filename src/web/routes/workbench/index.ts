import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { agencyRoutes } from './agencies.tsx';
import { agencyChildRoutes } from './agency-children.tsx';
import { applicationActionRoutes } from './application-actions.tsx';
import { applicationImportRoutes } from './application-import.tsx';
import { applicationRoutes } from './applications.tsx';
import { auditRoutes } from './audit.tsx';
import { calendarRoutes } from './calendar.tsx';
import { catalogueRoutes } from './catalogue.tsx';
import { disclosureWorkbenchRoutes } from './disclosure.tsx';
import { homeRoutes } from './home.tsx';
import { letterRoutes } from './letters.tsx';
import { loginRoutes } from './login.tsx';
import { passwordRoutes } from './password.tsx';
import { registerRoutes } from './registers.tsx';
import { userAccountRoutes } from './user-account.tsx';
import { userRoutes } from './users.tsx';

/** The staff workbench under /workbench: every page but the login form needs a session. */
export const workbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(loginRoutes);
  await app.register(homeRoutes);
  await app.register(passwordRoutes);
  await app.register(agencyRoutes);
  await app.register(agencyChildRoutes);
  await app.register(userRoutes);
  await app.register(userAccountRoutes);
  await app.register(auditRoutes);
  await app.register(applicationRoutes);
  await app.register(applicationActionRoutes);
  await app.register(letterRoutes);
  await app.register(applicationImportRoutes);
  await app.register(calendarRoutes);
  await app.register(disclosureWorkbenchRoutes);
  await app.register(catalogueRoutes);
  await app.register(registerRoutes);
};
