import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { submitApplicationSchema } from '../../../applications/application.schema.ts';
import {
  agenciesOfApplication,
  canSeeApplication,
  hasRoleOnApplication,
  seesPersonalData,
} from '../../../applications/application-access.ts';
import { recordEventSchema } from '../../../applications/application-event.schema.ts';
import { getApplicationDetail } from '../../../applications/get-application-detail.ts';
import { listApplications, QUEUES } from '../../../applications/list-applications.ts';
import { recordApplicationEvent } from '../../../applications/record-application-event.ts';
import { submitApplication } from '../../../applications/submit-application.ts';
import { systemActor } from '../../../audit-log/actor.ts';
import { AppError } from '../../../errors/app-error.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { canAccessAgency } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { actorOf, principalOf, requireLogin } from '../../plugins/auth.ts';
import { formRateLimit } from '../../plugins/rate-limit.ts';
import {
  presentApplicationDetailJson,
  presentApplicationRowJson,
  presentDeadlineJson,
} from '../../presenters/application-json.presenter.ts';
import { idParams } from '../params.ts';
import { errorResponse } from './schemas.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The portal form's fields (Art. 29) as JSON, with the receiving agency: the channel is always
 * 'online' and both dates are the day of submission (Art. 31). The zod shape documents the body
 * and gives the first field-level errors; submitApplication checks the rest (the ID's check digit).
 */
const submissionBody = submitApplicationSchema('2000-01-01')
  .innerType()
  .omit({ channel: true, arrivedOn: true, receivedOn: true })
  .extend({
    agencyId: z
      .number({ required_error: '请选择受理机关', invalid_type_error: '受理机关应为机关编号（整数）' })
      .int('受理机关应为机关编号（整数）')
      .positive('受理机关应为机关编号（整数）'),
  });

const submissionHeaders = z
  .object({
    /** The same key again (a retry after a timeout) returns the first application, not a second. */
    'idempotency-key': z.string().trim().min(1).max(100, 'Idempotency-Key 不能超过 100 个字符').optional(),
  })
  // The other headers (the cookie, X-CSRF-Token) stay as they came.
  .passthrough();

const submitted = z.object({
  trackingNumber: z.string(),
  /** Shown once, at creation: the applicant keeps it to follow the application. */
  secretCode: z.string().optional(),
});

const deadlineSchema = z.object({
  due: z.string().nullable(),
  waitingFor: z.object({ what: z.string(), by: z.string() }).nullable(),
  provisional: z.boolean(),
  overdue: z.boolean(),
  text: z.string(),
});

const derivedDeadlineSchema = deadlineSchema.extend({
  steps: z.array(
    z.object({ date: z.string(), event: z.string(), due: z.string().nullable(), text: z.string() }),
  ),
  warnings: z.array(z.string()),
});

const rowSchema = z.object({
  id: z.number().int(),
  trackingNumber: z.string(),
  agencyId: z.number().int(),
  handlingAgencyId: z.number().int().nullable(),
  handlerUserId: z.number().int().nullable(),
  channel: z.string(),
  applicantType: z.string(),
  applicantName: z.string(),
  personalDataMasked: z.boolean(),
  arrivedOn: z.string(),
  receivedOn: z.string(),
  status: z.string(),
  stage: z.string(),
  statusText: z.string(),
  outcome: z.string().nullable(),
  deadline: deadlineSchema,
  links: z.object({ self: z.string(), workbench: z.string() }),
});

const detailSchema = rowSchema.extend({
  idType: z.string(),
  idNumber: z.string(),
  phone: z.string(),
  address: z.string().nullable(),
  email: z.string().nullable(),
  description: z.string(),
  formWanted: z.string(),
  decidedOn: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  events: z.array(
    z.object({
      id: z.number().int(),
      type: z.string(),
      date: z.string(),
      workingDays: z.number().int().nullable(),
      until: z.string().nullable(),
      note: z.string().nullable(),
      recordedAt: z.string(),
    }),
  ),
  deadline: derivedDeadlineSchema,
});

const optionalDate = (label: string) =>
  z.string().regex(DATE, `${label}应为 YYYY-MM-DD 格式的日期`).optional();

const listQuery = z.object({
  queue: z
    .enum(QUEUES, { errorMap: () => ({ message: `队列应为 ${QUEUES.join('、')} 之一` }) })
    .default('all'),
  q: z.string().trim().max(200, '搜索词不能超过 200 个字').optional(),
  /** 'me' or a user's id: the applications that user handles (承办人). */
  handler: z
    .string()
    .regex(/^(me|[1-9]\d{0,9})$/, '承办人应为 me 或用户编号')
    .optional(),
  channel: z.string().max(40, '申请渠道过长').optional(),
  applicantType: z.string().max(40, '申请人类型过长').optional(),
  receivedFrom: optionalDate('受理日期起'),
  receivedTo: optionalDate('受理日期止'),
  page: z.coerce
    .number({ invalid_type_error: '页码应为正整数' })
    .int('页码应为正整数')
    .min(1, '页码应为正整数')
    .max(100_000, '页码过大')
    .default(1),
});

/** The day in Beijing (UTC+8 all year), by arithmetic: Intl's formatter costs more than a submission's insert. */
const beijingDay = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
const today = () => beijingDay(new Date());

/** An extension is the approver's (Art. 33); the other events, the handler's or the registrar's. */
const rolesToRecord = (type: unknown): readonly Role[] =>
  type === 'extended' ? ['approver'] : ['handler', 'registrar'];

/**
 * POST /api/v1/applications — an online application, no account needed (rate-limited as the
 * portal's forms; no CSRF token without a session, since such a request carries no credential).
 * GET /api/v1/applications, GET …/:id, POST …/:id/events — staff, as the workbench: an
 * application outside the user's subtrees is a 404; personal data is masked unless the user is
 * a registrar or handler (or admin) of its agency.
 */
export const apiApplicationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  app.post(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '在线提交政府信息公开申请（无需登录；同一 Idempotency-Key 重试返回第一次提交的申请）',
        headers: submissionHeaders,
        body: submissionBody,
        response: {
          200: submitted,
          201: submitted,
          400: errorResponse,
          404: errorResponse,
          429: errorResponse,
        },
      },
      config: formRateLimit(app.config),
    },
    async (request, reply) => {
      const { agencyId, ...fields } = request.body;
      const now = new Date();
      const day = beijingDay(now);
      const key = request.headers['idempotency-key'];
      const result = await submitApplication(db, {
        agencyId,
        input: { ...fields, channel: 'online', arrivedOn: day, receivedOn: day },
        ...(key ? { idempotencyKey: key } : {}),
        actor: { ...systemActor('网上申请（接口）'), ip: request.ip },
        now,
      });
      reply.header('cache-control', 'no-store');
      return result.created
        ? reply.code(201).send({ trackingNumber: result.trackingNumber, secretCode: result.secretCode })
        : reply.code(200).send({ trackingNumber: result.trackingNumber });
    },
  );

  app.get(
    '/applications',
    {
      schema: {
        tags: ['applications'],
        summary: '依申请公开的办理队列（逾期、今日到期、3个工作日内到期、等待申请人……），可筛选和搜索',
        security: [{ session: [] }],
        querystring: listQuery,
        response: {
          200: z.object({
            applications: z.array(rowSchema),
            total: z.number().int(),
            page: z.number().int(),
            pageSize: z.number().int(),
          }),
          400: errorResponse,
          401: errorResponse,
        },
      },
      preHandler: requireLogin,
    },
    async (request) => {
      const principal = principalOf(request);
      const all = await listAgencies(db);
      const byId = new Map(all.map((a) => [a.id, a]));
      const visible = all.filter((a) => canAccessAgency(principal, a)).map((a) => a.id);
      const query = request.query;
      const day = today();
      const handlerUserId =
        query.handler === undefined
          ? undefined
          : query.handler === 'me'
            ? principal.userId
            : Number(query.handler);
      const page = await listApplications(db, {
        agencyIds: visible,
        queue: query.queue,
        today: day,
        page: query.page,
        q: query.q,
        handlerUserId,
        channel: query.channel,
        applicantType: query.applicantType,
        receivedFrom: query.receivedFrom,
        receivedTo: query.receivedTo,
      });
      const applications = page.rows.map((a) => {
        const receiving = byId.get(a.agencyId);
        const handling = a.handlingAgencyId === null ? null : (byId.get(a.handlingAgencyId) ?? null);
        // Co-handlers see, but do not act for, the application: they do not matter here.
        const clear =
          receiving !== undefined && seesPersonalData(principal, { receiving, handling, coHandlers: [] });
        return presentApplicationRowJson(a, clear, day);
      });
      return { applications, total: page.total, page: page.page, pageSize: page.pageSize };
    },
  );

  /** The application, its agencies and the principal; a 404 when it is not the user's to see. */
  const load = async (request: FastifyRequest, id: number) => {
    const principal = principalOf(request);
    const detail = await getApplicationDetail(db, id);
    const agencies = detail === null ? null : await agenciesOfApplication(db, detail.application);
    if (detail === null || agencies === null || !canSeeApplication(principal, agencies))
      throw new AppError('NOT_FOUND', '未找到该申请。');
    return { principal, detail, agencies };
  };

  app.get(
    '/applications/:id',
    {
      schema: {
        tags: ['applications'],
        summary: '一件申请：申请内容、办理事件，以及答复期限和逐步的计算说明',
        security: [{ session: [] }],
        params: idParams,
        response: { 200: z.object({ application: detailSchema }), 401: errorResponse, 404: errorResponse },
      },
      preHandler: requireLogin,
    },
    async (request, reply) => {
      const { principal, detail, agencies } = await load(request, request.params.id);
      reply.header('cache-control', 'no-store');
      return {
        application: presentApplicationDetailJson(
          detail.application,
          detail.events,
          detail.deadline,
          seesPersonalData(principal, agencies),
          today(),
        ),
      };
    },
  );

  app.post(
    '/applications/:id/events',
    {
      schema: {
        tags: ['applications'],
        summary: '记录一个计时事件（补正、征求意见、延期、收费……），返回重新计算的答复期限',
        security: [{ session: [] }],
        params: idParams,
        body: recordEventSchema,
        response: {
          201: z.object({ eventId: z.number().int(), deadline: derivedDeadlineSchema }),
          400: errorResponse,
          401: errorResponse,
          403: errorResponse,
          404: errorResponse,
          409: errorResponse,
        },
      },
      preHandler: requireLogin,
    },
    async (request, reply) => {
      const { id } = request.params;
      const { principal, agencies } = await load(request, id);
      const { type } = request.body;
      if (!rolesToRecord(type).some((role) => hasRoleOnApplication(principal, role, agencies)))
        throw new AppError(
          'FORBIDDEN',
          type === 'extended'
            ? '延长答复期限须由负责人记录。'
            : '只有承办人、登记员或管理员可以记录办理事件。',
        );
      const result = await recordApplicationEvent(db, {
        applicationId: id,
        event: request.body,
        actor: actorOf(request),
        now: new Date(),
      });
      return reply
        .code(201)
        .send({ eventId: result.eventId, deadline: presentDeadlineJson(result.deadline, today()) });
    },
  );
};
