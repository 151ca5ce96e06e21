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
        description:
          '政府信息公开平台的 JSON 接口。写操作需要登录会话和 X-CSRF-Token 请求头；在线提交申请无需登录，不带会话 Cookie 时也无需令牌。',
        version: '1.0.0',
      },
      tags: [
        { name: 'agencies', description: '机关' },
        { name: 'session', description: '当前登录用户' },
        { name: 'applications', description: '依申请公开：在线提交、办理队列、申请详情和计时事件' },
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
