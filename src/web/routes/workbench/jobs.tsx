import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { CALENDAR_RECOMPUTE } from '../../../jobs/handlers/calendar-recompute.ts';
import { JOB_STATES } from '../../../jobs/job.ts';
import { JOB_NAME_LABELS } from '../../../jobs/job-labels.ts';
import type { JobQueue } from '../../../jobs/job-queue.ts';
import { cancelJob, enqueueJob, retryJob } from '../../../jobs/manage-jobs.ts';
import { actorOf, requireRoleSomewhere } from '../../plugins/auth.ts';
import { JobsPage } from '../../views/workbench/jobs.tsx';

const PAGE_SIZE = 50;

const NOTICES = {
  enqueued: '已启动“重新计算全部期限”，稍后可在下表查看结果。',
  already: '已有一个等待运行的“重新计算全部期限”任务，无需再次启动。',
  retried: '任务已重新排队，稍后运行。',
  cancelled: '任务已取消。',
} as const;

const listQuery = z.object({
  state: z.enum(JOB_STATES).optional().catch(undefined),
  name: z.string().max(60).optional().catch(undefined),
  page: z.coerce.number().int().positive().catch(1).default(1),
  done: z
    .enum(Object.keys(NOTICES) as [keyof typeof NOTICES])
    .optional()
    .catch(undefined),
});
const idParams = z.object({ id: z.string().min(1).max(64) });

/**
 * GET /workbench/jobs (the background jobs: filter, pages), POST /workbench/jobs/recompute,
 * /workbench/jobs/:id/retry and /workbench/jobs/:id/cancel. The jobs are the whole system's,
 * like the calendar they recompute from: any admin. Each action writes an audit row.
 */
export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = { preHandler: requireRoleSomewhere('admin') };
  const queueOr409 = (): JobQueue => {
    if (app.jobs === null) throw new AppError('CONFLICT', '本服务未启用后台任务。');
    return app.jobs;
  };

  app.get('/jobs', { ...admin, schema: { querystring: listQuery } }, async (request, reply) => {
    const { state, page: asked, done } = request.query;
    const name = request.query.name || undefined;
    const page = app.jobs
      ? await app.jobs.list({ state, name, limit: PAGE_SIZE, offset: (asked - 1) * PAGE_SIZE })
      : { jobs: [], total: 0 };
    const href = (changes: { page?: number }) => {
      const q = new URLSearchParams();
      if (state) q.set('state', state);
      if (name) q.set('name', name);
      q.set('page', String(changes.page ?? asked));
      return `/workbench/jobs?${q}`;
    };
    return reply.page(
      '后台任务',
      <JobsPage
        enabled={app.jobs !== null}
        jobs={page.jobs}
        total={page.total}
        page={asked}
        pageCount={Math.ceil(page.total / PAGE_SIZE)}
        filter={{ state, name }}
        names={Object.keys(JOB_NAME_LABELS)}
        csrfToken={request.session?.csrfToken ?? ''}
        notice={done ? NOTICES[done] : null}
        href={href}
      />,
    );
  });

  app.post('/jobs/recompute', admin, async (request, reply) => {
    const id = await enqueueJob(queueOr409(), app.database.db, {
      name: CALENDAR_RECOMPUTE,
      actor: actorOf(request),
      now: new Date(),
    });
    return reply.redirect(`/workbench/jobs?done=${id === null ? 'already' : 'enqueued'}`, 303);
  });

  for (const [action, change, done] of [
    ['retry', retryJob, 'retried'],
    ['cancel', cancelJob, 'cancelled'],
  ] as const) {
    app.post(`/jobs/:id/${action}`, { ...admin, schema: { params: idParams } }, async (request, reply) => {
      await change(queueOr409(), app.database.db, {
        id: request.params.id,
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(`/workbench/jobs?done=${done}`, 303);
    });
  }
};
