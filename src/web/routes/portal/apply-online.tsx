import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { submitApplication } from '../../../applications/submit-application.ts';
import { systemActor } from '../../../audit-log/actor.ts';
import { suggestPublishedItems } from '../../../disclosure/suggest-items.ts';
import { isAppError } from '../../../errors/app-error.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import { anonymousCsrfToken } from '../../plugins/csrf.ts';
import { formRateLimit } from '../../plugins/rate-limit.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { ApplyOnline, ApplySubmitted } from '../../views/portal/apply-online.tsx';
import { TrackPage } from '../../views/portal/track.tsx';
import { idParams } from '../params.ts';
import { loadAgencyPage } from './agency-page.ts';
import { applicantPrefill } from './applicant-account.tsx';
import { trackApplication } from './track-letters.tsx';

const TITLE = '在线申请政府信息公开';
const trackForm = z.object({
  trackingNumber: z.string().trim().min(1, '请填写申请编号').max(40, '申请编号过长'),
  secretCode: z.string().trim().min(1, '请填写查询码').max(100, '查询码过长'),
});

/**
 * GET/POST /agencies/:id/apply/online — the online application (Art. 29, 31: received the day
 * it is submitted); GET/POST /track — the applicant's lookup. Pages carrying a form's token,
 * a secret code or an application are personal: never cached, by the portal or a browser.
 */
export const applyOnlineRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/agencies/:id/apply/online', { schema: { params: idParams } }, async (request, reply) => {
    const page = await loadAgencyPage(app.database.db, request.params.id, TITLE);
    // A logged-in applicant (src/applicants): their session's token, and their name and contact filled in.
    const csrfToken = request.applicant?.csrfToken ?? anonymousCsrfToken(request, reply);
    reply.header('cache-control', 'no-store');
    const body = (
      <ApplyOnline
        agency={page.agency}
        csrfToken={csrfToken}
        submissionKey={randomUUID()}
        values={applicantPrefill(request.applicant)}
        errors={{}}
      />
    );
    return reply.page(TITLE, body, { agency: page.agency, breadcrumbs: page.breadcrumbs });
  });

  app.post(
    '/agencies/:id/apply/online',
    { schema: { params: idParams }, config: formRateLimit(app.config) },
    async (request, reply) => {
      const page = await loadAgencyPage(app.database.db, request.params.id, TITLE);
      reply.header('cache-control', 'no-store');
      const values = formValues(request.body);
      const now = new Date();
      const today = beijingDate(now.toISOString());
      const again = (errors: FieldErrors) => {
        const csrfToken = request.applicant?.csrfToken ?? anonymousCsrfToken(request, reply);
        const key = values.submissionKey || randomUUID();
        const body = (
          <ApplyOnline agency={page.agency} {...{ csrfToken, values, errors }} submissionKey={key} />
        );
        return reply.page(TITLE, body, { status: 400, agency: page.agency, breadcrumbs: page.breadcrumbs });
      };
      try {
        const result = await submitApplication(app.database.db, {
          agencyId: page.agency.id,
          input: { ...values, channel: 'online', arrivedOn: today, receivedOn: today },
          ...(values.submissionKey ? { idempotencyKey: values.submissionKey } : {}),
          actor: { ...systemActor('网上申请'), ip: request.ip },
          now,
          ...(request.applicant ? { applicantAccountId: request.applicant.account.id } : {}),
        });
        const secretCode = result.created ? result.secretCode : null;
        const published = await suggestPublishedItems(app.database.db, {
          agencyId: page.agency.id,
          text: values.description ?? '',
          limit: 5,
        });
        const body = (
          <ApplySubmitted
            agency={page.agency}
            trackingNumber={result.trackingNumber}
            secretCode={secretCode}
            published={published}
          />
        );
        return reply.page('申请已提交', body, { status: result.created ? 201 : 200, agency: page.agency });
      } catch (error) {
        if (!isAppError(error, 'VALIDATION')) throw error;
        return again(Object.fromEntries((error.details ?? []).map((d) => [d.field ?? '_form', d.message])));
      }
    },
  );

  app.get('/track', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const csrfToken = anonymousCsrfToken(request, reply);
    return reply.page(
      '查询申请',
      <TrackPage {...{ csrfToken }} trackingNumber="" errors={{}} notFound={false} found={null} />,
    );
  });

  app.post('/track', { config: formRateLimit(app.config) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const csrfToken = anonymousCsrfToken(request, reply);
    const values = formValues(request.body);
    const form = parseForm(trackForm, request.body);
    const render = (
      status: number,
      props: {
        errors?: FieldErrors;
        notFound?: boolean;
        found?: Awaited<ReturnType<typeof trackApplication>>;
      },
    ) =>
      reply.page(
        '查询申请',
        <TrackPage
          csrfToken={csrfToken}
          trackingNumber={values.trackingNumber ?? ''}
          errors={props.errors ?? {}}
          notFound={props.notFound ?? false}
          found={props.found ?? null}
        />,
        status,
      );
    if (!form.ok) return render(400, { errors: form.errors });
    const found = await trackApplication(app.database.db, form.data);
    return found ? render(200, { found }) : render(404, { notFound: true });
  });
};
