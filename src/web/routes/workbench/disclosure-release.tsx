import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Application } from '../../../applications/application.repository.ts';
import { OUTCOME_DEFINITIONS } from '../../../applications/outcomes.ts';
import { MAX_TITLE_LENGTH } from '../../../disclosure/item.schema.ts';
import { RELEASING_OUTCOMES, releaseToAll } from '../../../disclosure/release-to-all.ts';
import { AppError } from '../../../errors/app-error.ts';
import { hasRole } from '../../../orgs/policy.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, requireLogin } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { RELEASE_FIELDS, ReleaseToAllPage } from '../../views/workbench/disclosure-release.tsx';
import { idParams } from '../params.ts';
import { loadApplicationFor } from './application-context.ts';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Whether the application's outcome released information (予以公开, 部分公开). */
export const releasesInformation = (application: Pick<Application, 'outcome'>): boolean =>
  application.outcome !== null && RELEASING_OUTCOMES.includes(application.outcome);

/**
 * The form as it first shows: the information asked for as the title and the body, with a
 * sentence on where it comes from. No personal data of the applicant goes in.
 */
export const releaseFormValues = (application: Application): Record<string, string> => {
  const asked = application.description.replace(/\s+/g, ' ').trim();
  return {
    title: [...asked].slice(0, MAX_TITLE_LENGTH).join(''),
    bodyHtml: [
      `<p>${escapeHtml(asked)}</p>`,
      '<p>本信息已依申请公开，依据《中华人民共和国政府信息公开条例》第四十四条转为主动公开。</p>',
    ].join('\n'),
    article20Item: '',
    category: '',
    tags: '',
  };
};

/**
 * GET/POST /workbench/applications/:id/release-to-all (issue 5, item 6; Art. 44): from an
 * application granted in whole or in part, a draft proactive item of its receiving agency,
 * linked both ways (releaseToAll). Only those who publish for that agency (发布员, 管理员); an
 * application the user may not see is a 404, one that released nothing a 409.
 */
export const disclosureReleaseRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const load = async (request: FastifyRequest, id: number) => {
    const { principal, detail, agencies } = await loadApplicationFor(db, request, id);
    if (!hasRole(principal, 'publisher', agencies.receiving))
      throw new AppError('FORBIDDEN', '您没有该申请受理机关的“发布员”权限，不能将其信息转为主动公开。');
    if (!releasesInformation(detail.application))
      throw new AppError(
        'CONFLICT',
        '只有答复为“予以公开”或“部分公开”的申请，才能将其公开的信息转为主动公开。',
      );
    return { application: detail.application, agency: agencies.receiving };
  };

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) => {
    const { application, agency } = await load(request, id);
    return reply.page(
      '转为主动公开',
      <ReleaseToAllPage
        application={{
          id: application.id,
          trackingNumber: application.trackingNumber,
          agencyName: agency.name,
          outcome: application.outcome === null ? '' : OUTCOME_DEFINITIONS[application.outcome].label,
          description: application.description,
        }}
        csrfToken={request.session?.csrfToken ?? ''}
        values={form.values ?? releaseFormValues(application)}
        errors={form.errors ?? {}}
      />,
      form.status ?? 200,
    );
  };

  app.get(
    '/applications/:id/release-to-all',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => page(request, reply, request.params.id),
  );

  app.post(
    '/applications/:id/release-to-all',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      await load(request, id);
      const sent = formValues(request.body);
      const values = Object.fromEntries(RELEASE_FIELDS.map((name) => [name, sent[name] ?? '']));
      try {
        const item = await releaseToAll(db, {
          applicationId: id,
          input: { ...values, channels: ['portal'] },
          actor: actorOf(request),
          now: new Date(),
        });
        return reply.redirect(`/workbench/disclosure/${item.id}?done=released`, 303);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
        return page(request, reply, id, { values, errors: fieldErrorsOf(error), status: 400 });
      }
    },
  );
};
