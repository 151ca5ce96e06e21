import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import {
  applicationsPerAgencyChart,
  rollUp,
  rollupTrend,
  trendChart,
} from '../../../reports/rollup/index.ts';
import { principalOf, requireLogin } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import { CompareChooser } from '../../views/workbench/report-compare.tsx';
import { ReportRollup } from '../../views/workbench/report-rollup.tsx';
import { accessibleAgencyOptions, lastYear, visibleAgency } from './report-history.tsx';

const rollupQuery = z.object({
  agency: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  year: z.coerce.number().int().min(2008).max(2100).optional(),
});

/** Years the trend chart covers, up to the chosen one. */
const TREND_YEARS = 5;

/**
 * The supervisor's roll-up (issue 6, item 5): GET /workbench/reports/rollup?agency=&year= for a
 * government (or any agency) and everything under it. Anyone with a role over that agency; without
 * `agency`, a form to choose one.
 */
export const reportRollupRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  app.get(
    '/reports/rollup',
    { schema: { querystring: rollupQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const now = new Date();
      const all = await listAgencies(db);
      const principal = principalOf(request);
      const agencies = accessibleAgencyOptions(principal, all);
      const { agency: agencyId, year = lastYear(now) } = request.query;
      if (agencyId === undefined) {
        const firstGovernment = all.find(
          (a) => a.kind === 'government' && agencies.some((o) => o.value === String(a.id)),
        );
        return reply.page(
          '年报汇总',
          <>
            <h1>所属机关年报汇总</h1>
            <p class="lead">
              选择一个人民政府（或其他机关）和年度，查看其及所属机关的年报情况、办理指标和汇总表格。
            </p>
            <CompareChooser
              agencies={agencies}
              values={{ agency: firstGovernment ? String(firstGovernment.id) : '', year: String(year) }}
              action="/workbench/reports/rollup"
              title="汇总"
            />
          </>,
        );
      }
      const government = await visibleAgency(request, agencyId);
      const rollup = await rollUp(db, {
        governmentId: government.id,
        year,
        today: beijingDate(now.toISOString()),
      });
      const trend = await rollupTrend(db, { governmentId: government.id, year, count: TREND_YEARS });
      const charts = {
        perAgency: applicationsPerAgencyChart(
          rollup.agencies.map((a) => ({
            name: a.agency.name,
            received: a.inspector.received,
            replied: a.inspector.replied,
          })),
        ),
        trend: trendChart(trend),
      };
      return reply.page('年报汇总', <ReportRollup {...{ rollup, trend, agencies, charts }} />);
    },
  );
};
