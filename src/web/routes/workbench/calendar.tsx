import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { adminEnteredYears, mergedSchedules, saveYearSchedule } from '../../../calendar/calendar-store.ts';
import { isAppError } from '../../../errors/app-error.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, requireRoleSomewhere } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { CalendarPage, type CalendarYearView } from '../../views/workbench/calendar.tsx';

const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split(/[\r\n,，;；]+/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

const yearsOf = async (app: Parameters<FastifyPluginAsyncZod>[0]): Promise<CalendarYearView[]> => {
  const entered = await adminEnteredYears(app.database.db);
  return (await mergedSchedules(app.database.db)).reverse().map((schedule) => ({
    year: schedule.year,
    source: entered.has(schedule.year) ? '管理员录入' : '随系统发布',
    schedule,
  }));
};

const savedQuery = z.object({
  saved: z.coerce.number().int().optional(),
  open: z.coerce.number().int().optional(),
});

/** GET/POST /workbench/calendar — the working-day calendar; an admin enters a new year's schedule. */
export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const admin = requireRoleSomewhere('admin');

  app.get('/calendar', { schema: { querystring: savedQuery }, preHandler: admin }, async (request, reply) => {
    const { saved, open } = request.query;
    const notice = saved
      ? `已保存${saved}年的节假日安排，${open ?? 0}件未办结申请的答复期限已按新日历重新计算。`
      : null;
    const csrfToken = request.session?.csrfToken ?? '';
    const page = (
      <CalendarPage years={await yearsOf(app)} csrfToken={csrfToken} values={{}} errors={{}} saved={notice} />
    );
    return reply.page('工作日日历', page);
  });

  app.post('/calendar', { preHandler: admin }, async (request, reply) => {
    const values = formValues(request.body);
    const schedule = {
      year: /^\d{4}$/.test(values.year ?? '') ? Number(values.year) : values.year,
      notices: lines(values.notices),
      holidays: lines(values.holidays),
      makeUpWorkdays: lines(values.makeUpWorkdays),
    };
    try {
      const result = await saveYearSchedule(app.database.db, {
        schedule,
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(
        `/workbench/calendar?saved=${result.schedule.year}&open=${result.openApplications}`,
        303,
      );
    } catch (error) {
      if (!isAppError(error, 'VALIDATION')) throw error;
      const errors: FieldErrors = Object.fromEntries(
        (error.details ?? []).map((d) => [(d.field ?? 'year').split('.')[0] || 'year', d.message]),
      );
      const csrfToken = request.session?.csrfToken ?? '';
      const page = (
        <CalendarPage years={await yearsOf(app)} {...{ csrfToken, values, errors }} saved={null} />
      );
      return reply.page('工作日日历', page, 400);
    }
  });
};
