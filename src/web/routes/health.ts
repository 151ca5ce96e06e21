import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';

/** GET /healthz — 200 when the database answers a trivial query, 503 when it does not. */
export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/healthz', { config: { rateLimit: false } }, async (request, reply) => {
    try {
      await sql`select 1`.execute(app.database.db);
      return reply.header('cache-control', 'no-store').send({ status: 'ok' });
    } catch (error) {
      request.log.error({ err: error }, 'health check: the database did not answer');
      return reply.code(503).header('cache-control', 'no-store').send({ status: 'unavailable' });
    }
  });
};
