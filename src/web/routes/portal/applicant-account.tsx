import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { registerApplicantSchema } from '../../../applicants/applicant-account.schema.ts';
import {
  findApplicantApplication,
  listApplicantApplications,
} from '../../../applicants/applicant-applications.ts';
import { isMobileLogin, maskLogin } from '../../../applicants/applicant-login.ts';
import { authenticateApplicant } from '../../../applicants/authenticate-applicant.ts';
import { claimApplication } from '../../../applicants/claim-application.ts';
import { registerApplicant } from '../../../applicants/register-applicant.ts';
import { AppError, isAppError } from '../../../errors/app-error.ts';
import { LETTER_FORMATS, letterFile } from '../../../letters/letter-file.ts';
import { sharedLetterPdf } from '../../../letters/letter-pdf.ts';
import { listLetters } from '../../../letters/list-letters.ts';
import { LOCK_MINUTES, MAX_FAILED_LOGINS } from '../../../orgs/lockout.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import {
  endApplicantSession,
  type RequestApplicant,
  startApplicantSession,
} from '../../plugins/applicant-session.ts';
import { anonymousCsrfToken } from '../../plugins/csrf.ts';
import { formRateLimit } from '../../plugins/rate-limit.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { ApplicantApplicationPage } from '../../views/portal/applicant-application.tsx';
import { ApplicantHomePage } from '../../views/portal/applicant-home.tsx';
import { ApplicantLoginPage } from '../../views/portal/applicant-login.tsx';
import { ApplicantRegisterPage } from '../../views/portal/applicant-register.tsx';
import { sendLetterFile } from '../letter-response.ts';
import { idParams } from '../params.ts';

const loginForm = z.object({
  login: z.string().trim().min(1, '请填写手机号码或电子邮箱').max(254, '手机号码或电子邮箱过长'),
  password: z.string().min(1, '请填写密码').max(1000, '密码过长'),
});

const claimForm = z.object({
  trackingNumber: z.string().trim().min(1, '请填写申请编号').max(40, '申请编号过长'),
  secretCode: z.string().trim().min(1, '请填写查询码').max(100, '查询码过长'),
});

const loginQuery = z.object({ next: z.string().optional(), loggedOut: z.string().optional() });
const homeQuery = z.object({ registered: z.string().optional() });
const detailQuery = z.object({ claimed: z.string().optional() });

/** Where to go after login: the applicant's pages or an online application form, never another site. */
const letterParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  letterId: z.coerce.number().int().positive().max(2_147_483_647),
  format: z.enum(LETTER_FORMATS),
});

export const safeAccountNext = (next: string | undefined): string =>
  next !== undefined &&
  (/^\/account(?:[/?#]|$)/.test(next) || /^\/agencies\/\d+\/apply\/online$/.test(next)) &&
  !next.includes('//') &&
  !next.includes('\\')
    ? next
    : '/account';

const loginUrl = (request: FastifyRequest): string =>
  request.method === 'GET' ? `/account/login?next=${encodeURIComponent(request.url)}` : '/account/login';

/** The same answer for a wrong tracking number and a wrong secret code. */
const CLAIM_NOT_FOUND = '申请编号或查询码不正确，请核对后重新输入。';

/**
 * The optional account of a member of the public (applying needs none): register, log in and
 * out, 我的申请 (the list and each application as the applicant may see it) and adding an
 * application submitted without the account. Every page is personal: no-store, never in the
 * portal cache (the applicant's cookie keeps a request out of it, see page-cache.ts).
 */
export const applicantAccountRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  /** The logged-in applicant, or a redirect to the login page (the caller returns it). */
  const withApplicant = (
    request: FastifyRequest,
    reply: FastifyReply,
  ): { applicant: RequestApplicant } | { redirect: FastifyReply } =>
    request.applicant !== null
      ? { applicant: request.applicant }
      : { redirect: reply.redirect(loginUrl(request), request.method === 'GET' ? 302 : 303) };

  const renderHome = async (
    reply: FastifyReply,
    applicant: RequestApplicant,
    options: { status?: number; notice?: string; trackingNumber?: string; errors?: FieldErrors } = {},
  ) => {
    const applications = await listApplicantApplications(app.database.db, applicant.account.id);
    return reply.page(
      '我的申请',
      <ApplicantHomePage
        displayName={applicant.account.displayName}
        maskedLogin={maskLogin(applicant.account.login)}
        csrfToken={applicant.csrfToken}
        applications={applications}
        claim={{ trackingNumber: options.trackingNumber ?? '', errors: options.errors ?? {} }}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get('/account/register', async (request, reply) => {
    if (request.applicant !== null) return reply.redirect('/account', 302);
    const csrfToken = anonymousCsrfToken(request, reply);
    return reply.page('注册账户', <ApplicantRegisterPage csrfToken={csrfToken} values={{}} errors={{}} />);
  });

  app.post('/account/register', { config: formRateLimit(app.config) }, async (request, reply) => {
    const values = formValues(request.body);
    const again = (status: number, errors: FieldErrors) =>
      reply.page(
        '注册账户',
        <ApplicantRegisterPage csrfToken={anonymousCsrfToken(request, reply)} {...{ values, errors }} />,
        status,
      );
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Every problem at once: the domain's checks and the form's own (the repeated password).
    const checked = parseForm(registerApplicantSchema, body);
    const errors: FieldErrors = {
      ...(checked.ok ? {} : checked.errors),
      ...(typeof body.password === 'string' && body.password !== body.confirmPassword
        ? { confirmPassword: '两次输入的密码不一致' }
        : {}),
    };
    if (Object.keys(errors).length > 0) return again(400, errors);
    const now = new Date();
    try {
      const input = { login: body.login, displayName: body.displayName, password: body.password };
      const account = await registerApplicant(app.database.db, { input, now, ip: request.ip });
      await startApplicantSession(request, reply, account.id, now);
      return reply.redirect('/account?registered=1', 303);
    } catch (error) {
      if (!isAppError(error, 'VALIDATION') && !isAppError(error, 'CONFLICT')) throw error;
      return again(
        error.status,
        Object.fromEntries((error.details ?? []).map((d) => [d.field ?? '_form', d.message])),
      );
    }
  });

  app.get('/account/login', { schema: { querystring: loginQuery } }, async (request, reply) => {
    const next = safeAccountNext(request.query.next);
    if (request.applicant !== null) return reply.redirect(next, 302);
    const csrfToken = anonymousCsrfToken(request, reply);
    const loggedOut = request.query.loggedOut !== undefined;
    return reply.page(
      '登录',
      <ApplicantLoginPage csrfToken={csrfToken} login="" next={next} errors={{}} loggedOut={loggedOut} />,
    );
  });

  app.post('/account/login', { config: formRateLimit(app.config) }, async (request, reply) => {
    const values = formValues(request.body);
    const next = safeAccountNext(values.next);
    const render = (status: number, errors: FieldErrors, failure?: string) => {
      const csrfToken = anonymousCsrfToken(request, reply);
      const page = (
        <ApplicantLoginPage csrfToken={csrfToken} login={values.login ?? ''} {...{ next, errors, failure }} />
      );
      return reply.page('登录', page, status);
    };
    const form = parseForm(loginForm, request.body);
    if (!form.ok) return render(400, form.errors);
    const now = new Date();
    const result = await authenticateApplicant(app.database.db, { ...form.data, now, ip: request.ip });
    if (!result.ok) {
      const failure =
        result.reason === 'locked'
          ? `登录失败次数过多，账户已被锁定${
              result.lockedUntil ? `至 ${beijingDateTime(result.lockedUntil)}（北京时间）` : ''
            }。请到时再试。`
          : `手机号码（电子邮箱）或密码不正确。连续输错 ${MAX_FAILED_LOGINS} 次，账户将被锁定 ${LOCK_MINUTES} 分钟。`;
      return render(result.reason === 'locked' ? 423 : 401, {}, failure);
    }
    await startApplicantSession(request, reply, result.account.id, now);
    return reply.redirect(next, 303);
  });

  app.post('/account/logout', async (request, reply) => {
    await endApplicantSession(request, reply);
    return reply.redirect('/account/login?loggedOut=1', 303);
  });

  app.get('/account', { schema: { querystring: homeQuery } }, async (request, reply) => {
    const found = withApplicant(request, reply);
    if ('redirect' in found) return found.redirect;
    const notice =
      request.query.registered !== undefined
        ? '注册成功，您已登录。登录状态下在线提交的申请会自动保存到这里。'
        : undefined;
    return renderHome(reply, found.applicant, notice ? { notice } : {});
  });

  app.get(
    '/account/applications/:id',
    { schema: { params: idParams, querystring: detailQuery } },
    async (request, reply) => {
      const found = withApplicant(request, reply);
      if ('redirect' in found) return found.redirect;
      const application = await findApplicantApplication(
        app.database.db,
        found.applicant.account.id,
        request.params.id,
      );
      // Another account's application and one that does not exist look alike.
      if (application === null) throw new AppError('NOT_FOUND', '未找到该申请，或该申请不在您的账户中。');
      const notice = request.query.claimed !== undefined ? '该申请已添加到您的账户。' : undefined;
      const letters = (await listLetters(app.database.db, application.id)).filter((l) => l.toApplicant);
      return reply.page(
        `申请 ${application.trackingNumber}`,
        <ApplicantApplicationPage
          application={application}
          letters={letters}
          pdfAvailable={sharedLetterPdf.available}
          csrfToken={found.applicant.csrfToken}
          notice={notice}
        />,
      );
    },
  );

  /** A letter of one of the account's applications: the same file the /track download gives. */
  app.get(
    '/account/applications/:id/letters/:letterId/:format',
    { schema: { params: letterParams } },
    async (request, reply) => {
      const found = withApplicant(request, reply);
      if ('redirect' in found) return found.redirect;
      const { id, letterId, format } = request.params;
      const application = await findApplicantApplication(app.database.db, found.applicant.account.id, id);
      const file =
        application === null
          ? null
          : await letterFile(app.database.db, {
              applicationId: application.id,
              letterId,
              format,
              pdf: sharedLetterPdf,
              applicantOnly: true,
            });
      if (file === null) throw new AppError('NOT_FOUND', '未找到该文书。');
      return sendLetterFile(reply, file);
    },
  );

  app.post('/account/claim', { config: formRateLimit(app.config) }, async (request, reply) => {
    const found = withApplicant(request, reply);
    if ('redirect' in found) return found.redirect;
    const { applicant } = found;
    const values = formValues(request.body);
    const trackingNumber = values.trackingNumber ?? '';
    const form = parseForm(claimForm, request.body);
    if (!form.ok) return renderHome(reply, applicant, { status: 400, trackingNumber, errors: form.errors });
    const result = await claimApplication(app.database.db, {
      accountId: applicant.account.id,
      ...form.data,
      now: new Date(),
      ip: request.ip,
    });
    if (!result.ok) {
      const [status, message] =
        result.reason === 'notFound'
          ? [404, CLAIM_NOT_FOUND]
          : [409, '该申请已添加到另一个账户，不能重复添加。如有疑问，请联系受理机关。'];
      return renderHome(reply, applicant, { status, trackingNumber, errors: { trackingNumber: message } });
    }
    return reply.redirect(`/account/applications/${result.applicationId}?claimed=1`, 303);
  });
};

/** The online application form's fields a logged-in applicant's account fills in (they may change them). */
export const applicantPrefill = (applicant: RequestApplicant | null): Record<string, string> => {
  if (applicant === null) return {};
  const { displayName, login } = applicant.account;
  return { applicantName: displayName, ...(isMobileLogin(login) ? { phone: login } : { email: login }) };
};
