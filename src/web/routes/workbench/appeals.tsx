import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { canSeeAppeal, canWriteAppeal, seesClaimant } from '../../../appeals/appeal-access.ts';
import { APPEAL_KINDS } from '../../../appeals/appeal-case.table.ts';
import {
  type AppealCase,
  createAppealCase,
  dutyOf,
  findAppealCase,
  listAppealCases,
  recordAppealResponse,
  recordAppealResult,
  updateAppealCase,
} from '../../../appeals/appeal-cases.ts';
import { dutyState, dutyStateText } from '../../../appeals/appeal-deadline.ts';
import {
  APPEAL_KIND_LABELS,
  APPEAL_KIND_SHORT,
  APPEAL_RESULT_LABELS,
  bodyLabel,
  dutyLabel,
} from '../../../appeals/appeal-labels.ts';
import type { Application } from '../../../applications/application.repository.ts';
import { seesPersonalData } from '../../../applications/application-access.ts';
import type { WorkingCalendar } from '../../../calendar/calendar.ts';
import { loadCalendar } from '../../../calendar/calendar-store.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import type { Principal } from '../../../orgs/policy.ts';
import { maskName } from '../../../privacy/mask.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { AppealDetailPage, type AppealDetailView } from '../../views/workbench/appeal-detail.tsx';
import { AppealForm } from '../../views/workbench/appeal-form.tsx';
import { AppealList, type AppealRowView } from '../../views/workbench/appeal-list.tsx';
import { AppealPanel } from '../../views/workbench/appeal-panel.tsx';
import { idParams } from '../params.ts';
import { loadApplicationFor } from './application-context.ts';

const listQuery = z.object({
  kind: z.enum(APPEAL_KINDS).optional().catch(undefined),
  pending: z.enum(['1']).optional().catch(undefined),
  year: z.coerce.number().int().min(1990).max(2100).optional().catch(undefined),
});
const newQuery = z.object({
  applicationId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
const detailQuery = z.object({
  done: z.enum(['created', 'updated', 'response', 'result', 'reopened']).optional().catch(undefined),
});

const DONE: Record<string, string> = {
  created: '案件已登记。',
  updated: '案件信息已保存。',
  response: '答复或答辩情况已保存，期限已重新计算。',
  result: '结果已记录。',
  reopened: '结果已记录，所涉申请已重新办理，答复期限自收到决定的次日重新计算。',
};

const claimantOf = (c: AppealCase, clear: boolean): string =>
  c.claimantName === null ? '—' : clear ? c.claimantName : maskName(c.claimantName);

const resultText = (c: AppealCase): string =>
  c.result === null
    ? '尚未审结'
    : `${APPEAL_RESULT_LABELS[c.result]}（${c.decidedOn ?? ''}）${c.reopensApplication ? '，责令重新答复' : ''}`;

const dutyView = (c: AppealCase, calendar: WorkingCalendar, today: string) => {
  const duty = dutyOf(c, calendar);
  const state = dutyState(duty?.due ?? null, c.respondedOn, today);
  const text =
    state.state === 'done' ? `${dutyStateText(state)}（${c.respondedOn ?? ''}）` : dutyStateText(state);
  const urgency: AppealRowView['urgency'] =
    state.state === 'overdue' ? 'overdue' : state.state === 'due' && state.daysLeft <= 3 ? 'soon' : 'none';
  return { duty, text, urgency };
};

/** Workbench pages of reconsideration and litigation cases (issue 6, item 1). */
export const appealRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const today = () => beijingDate(new Date().toISOString());
  const writableAgencies = async (principal: Principal): Promise<Agency[]> =>
    (await listAgencies(db)).filter((a) => canWriteAppeal(principal, a));

  /** The case with its agency, or a 404 when the user may not see it. */
  const loadCase = async (request: FastifyRequest, id: number) => {
    const principal = principalOf(request);
    const found = await findAppealCase(db, id);
    const agency = found === null ? null : await findAgency(db, found.agencyId);
    if (found === null || agency === null || !canSeeAppeal(principal, agency))
      throw new AppError('NOT_FOUND', '未找到该案件。');
    return { principal, appeal: found, agency };
  };
  const loadWritable = async (request: FastifyRequest, id: number) => {
    const loaded = await loadCase(request, id);
    if (!canWriteAppeal(loaded.principal, loaded.agency))
      throw new AppError('FORBIDDEN', '只有该机关的登记员、承办人或管理员可以记录复议和诉讼案件。');
    return loaded;
  };

  const priorOptions = async (principal: Principal, agencyIds?: readonly number[]) => {
    const ids = agencyIds ?? (await writableAgencies(principal)).map((a) => a.id);
    const cases = await listAppealCases(db, { agencyIds: ids, kind: 'reconsideration', limit: 200 });
    return cases.map((c) => ({
      value: String(c.id),
      label: `${c.filedOn} ${c.agencyName} · ${c.body}${c.caseNumber ? `（${c.caseNumber}）` : ''}`,
    }));
  };

  app.get(
    '/appeals',
    { schema: { querystring: listQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const principal = principalOf(request);
      const agencies = (await listAgencies(db)).filter((a) => canSeeAppeal(principal, a));
      const byId = new Map(agencies.map((a) => [a.id, a]));
      const { kind, pending, year } = request.query;
      const cases = await listAppealCases(db, {
        agencyIds: [...byId.keys()],
        kind,
        pending: pending === '1',
        year,
      });
      const calendar = await loadCalendar(db);
      const day = today();
      const rows: AppealRowView[] = cases.map((c) => {
        const agency = byId.get(c.agencyId);
        const { duty, text, urgency } = dutyView(c, calendar, day);
        return {
          id: c.id,
          href: `/workbench/appeals/${c.id}`,
          kind: APPEAL_KIND_SHORT[c.kind],
          agencyName: c.agencyName,
          body: c.body,
          caseNumber: c.caseNumber ?? '',
          claimant: claimantOf(c, agency !== undefined && seesClaimant(principal, agency)),
          application:
            c.applicationId === null
              ? null
              : { href: `/workbench/applications/${c.applicationId}`, number: c.applicationNumber ?? '' },
          filedOn: c.filedOn,
          due: duty === null ? '—' : `${duty.due}${duty.provisional ? '（临时）' : ''}`,
          dutyState: text,
          urgency,
          result: resultText(c),
        };
      });
      return reply.page(
        '行政复议和行政诉讼',
        <AppealList
          rows={rows}
          filters={{ kind: kind ?? '', pending: pending ?? '', year: year === undefined ? '' : String(year) }}
          canRecord={principal.assignments.some(
            (a) => a.role === 'admin' || a.role === 'registrar' || a.role === 'handler',
          )}
        />,
      );
    },
  );

  const formPage = async (
    request: FastifyRequest,
    values: Record<string, string>,
    errors: FieldErrors,
    caseId: number | null,
    agencyId?: number,
  ) => {
    const principal = principalOf(request);
    const writable = await writableAgencies(principal);
    return (
      <AppealForm
        caseId={caseId}
        csrfToken={request.session?.csrfToken ?? ''}
        {...(caseId === null
          ? { agencies: writable.map((a) => ({ value: String(a.id), label: a.name })) }
          : {})}
        priorCases={(await priorOptions(principal, agencyId === undefined ? undefined : [agencyId])).filter(
          (o) => o.value !== String(caseId),
        )}
        values={values}
        errors={errors}
      />
    );
  };

  const requireWriterSomewhere = async (request: FastifyRequest) => {
    if ((await writableAgencies(principalOf(request))).length === 0)
      throw new AppError('FORBIDDEN', '只有登记员、承办人或管理员可以登记复议和诉讼案件。');
  };

  app.get(
    '/appeals/new',
    { schema: { querystring: newQuery }, preHandler: requireLogin },
    async (request, reply) => {
      await requireWriterSomewhere(request);
      const values: Record<string, string> = { kind: 'reconsideration', filedOn: today() };
      const { applicationId } = request.query;
      if (applicationId !== undefined) {
        const { principal, detail, agencies } = await loadApplicationFor(db, request, applicationId);
        const a = detail.application;
        values.agencyId = String(a.agencyId);
        values.applicationNumber = a.trackingNumber;
        if (seesPersonalData(principal, agencies)) values.claimantName = a.applicantName;
      }
      return reply.page('登记复议/诉讼', await formPage(request, values, {}, null));
    },
  );

  app.post('/appeals', { preHandler: requireLogin }, async (request, reply) => {
    await requireWriterSomewhere(request);
    const values = formValues(request.body);
    const again = async (errors: FieldErrors) =>
      reply.page('登记复议/诉讼', await formPage(request, values, errors, null), 400);
    const agencyId = Number(values.agencyId);
    const agency = values.agencyId && Number.isSafeInteger(agencyId) ? await findAgency(db, agencyId) : null;
    if (agency === null) return again({ agencyId: '请选择被申请人（被告）机关' });
    if (!canWriteAppeal(principalOf(request), agency))
      throw new AppError('FORBIDDEN', '您没有该机关的登记员或承办人权限，无法登记其复议和诉讼案件。');
    try {
      const id = await createAppealCase(db, {
        agencyId: agency.id,
        input: values,
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(`/workbench/appeals/${id}?done=created`, 303);
    } catch (error) {
      return again(fieldErrorsOf(error));
    }
  });

  const detailPage = async (
    request: FastifyRequest,
    id: number,
    form: {
      form?: 'response' | 'result';
      values?: Record<string, string>;
      errors?: FieldErrors;
      notice?: string;
    } = {},
  ) => {
    const { principal, appeal: c, agency } = await loadCase(request, id);
    const calendar = await loadCalendar(db);
    const { duty, text } = dutyView(c, calendar, today());
    const clear = seesClaimant(principal, agency);
    const prior = c.priorCaseId === null ? null : await findAppealCase(db, c.priorCaseId);
    const view: AppealDetailView = {
      id: c.id,
      title: `${APPEAL_KIND_LABELS[c.kind]}${c.caseNumber ? ` ${c.caseNumber}` : ''}`,
      facts: [
        ['被申请人（被告）', c.agencyName],
        [bodyLabel(c.kind), c.body],
        ['案号', c.caseNumber ?? '—'],
        ['申请人（原告）', claimantOf(c, clear)],
        ['案由', c.subject ?? '—'],
        ['申请复议或起诉的日期', c.filedOn],
        ['收到副本的日期', c.copyReceivedOn ?? '—'],
        ['提交答复或答辩的日期', c.respondedOn ?? '—'],
        ['结果', resultText(c)],
        ...(c.resultNote ? ([['结果说明', c.resultNote]] as const) : []),
      ],
      application:
        c.applicationId === null
          ? null
          : { href: `/workbench/applications/${c.applicationId}`, number: c.applicationNumber ?? '' },
      prior:
        prior === null || !canSeeAppeal(principal, agency)
          ? null
          : {
              href: `/workbench/appeals/${prior.id}`,
              label: `${prior.body} ${prior.caseNumber ?? ''}（${prior.filedOn}）`,
            },
      dutyTitle: `本机关的${dutyLabel(c.kind)}`,
      due:
        duty === null
          ? '收到副本后计算'
          : `${duty.due}${duty.provisional ? '（临时结果：该年度节假日安排未载入）' : ''}`,
      dutyState: text,
      dutyExplanation: duty?.explanation ?? '',
      decided: c.result !== null,
      reopened: c.reopensApplication,
      masked: c.claimantName !== null && !clear,
    };
    const base = {
      copyReceivedOn: c.copyReceivedOn ?? '',
      respondedOn: c.respondedOn ?? (c.copyReceivedOn === null ? '' : today()),
      result: c.result ?? '',
      decidedOn: c.decidedOn ?? '',
      resultNote: c.resultNote ?? '',
    };
    return (
      <AppealDetailPage
        view={view}
        canWrite={canWriteAppeal(principal, agency)}
        csrfToken={request.session?.csrfToken ?? ''}
        notice={form.notice}
        form={form.form}
        values={form.values ?? base}
        errors={form.errors ?? {}}
      />
    );
  };

  // The response and result forms show their own values; on first view both take the case's.
  app.get(
    '/appeals/:id',
    { schema: { params: idParams, querystring: detailQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const { done } = request.query;
      const page = await detailPage(request, request.params.id, done ? { notice: DONE[done] ?? '' } : {});
      return reply.page('复议或诉讼案件', page);
    },
  );

  const caseValues = (c: AppealCase): Record<string, string> => ({
    kind: c.kind,
    applicationNumber: c.applicationNumber ?? '',
    priorCaseId: c.priorCaseId === null ? '' : String(c.priorCaseId),
    caseNumber: c.caseNumber ?? '',
    body: c.body,
    claimantName: c.claimantName ?? '',
    subject: c.subject ?? '',
    filedOn: c.filedOn,
    copyReceivedOn: c.copyReceivedOn ?? '',
    respondedOn: c.respondedOn ?? '',
  });

  app.get(
    '/appeals/:id/edit',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { appeal } = await loadWritable(request, request.params.id);
      return reply.page(
        '修改案件',
        await formPage(request, caseValues(appeal), {}, appeal.id, appeal.agencyId),
      );
    },
  );

  app.post(
    '/appeals/:id',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { appeal } = await loadWritable(request, request.params.id);
      const values = formValues(request.body);
      try {
        await updateAppealCase(db, {
          id: appeal.id,
          input: values,
          actor: actorOf(request),
          now: new Date(),
        });
      } catch (error) {
        return reply.page(
          '修改案件',
          await formPage(request, values, fieldErrorsOf(error), appeal.id, appeal.agencyId),
          400,
        );
      }
      return reply.redirect(`/workbench/appeals/${appeal.id}?done=updated`, 303);
    },
  );

  app.post(
    '/appeals/:id/response',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { appeal } = await loadWritable(request, request.params.id);
      const values = formValues(request.body);
      try {
        await recordAppealResponse(db, {
          id: appeal.id,
          input: values,
          actor: actorOf(request),
          now: new Date(),
        });
      } catch (error) {
        const page = await detailPage(request, appeal.id, {
          form: 'response',
          values,
          errors: fieldErrorsOf(error),
        });
        return reply.page('复议或诉讼案件', page, 400);
      }
      return reply.redirect(`/workbench/appeals/${appeal.id}?done=response`, 303);
    },
  );

  app.post(
    '/appeals/:id/result',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { appeal } = await loadWritable(request, request.params.id);
      const values = formValues(request.body);
      try {
        const { reopened } = await recordAppealResult(db, {
          id: appeal.id,
          input: values,
          actor: actorOf(request),
          now: new Date(),
        });
        return reply.redirect(
          `/workbench/appeals/${appeal.id}?done=${reopened ? 'reopened' : 'result'}`,
          303,
        );
      } catch (error) {
        const page = await detailPage(request, appeal.id, {
          form: 'result',
          values,
          errors: fieldErrorsOf(error),
        });
        return reply.page('复议或诉讼案件', page, 400);
      }
    },
  );
};

/** The panel of the application page: the cases about it the user may see, and the link to record one. */
export const appealPanelOf = async (db: Kysely<DB>, principal: Principal, application: Application) => {
  const agencies = (await listAgencies(db)).filter((a) => canSeeAppeal(principal, a));
  const cases = await listAppealCases(db, {
    agencyIds: agencies.map((a) => a.id),
    applicationId: application.id,
  });
  const receiving = agencies.find((a) => a.id === application.agencyId);
  return (
    <AppealPanel
      rows={cases.map((c) => ({
        href: `/workbench/appeals/${c.id}`,
        label: `${APPEAL_KIND_LABELS[c.kind]} · ${c.body}${c.caseNumber ? `（${c.caseNumber}）` : ''} · ${c.filedOn} · ${resultText(c)}`,
      }))}
      newHref={
        receiving !== undefined && canWriteAppeal(principal, receiving)
          ? `/workbench/appeals/new?applicationId=${application.id}`
          : null
      }
    />
  );
};
