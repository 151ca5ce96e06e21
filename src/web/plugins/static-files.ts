import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

const STATIC_ROOT = fileURLToPath(new URL('../static/', import.meta.url));

/** The stylesheet (and any script) under /static: the CSP allows nothing from elsewhere. */
export const registerStaticFiles = async (app: FastifyInstance): Promise<void> => {
  await app.register(fastifyStatic, {
    root: STATIC_ROOT,
    prefix: '/static/',
    index: false,
    list: false,
    cacheControl: true,
    maxAge: '1h',
  });
};
