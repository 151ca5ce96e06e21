import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Application } from '../../../applications/application.repository.ts';
import {
  type ApplicationAgencies,
  hasRoleOnApplication,
  seesPersonalData,
} from '../../../applications/application-access.ts';
import {
  listApplications,
  QUEUE_LABELS,
  QUEUES,
  type Queue,
} from '../../../applications/list-applications.ts';
import { recordApplicationEvent } from '../../../applications/record-application-event.ts';
import { findSimilarApplications } from '../../../applications/similar-applications.ts';
import { submitApplication } from '../../../applications/submit-application.ts';
import { itemsReleasedFrom } from '../../../disclosure/release-to-all.ts';
import { suggestPublishedItems } from '../../../disclosure/suggest-items.ts';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole, canAccessAgency, hasRole, type Principal } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import {
  presentApplicationDetail,
  presentApplicationRow,
  statusText,
} from '../../presenters/application.presenter.ts';
import { applicationsCsv, EXPORT_LIMIT } from '../../presenters/application-csv.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { PublishedSuggestions } from '../../views/components/published-suggestions.tsx';
import { ApplicationDetailPage } from '../../views/workbench/application-detail.tsx';
import { ApplicationList, filterValues } from '../../views/workbench/application-list.tsx';
import { ApplicationRegistered, NewApplicationForm } from '../../views/workbench/application-new.tsx';
import { LettersPanel } from '../../views/workbench/letters-panel.tsx';
import { idParams } from '../params.ts';
import { appealPanelOf } from './appeals.tsx';
import { ACTION_DONE, availableActions } from './application-actions.tsx';
import { loadApplicationFor } from './application-context.ts';
import { releasesInformation } from './disclosure-release.tsx';
import { lettersPanelProps } from './letters.tsx';

const queueQuery = z.object({
  queue: z.enum(QUEUES).catch('all'),
  q: z.string().max(100).optional().catch(undefined),
  handler: z.string().max(20).optional().catch(undefined),
  channel: z.string().max(40).optional().catch(undefined),
  applicantType: z.string().max(40).optional().catch(undefined),
  receivedFrom: z.string().max(10).optional().catch(undefined),
  receivedTo: z.string().max(10).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
  saved: z.string().optional(),
  done: z.string().optional(),
});
const anyRegistrar = requireRoleSomewhere('registrar');

/** An extension is the approver's (Art. 33); the other events, the handler's or the registrar's. */
const mayRecord = (
  principal: Principal,
  agencies: ApplicationAgencies,
  type: string | undefined,
): boolean => {
  const roles: readonly Role[] = type === 'extended' ? ['approver'] : ['handler', 'registrar'];
  return roles.some((role) => hasRoleOnApplication(principal, role, agencies));
};

/** The receiving and handling agencies of a row, from the agencies the user can see. */
const rowAgencies = (a: Application, byId: ReadonlyMap<number, Agency>): ApplicationAgencies | null => {
  const receiving = byId.get(a.agencyId);
  const handling = a.handlingAgencyId === null ? null : (byId.get(a.handlingAgencyId) ?? null);
  if (receiving === undefined && handling === null) return null;
  // A department handler sees rows of its government: their role is tested on the department.
  return { receiving: receiving ?? (handling as Agency), handling, coHandlers: [] };
};

/**
 * GET /workbench/applications (queues), GET/POST /workbench/applications/new|/ (staff
 * registration), GET /workbench/applications/:id (detail) and POST …/:id/events (the clock).
 * An application of an agency outside the user's subtrees is a 404: its existence is not told.
 */
export const applicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const today = () => beijingDate(new Date().toISOString());

  const queuePage = async (request: FastifyRequest, pageSize?: number) => {
    const principal = principalOf(request);
    const agencies = (await listAgencies(db)).filter((a) => canAccessAgency(principal, a));
    const byId = new Map(agencies.map((a) => [a.id, a]));
    const query = request.query as z.infer<typeof queueQuery>;
    const day = today();
    const handler = query.handler === 'me' ? principal.userId : Number(query.handler) || undefined;
    const filters = {
      q: query.q,
      handlerUserId: handler,
      channel: query.channel,
      applicantType: query.applicantType,
      receivedFrom: query.receivedFrom,
      receivedTo: query.receivedTo,
    };
    const result = await listApplications(db, {
      agencyIds: [...byId.keys()],
      queue: query.queue,
      today: day,
      page: query.page,
      ...(pageSize === undefined ? {} : { pageSize }),
      ...filters,
    });
    const clear = (a: Application) => {
      const involved = rowAgencies(a, byId);
      return involved !== null && seesPersonalData(principal, involved);
    };
    return { principal, query, result, day, clear, byId };
  };

  app.get(
    '/applications',
    { schema: { querystring: queueQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const { principal, query, result, day, clear, byId } = await queuePage(request);
      const views = result.rows.map((a) =>
        presentApplicationRow(a, clear(a), day, byId.get(a.agencyId)?.name),
      );
      const canRegister = principal.assignments.some((a) => a.role === 'registrar' || a.role === 'admin');
      return reply.page(
        '依申请公开',
        <ApplicationList
          queue={query.queue}
          canRegister={canRegister}
          rows={views}
          total={result.total}
          page={result.page}
          pageSize={result.pageSize}
          filters={filterValues(query)}
        />,
      );
    },
  );

  /** The queue as CSV, every page of it, personal data masked whatever the role (it leaves the system). */
  app.get(
    '/applications/export.csv',
    { schema: { querystring: queueQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const { result, byId } = await queuePage(request, EXPORT_LIMIT);
      const csv = applicationsCsv(result.rows, (id) => byId.get(id)?.name ?? '');
      const name = `依申请公开-${QUEUE_LABELS[(request.query as { queue: Queue }).queue]}-${today()}.csv`;
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="applications.csv"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .header('cache-control', 'no-store')
        .send(csv);
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

  const detailPage = async (
    request: FastifyRequest,
    id: number,
    form: { values?: Record<string, string>; errors?: FieldErrors; notice?: string } = {},
  ) => {
    const { principal, detail, agencies } = await loadApplicationFor(db, request, id);
    const view = presentApplicationDetail(
      detail.application,
      detail.events,
      detail.deadline,
      agencies,
      seesPersonalData(principal, agencies),
      today(),
    );
    const canRecord =
      detail.application.status === 'open' &&
      detail.application.stage === 'processing' &&
      (['handler', 'registrar', 'approver'] as const).some((r) =>
        hasRoleOnApplication(principal, r, agencies),
      );
    return (
      <ApplicationDetailPage
        view={view}
        csrfToken={request.session?.csrfToken ?? ''}
        canRecord={canRecord}
        values={form.values ?? { date: today() }}
        errors={form.errors ?? {}}
        notice={form.notice}
        actions={availableActions(principal, detail.application, agencies)}
        letters={
          <LettersPanel
            {...(await lettersPanelProps(db, {
              principal,
              application: detail.application,
              events: detail.events,
              agencies,
              csrfToken: request.session?.csrfToken ?? '',
            }))}
          />
        }
        releaseHref={
          releasesInformation(detail.application) && hasRole(principal, 'publisher', agencies.receiving)
            ? `/workbench/applications/${detail.application.id}/release-to-all`
            : undefined
        }
        appeals={await appealPanelOf(db, principal, detail.application)}
        released={(await itemsReleasedFrom(db, detail.application.id)).map((item) => ({
          href: `/workbench/disclosure/${item.id}`,
          title: item.title,
          status:
            item.status === 'published'
              ? `已公开（${item.publishedOn ?? ''}）`
              : item.status === 'withdrawn'
                ? '已撤回'
                : '待发布',
        }))}
        published={
          <PublishedSuggestions
            items={
              await suggestPublishedItems(db, {
                agencyId: detail.application.agencyId,
                text: detail.application.description,
                limit: 5,
              })
            }
            heading="已主动公开的相关信息"
            lead="所申请的信息可能已经主动公开：属实的，可予以公开并告知获取的方式和途径（条例第三十六条第（一）项）。"
          />
        }
        caseFile={
          seesPersonalData(principal, agencies)
            ? {
                pdf: `/workbench/applications/${detail.application.id}/case-file.pdf`,
                zip: `/workbench/applications/${detail.application.id}/case-file.zip`,
              }
            : undefined
        }
        similar={(await findSimilarApplications(db, detail.application)).map((x) => ({
          href: `/workbench/applications/${x.application.id}`,
          trackingNumber: x.application.trackingNumber,
          receivedOn: x.application.receivedOn,
          description: x.application.description,
          status: statusText(x.application),
          sameApplicant: x.sameApplicant,
        }))}
      />
    );
  };

  app.get(
    '/applications/:id',
    { schema: { params: idParams, querystring: queueQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const { saved, done } = request.query;
      const notice = saved
        ? '办理事件已记录，答复期限已重新计算。'
        : done !== undefined && done in ACTION_DONE
          ? ACTION_DONE[done as keyof typeof ACTION_DONE]
          : undefined;
      return reply.page('申请详情', await detailPage(request, request.params.id, notice ? { notice } : {}));
    },
  );

  app.post(
    '/applications/:id/events',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      const { principal, agencies } = await loadApplicationFor(db, request, id);
      const values = formValues(request.body);
      if (!mayRecord(principal, agencies, values.type))
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
