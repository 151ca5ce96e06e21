import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authenticate } from '../../../orgs/authenticate.ts';
import { deleteSession } from '../../../orgs/session.ts';
import { loginFailureMessage, safeNext } from '../../forms/login.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import { anonymousCsrfToken } from '../../plugins/csrf.ts';
import { formRateLimit } from '../../plugins/rate-limit.ts';
import { clearSessionCookie } from '../../plugins/session-cookie.ts';
import { startSession } from '../../plugins/session-start.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { LoginPage } from '../../views/workbench/login.tsx';

const loginForm = z.object({
  username: z.string().trim().min(1, '请填写用户名').max(100, '用户名过长'),
  password: z.string().min(1, '请填写密码').max(1000, '密码过长'),
});

const loginQuery = z.object({ next: z.string().optional(), loggedOut: z.string().optional() });

/** GET/POST /workbench/login and POST /workbench/logout. */
export const loginRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/login', { schema: { querystring: loginQuery } }, async (request, reply) => {
    const next = safeNext(request.query.next);
    if (request.principal !== null) return reply.redirect(next, 302);
    const csrfToken = anonymousCsrfToken(request, reply);
    const loggedOut = request.query.loggedOut !== undefined;
    return reply.page(
      '登录',
      <LoginPage csrfToken={csrfToken} username="" next={next} errors={{}} loggedOut={loggedOut} />,
    );
  });

  app.post('/login', { config: formRateLimit(app.config) }, async (request, reply) => {
    const values = formValues(request.body);
    const next = safeNext(values.next);
    const render = (status: number, errors: FieldErrors, failure?: string) => {
      const csrfToken = anonymousCsrfToken(request, reply);
      const page = (
        <LoginPage csrfToken={csrfToken} username={values.username ?? ''} {...{ next, errors, failure }} />
      );
      return reply.page('登录', page, status);
    };
    const form = parseForm(loginForm, request.body);
    if (!form.ok) return render(400, form.errors);
    const now = new Date();
    const result = await authenticate(app.database.db, { ...form.data, now, ip: request.ip });
    if (!result.ok) return render(result.reason === 'locked' ? 423 : 401, {}, loginFailureMessage(result));
    await startSession(request, reply, result.user.id, now);
    return reply.redirect(next, 303);
  });

  app.post('/logout', async (request, reply) => {
    if (request.session !== null) await deleteSession(app.database.db, request.session.token, new Date());
    clearSessionCookie(reply);
    return reply.redirect('/workbench/login?loggedOut=1', 303);
  });
};
