import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { presentAgencyJson } from '../../presenters/agency.presenter.ts';
import { idParams } from '../params.ts';
import { agencySchema, errorResponse } from './schemas.ts';

/** GET /api/v1/agencies and /api/v1/agencies/:id — public, as the portal shows them. */
export const apiAgencyRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/agencies',
    {
      schema: {
        tags: ['agencies'],
        summary: '全部机关，按层级排列',
        response: { 200: z.object({ agencies: z.array(agencySchema) }) },
      },
    },
    async () => ({ agencies: (await listAgencies(app.database.db)).map(presentAgencyJson) }),
  );

  app.get(
    '/agencies/:id',
    {
      schema: {
        tags: ['agencies'],
        summary: '一个机关及其政府信息公开工作机构的联系方式',
        params: idParams,
        response: { 200: z.object({ agency: agencySchema }), 404: errorResponse },
      },
    },
    async (request) => ({ agency: presentAgencyJson(await getAgency(app.database.db, request.params.id)) }),
  );
};
