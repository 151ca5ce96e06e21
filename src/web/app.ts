import './fastify-types.ts';
import type { Server } from 'node:http';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import multipart from '@fastify/multipart';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  type RouteOptions,
} from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from '../config/config.ts';
import { sharedSecret } from '../db/app-secrets.ts';
import type { Database } from '../db/database.ts';
import { registerJobHandlers } from '../jobs/handlers/index.ts';
import { type JobQueue, openJobQueue } from '../jobs/job-queue.ts';
import { installAuth } from './plugins/auth.ts';
import { AnonymousCsrf } from './plugins/csrf-token.ts';
import { installErrorHandling } from './plugins/errors.tsx';
import { loggerOptions } from './plugins/logging.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { clearPageCacheOnWrites, installPageCache, PageCache } from './plugins/page-cache.ts';
import { installPages } from './plugins/pages.ts';
import { PortalReads } from './plugins/portal-reads.ts';
import { registerRateLimit } from './plugins/rate-limit.ts';
import { registerSecurityHeaders } from './plugins/security.ts';
import { registerStaticFiles } from './plugins/static-files.ts';
import { apiRoutes } from './routes/api/index.ts';
import { healthRoutes } from './routes/health.ts';
import { portalRoutes } from './routes/portal/index.ts';
import { workbenchRoutes } from './routes/workbench/index.ts';

export interface BuildAppOptions {
  readonly config: Config;
  readonly database: Database;
  /** A logger to use instead of one made from the config (tests pass `false`). */
  readonly logger?: FastifyBaseLogger | false;
  /** Told of every route as it is registered (the authorisation matrix test lists them so). */
  readonly onRoute?: (route: RouteOptions) => void;
  /**
   * The background jobs (src/jobs): unset, a queue over the database with the app's handlers,
   * not started (`serve` starts it; tests that inject never do, so they pay nothing); a queue to
   * use that one; false for none (the jobs page then says so). Closing the app stops it.
   */
  readonly jobs?: JobQueue | false;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The background jobs, or null when the app was built without them. */
    readonly jobs: JobQueue | null;
    /** Reads many portal pages share, kept and emptied with the page cache. */
    readonly portalReads: PortalReads;
  }
}

/** Upload limits: each file at most 10 MB, at most 5 files a request. */
export const UPLOAD_LIMITS = { fileSize: 10 * 1024 * 1024, files: 5, fields: 50, parts: 60 } as const;

/** The whole web application: portal, workbench and API over one database. */
export const buildApp = async ({
  config,
  database,
  logger,
  onRoute,
  jobs,
}: BuildAppOptions): Promise<FastifyInstance> => {
  const tp = config.trustProxy;
  const options: FastifyHttpOptions<Server> = {
    // A hop count is valid at run time (proxy-addr), but Fastify's types only know the function form.
    trustProxy: typeof tp === 'number' ? (_address: string, hop: number) => hop < tp : tp,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  };
  if (logger === undefined) options.logger = loggerOptions(config);
  else if (logger !== false) options.loggerInstance = logger;
  const app = Fastify(options);
  if (onRoute) app.addHook('onRoute', onRoute);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('config', config);
  app.decorate('database', database);
  const queue =
    jobs === false ? null : (jobs ?? openJobQueue(database, { onError: (e) => app.log.error(e) }));
  if (queue !== null && jobs === undefined) await registerJobHandlers(queue, database.db);
  app.decorate('jobs', queue);
  // After the requests in flight: a handler still running finishes (or is given up) first.
  if (queue !== null) app.addHook('onClose', () => queue.stop());
  // Unset, the key is made once per database: every process behind one site accepts the others' forms.
  app.decorate(
    'anonymousCsrf',
    new AnonymousCsrf(config.sessionSecret ?? (await sharedSecret(database.db, 'anonymous-csrf'))),
  );

  await registerSecurityHeaders(app, config);
  await registerRateLimit(app, config, database);
  await app.register(cookie);
  await app.register(formbody);
  await app.register(multipart, { limits: UPLOAD_LIMITS, attachFieldsToBody: true });
  installPages(app);
  installErrorHandling(app);
  installAuth(app);
  await registerOpenApi(app);
  await registerStaticFiles(app);

  await app.register(healthRoutes);
  const pageCache = new PageCache(config.portalCacheSeconds * 1000, config.portalCacheBytes);
  const portalReads = new PortalReads(config.portalCacheSeconds * 1000);
  app.decorate('portalReads', portalReads);
  if (config.portalCacheSeconds > 0) {
    const clear = () => {
      pageCache.clear();
      portalReads.clear();
    };
    clearPageCacheOnWrites(app, { clear }, database);
  }
  await app.register(async (portal) => {
    installPageCache(portal, pageCache);
    await portal.register(portalRoutes);
  });
  await app.register(workbenchRoutes, { prefix: '/workbench' });
  await app.register(apiRoutes, { prefix: '/api/v1' });
  return app;
};
