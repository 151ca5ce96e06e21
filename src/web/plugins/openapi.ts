import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

export const API_PREFIX = '/api/v1';

/**
 * OpenAPI from the routes' zod schemas: the API's routes carry a tag, everything else (the
 * pages) is left out. The document is at /api/v1/openapi.json, the docs at /api/v1/docs.
 */
export const registerOpenApi = async (app: FastifyInstance): Promise<void> => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'gongkai API',
        description: '政府信息公开平台的 JSON 接口。写操作需要登录会话和 X-CSRF-Token 请求头。',
        version: '1.0.0',
      },
      tags: [
        { name: 'agencies', description: '机关' },
        { name: 'session', description: '当前登录用户' },
      ],
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gk_session' } },
      },
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: `${API_PREFIX}/docs`, staticCSP: false });
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());
};
