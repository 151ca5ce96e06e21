import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Application } from '../../../applications/application.repository.ts';
import { type ApplicationAgencies, hasRoleOnApplication } from '../../../applications/application-access.ts';
import {
  approveDecision,
  decideApplication,
  returnDecision,
} from '../../../applications/decide-application.ts';
import { deliverApplication } from '../../../applications/deliver-application.ts';
import { OUTCOME_DEFINITIONS } from '../../../applications/outcomes.ts';
import { recordSecrecyReview } from '../../../applications/review-secrecy.ts';
import { addCoHandler, assignApplication } from '../../../applications/route-application.ts';
import { routingOptions } from '../../../applications/routing-options.ts';
import { AppError } from '../../../errors/app-error.ts';
import type { Principal } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, requireLogin } from '../../plugins/auth.ts';
import { deadlineText, statusText } from '../../presenters/application.presenter.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import {
  ACTION_TITLES,
  type ActionContext,
  APPLICATION_ACTIONS,
  type ApplicationAction,
  ApplicationActionPage,
} from '../../views/workbench/application-actions.tsx';
import { loadApplicationFor } from './application-context.ts';

interface Spec {
  /** Roles any of which, held over the receiving or the handling agency, allow the action. */
  readonly roles: readonly Role[];
  /** Held over the receiving agency only: routing is the receiving office's. */
  readonly receivingOnly?: boolean;
  /** Why the action is not possible now, or null. */
  readonly unavailable: (a: Application) => string | null;
  readonly done: string;
}

const open = (a: Application) => (a.status === 'open' ? null : '本申请已办结。');
const processing = (a: Application) =>
  open(a) ?? (a.stage === 'processing' ? null : '答复决定已作出或已报批。');

const SPECS: Record<ApplicationAction, Spec> = {
  assign: { roles: ['registrar', 'approver'], receivingOnly: true, unavailable: open, done: '已分办。' },
  'co-handlers': {
    roles: ['registrar', 'approver'],
    receivingOnly: true,
    unavailable: open,
    done: '已安排会办。',
  },
  'secrecy-review': { roles: ['handler', 'approver'], unavailable: processing, done: '保密审查已记录。' },
  decision: { roles: ['handler', 'approver'], unavailable: processing, done: '答复决定已记录。' },
  approval: {
    roles: ['approver'],
    unavailable: (a) => open(a) ?? (a.stage === 'awaitingApproval' ? null : '本申请没有待审批的拟办意见。'),
    done: '审批意见已记录。',
  },
  delivery: {
    roles: ['handler', 'registrar'],
    unavailable: (a) => (a.stage === 'decided' ? null : '尚未作出答复决定，或答复已经送达。'),
    done: '送达已记录，申请已办结。',
  },
};

/** Whether the principal may take this action on this application (whatever its stage). */
export const mayTakeAction = (
  principal: Principal,
  action: ApplicationAction,
  agencies: ApplicationAgencies,
) => {
  const spec = SPECS[action];
  return spec.roles.some((role) =>
    spec.receivingOnly
      ? hasRoleOnApplication(principal, role, { ...agencies, handling: null })
      : hasRoleOnApplication(principal, role, agencies),
  );
};

/** The actions the principal may take on the application now, for the links on its page. */
export const availableActions = (
  principal: Principal,
  application: Application,
  agencies: ApplicationAgencies,
) =>
  APPLICATION_ACTIONS.filter(
    (action) => mayTakeAction(principal, action, agencies) && SPECS[action].unavailable(application) === null,
  ).map((action) => ({
    action,
    title: ACTION_TITLES[action],
    href: `/workbench/applications/${application.id}/${action}`,
  }));

const actionParams = z.object({
  id: z.coerce.number().int().positive(),
  action: z.enum(APPLICATION_ACTIONS),
});

/**
 * GET/POST /workbench/applications/:id/:action — routing, co-handling, the confidentiality
 * review, the decision, its approval and the delivery, each a page with its form. The role is
 * checked against the agencies the application involves; its stage decides what is possible.
 */
export const applicationActionRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    action: ApplicationAction,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const { principal, detail, agencies } = await loadApplicationFor(db, request, id);
    if (!mayTakeAction(principal, action, agencies))
      throw new AppError('FORBIDDEN', `您没有权限${ACTION_TITLES[action]}。`);
    const a = detail.application;
    const why = SPECS[action].unavailable(a);
    if (why !== null && status === 200) throw new AppError('CONFLICT', why);
    let context: ActionContext = { agencies: [], handlers: [] };
    if (action === 'assign' || action === 'co-handlers') {
      const options = await routingOptions(db, agencies.receiving);
      context = {
        agencies: [
          { value: '', label: '请选择' },
          ...options.agencies
            .filter((x) => action === 'assign' || x.id !== agencies.receiving.id)
            .map((x) => ({ value: String(x.id), label: x.name })),
        ],
        handlers: options.handlers.map((h) => ({
          value: String(h.userId),
          label: `${h.name}（${h.agencyName}）`,
        })),
      };
    }
    if (action === 'approval' && a.decision !== null)
      context = {
        ...context,
        proposal: `${OUTCOME_DEFINITIONS[a.decision.outcome].label}${a.decision.reason ? `：${a.decision.reason}` : ''}`,
      };
    const defaults: Record<string, string> =
      action === 'secrecy-review' || action === 'decision' || action === 'delivery'
        ? { date: beijingDate(new Date().toISOString()) }
        : action === 'assign'
          ? {
              handlingAgencyId: String(a.handlingAgencyId ?? a.agencyId),
              handlerUserId: a.handlerUserId === null ? '' : String(a.handlerUserId),
            }
          : {};
    return reply.page(
      `${ACTION_TITLES[action]} - 申请 ${a.trackingNumber}`,
      <ApplicationActionPage
        action={action}
        applicationId={a.id}
        trackingNumber={a.trackingNumber}
        status={statusText(a)}
        deadline={deadlineText(detail.deadline)}
        csrfToken={request.session?.csrfToken ?? ''}
        values={{ ...defaults, ...values }}
        errors={errors}
        context={context}
      />,
      status,
    );
  };

  app.get(
    '/applications/:id/:action',
    { schema: { params: actionParams }, preHandler: requireLogin },
    async (request, reply) => page(request, reply, request.params.id, request.params.action, {}, {}),
  );

  app.post(
    '/applications/:id/:action',
    { schema: { params: actionParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id, action } = request.params;
      const { principal, agencies } = await loadApplicationFor(db, request, id);
      if (!mayTakeAction(principal, action, agencies))
        throw new AppError('FORBIDDEN', `您没有权限${ACTION_TITLES[action]}。`);
      const values = formValues(request.body);
      const common = { applicationId: id, input: values, actor: actorOf(request), now: new Date() };
      try {
        switch (action) {
          case 'assign':
            await assignApplication(db, common);
            break;
          case 'co-handlers':
            await addCoHandler(db, common);
            break;
          case 'secrecy-review':
            await recordSecrecyReview(db, common);
            break;
          case 'decision':
            await decideApplication(db, {
              ...common,
              actorIsApprover: hasRoleOnApplication(principal, 'approver', agencies),
            });
            break;
          case 'approval':
            if (values.verdict === 'return') await returnDecision(db, common);
            else if (values.verdict === 'approve') await approveDecision(db, common);
            else
              throw new AppError('VALIDATION', '请选择审批意见', [
                { field: 'verdict', message: '请选择审批意见' },
              ]);
            break;
          case 'delivery':
            await deliverApplication(db, common);
            break;
        }
      } catch (error) {
        return page(request, reply, id, action, values, fieldErrorsOf(error), 400);
      }
      return reply.redirect(`/workbench/applications/${id}?done=${action}`, 303);
    },
  );
};

export const ACTION_DONE: Readonly<Record<ApplicationAction, string>> = Object.fromEntries(
  APPLICATION_ACTIONS.map((a) => [a, SPECS[a].done]),
) as Record<ApplicationAction, string>;
