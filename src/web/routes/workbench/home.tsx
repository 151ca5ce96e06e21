import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { appealDutyCounts } from '../../../appeals/appeal-cases.ts';
import { loadCalendar } from '../../../calendar/calendar-store.ts';
import { remindersOf } from '../../../jobs/reminders.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { canAccessAgency } from '../../../orgs/policy.ts';
import { ROLE_LABELS } from '../../../orgs/role.ts';
import { reminderText, reportReminders } from '../../../reports/documents/index.ts';
import { principalOf, requireLogin } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import { WorkbenchHome } from '../../views/workbench/home.tsx';

/** GET /workbench — the user's roles and what each lets them do. */
export const homeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/', { preHandler: requireLogin }, async (request, reply) => {
    const principal = principalOf(request);
    const names = new Map((await listAgencies(app.database.db)).map((a) => [a.id, a.name]));
    const grants = principal.assignments.map((a) => ({
      key: `${a.agencyId}:${a.role}`,
      agencyName: names.get(a.agencyId) ?? `机关 ${a.agencyId}`,
      role: a.role,
      roleLabel: ROLE_LABELS[a.role],
    }));
    const own = await findAgency(app.database.db, principal.agencyId);
    // Reminders of the agency's own duties in reconsideration and litigation (src/appeals).
    const appealDuties = await appealDutyCounts(app.database.db, {
      agencyIds: (await listAgencies(app.database.db))
        .filter((a) => canAccessAgency(principal, a))
        .map((a) => a.id),
      today: beijingDate(new Date().toISOString()),
      calendar: await loadCalendar(app.database.db),
    });
    // The annual report's statutory day (src/reports/documents), for the agencies whose report the user
    // writes or approves: from 1 December until it is published.
    const reportAgencies = (await listAgencies(app.database.db)).filter((a) =>
      principal.assignments.some(
        (g) => g.agencyId === a.id && (g.role === 'publisher' || g.role === 'approver' || g.role === 'admin'),
      ),
    );
    const reminders = (
      await reportReminders(app.database.db, reportAgencies, beijingDate(new Date().toISOString()))
    ).map((r) => ({
      key: `${r.agencyId}:${r.year}`,
      text: `${r.agencyName}${r.year}年度报告：${reminderText(r)}`,
      overdue: r.overdue,
      href: `/workbench/reports?agencyId=${r.agencyId}`,
    }));
    // The handler's due-soon and overdue applications of today (the 08:00 job, src/jobs).
    const deadlineReminders = await remindersOf(app.database.db, {
      userId: principal.userId,
      date: beijingDate(new Date().toISOString()),
    });
    const page = (
      <WorkbenchHome
        displayName={request.session?.user.displayName ?? ''}
        agencyName={own?.name ?? ''}
        grants={grants}
        isAdmin={principal.assignments.some((a) => a.role === 'admin')}
        appealDuties={appealDuties}
        reportReminders={reminders}
        deadlineReminders={deadlineReminders}
      />
    );
    return reply.page('工作台', page);
  });
};
