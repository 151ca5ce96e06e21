import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { changePassword } from '../../../orgs/change-password.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { parseForm } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { PasswordPage } from '../../views/workbench/password.tsx';

const passwordForm = z
  .object({
    currentPassword: z.string().min(1, '请输入当前密码'),
    newPassword: z.string().min(1, '请输入新密码'),
    confirmPassword: z.string().min(1, '请再次输入新密码'),
  })
  .refine((f) => f.newPassword === f.confirmPassword, {
    path: ['confirmPassword'],
    message: '两次输入的新密码不一致',
  });

/** GET/POST /workbench/password — a user changes their own password. */
export const passwordRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/password', { preHandler: requireLogin }, async (request, reply) =>
    reply.page('修改密码', <PasswordPage csrfToken={request.session?.csrfToken ?? ''} errors={{}} />),
  );

  app.post('/password', { preHandler: requireLogin }, async (request, reply) => {
    const csrfToken = request.session?.csrfToken ?? '';
    const render = (errors: FieldErrors, status: number) =>
      reply.page('修改密码', <PasswordPage csrfToken={csrfToken} errors={errors} />, status);
    const form = parseForm(passwordForm, request.body);
    if (!form.ok) return render(form.errors, 400);
    try {
      await changePassword(app.database.db, {
        userId: principalOf(request).userId,
        currentPassword: form.data.currentPassword,
        newPassword: form.data.newPassword,
        now: new Date(),
        actor: actorOf(request),
        ...(request.session ? { keepSessionId: request.session.sessionId } : {}),
      });
    } catch (error) {
      return render(fieldErrorsOf(error), 400);
    }
    return reply.page('修改密码', <PasswordPage csrfToken={csrfToken} errors={{}} changed />);
  });
};
