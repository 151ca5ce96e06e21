import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getApplicationDetail } from '../../../applications/get-application-detail.ts';
import { listApplications, QUEUES } from '../../../applications/list-applications.ts';
import { recordApplicationEvent } from '../../../applications/record-application-event.ts';
import { submitApplication } from '../../../applications/submit-application.ts';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole, canAccessAgency, hasRole, type Principal } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import { presentApplicationDetail, presentApplicationRow } from '../../presenters/application.presenter.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { ApplicationDetailPage } from '../../views/workbench/application-detail.tsx';
import { ApplicationList } from '../../views/workbench/application-list.tsx';
import { ApplicationRegistered, NewApplicationForm } from '../../views/workbench/application-new.tsx';
import { idParams } from '../params.ts';

const queueQuery = z.object({ queue: z.enum(QUEUES).catch('all'), saved: z.string().optional() });
const anyRegistrar = requireRoleSomewhere('registrar');

/** Registrars, handlers and admins of the agency see the applicant's personal data in clear. */
const seesPersonalData = (principal: Principal, agency: Agency): boolean =>
  (['registrar', 'handler'] as const).some((role) => hasRole(principal, role, agency));

/** An extension is the approver's (Art. 33); the other events, the handler's or the registrar's. */
const mayRecord = (principal: Principal, agency: Agency, type: string | undefined): boolean => {
  const roles: readonly Role[] = type === 'extended' ? ['approver'] : ['handler', 'registrar'];
  return roles.some((role) => hasRole(principal, role, agency));
};

/**
 * GET /workbench/applications (queues), GET/POST /workbench/applications/new|/ (staff
 * registration), GET /workbench/applications/:id (detail) and POST …/:id/events (the clock).
 * An application of an agency outside the user's subtrees is a 404: its existence is not told.
 */
export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const today = () => beijingDate(new Date().toISOString());

  app.get(
    '/applications',
    { schema: { querystring: queueQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const principal = principalOf(request);
      const agencies = (await listAgencies(db)).filter((a) => canAccessAgency(principal, a));
      const byId = new Map(agencies.map((a) => [a.id, a]));
      const { queue } = request.query;
      const day = today();
      const { rows } = await listApplications(db, { agencyIds: [...byId.keys()], queue, today: day });
      const views = rows.map((application) => {
        const agency = byId.get(application.agencyId);
        const clear = agency !== undefined && seesPersonalData(principal, agency);
        return presentApplicationRow(application, clear, day);
      });
      const canRegister = principal.assignments.some((a) => a.role === 'registrar' || a.role === 'admin');
      return reply.page('依申请公开', <ApplicationList {...{ queue, canRegister }} rows={views} />);
    },
  );

  const registrarAgencies = async (request: FastifyRequest) =>
    agenciesWithRole(principalOf(request), 'registrar', await listAgencies(db));

  const formPage = async (request: FastifyRequest, values: Record<string, string>, errors: FieldErrors) => {
    const agencies = (await registrarAgencies(request)).map((a) => ({ value: String(a.id), label: a.name }));
    return (
      <NewApplicationForm
        csrfToken={request.session?.csrfToken ?? ''}
        submissionKey={values.submissionKey || randomUUID()}
        {...{ agencies, values, errors }}
      />
    );
  };

  app.get('/applications/new', { preHandler: anyRegistrar }, async (request, reply) =>
    reply.page('登记申请', await formPage(request, {}, {})),
  );

  app.post('/applications', { preHandler: anyRegistrar }, async (request, reply) => {
    const values = formValues(request.body);
    const again = async (errors: FieldErrors) =>
      reply.page('登记申请', await formPage(request, values, errors), 400);
    const agencyId = Number(values.agencyId);
    const agency = Number.isSafeInteger(agencyId) ? await findAgency(db, agencyId) : null;
    if (agency === null) return again({ agencyId: '请选择受理机关' });
    if (!hasRole(principalOf(request), 'registrar', agency))
      throw new AppError('FORBIDDEN', '您没有该机关的“登记员”权限，无法登记其申请。');
    if (values.channel === 'online') return again({ channel: '网上申请由申请人在门户提交，无需登记' });
    try {
      const result = await submitApplication(db, {
        agencyId: agency.id,
        input: values,
        ...(values.submissionKey ? { idempotencyKey: values.submissionKey } : {}),
        actor: actorOf(request),
        now: new Date(),
      });
      const secretCode = result.created ? result.secretCode : null;
      return reply.page(
        '申请已登记',
        <ApplicationRegistered
          id={result.id}
          trackingNumber={result.trackingNumber}
          secretCode={secretCode}
        />,
        result.created ? 201 : 200,
      );
    } catch (error) {
      return again(fieldErrorsOf(error));
    }
  });

  /** The application and its agency, or a 404 when it is not the user's to see. */
  const load = async (request: FastifyRequest, id: number) => {
    const principal = principalOf(request);
    const detail = await getApplicationDetail(db, id);
    const agency = detail === null ? null : await findAgency(db, detail.application.agencyId);
    if (detail === null || agency === null || !canAccessAgency(principal, agency))
      throw new AppError('NOT_FOUND', '未找到该申请。');
    return { principal, detail, agency };
  };

  const detailPage = async (
    request: FastifyRequest,
    id: number,
    form: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {},
  ) => {
    const { principal, detail, agency } = await load(request, id);
    const view = presentApplicationDetail(
      detail.application,
      detail.events,
      detail.deadline,
      agency.name,
      seesPersonalData(principal, agency),
      today(),
    );
    const canRecord = (['handler', 'registrar', 'approver'] as const).some((r) =>
      hasRole(principal, r, agency),
    );
    return (
      <ApplicationDetailPage
        view={view}
        csrfToken={request.session?.csrfToken ?? ''}
        canRecord={canRecord}
        values={form.values ?? { date: today() }}
        errors={form.errors ?? {}}
        notice={form.notice}
      />
    );
  };

  app.get(
    '/applications/:id',
    { schema: { params: idParams, querystring: queueQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const notice = request.query.saved ? '办理事件已记录，答复期限已重新计算。' : undefined;
      return reply.page('申请详情', await detailPage(request, request.params.id, notice ? { notice } : {}));
    },
  );

  app.post(
    '/applications/:id/events',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      const { principal, agency } = await load(request, id);
      const values = formValues(request.body);
      if (!mayRecord(principal, agency, values.type))
        throw new AppError(
          'FORBIDDEN',
          values.type === 'extended'
            ? '延长答复期限须由负责人记录。'
            : '只有承办人、登记员或管理员可以记录办理事件。',
        );
      try {
        await recordApplicationEvent(db, {
          applicationId: id,
          event: values,
          actor: actorOf(request),
          now: new Date(),
        });
      } catch (error) {
        return reply.page(
          '申请详情',
          await detailPage(request, id, { values, errors: fieldErrorsOf(error) }),
          400,
        );
      }
      return reply.redirect(`/workbench/applications/${id}?saved=1`, 303);
    },
  );
};
