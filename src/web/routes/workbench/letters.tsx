import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Application, ApplicationEvent } from '../../../applications/application.repository.ts';
import { type ApplicationAgencies, hasRoleOnApplication } from '../../../applications/application-access.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError, isAppError } from '../../../errors/app-error.ts';
import { issueLetter } from '../../../letters/issue-letter.ts';
import { LETTER_FORMATS, letterFile } from '../../../letters/letter-file.ts';
import { isLetterKind, LETTER_KIND_LABELS, type LetterKind } from '../../../letters/letter-kind.ts';
import { sharedLetterPdf } from '../../../letters/letter-pdf.ts';
import { placeholdersFor } from '../../../letters/letter-placeholders.ts';
import { previewLetter } from '../../../letters/letter-sample.ts';
import { customTemplates, effectiveTemplate } from '../../../letters/letter-template.repository.ts';
import { possibleLetterKinds } from '../../../letters/letter-values.ts';
import { listLetters } from '../../../letters/list-letters.ts';
import {
  checkTemplate,
  resetLetterTemplate,
  saveLetterTemplate,
} from '../../../letters/save-letter-template.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { agenciesWithRole, hasRole, type Principal } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { LetterTemplateEdit, LetterTemplateList } from '../../views/workbench/letter-templates.tsx';
import { ApplicationLettersPage, type LettersPanelProps } from '../../views/workbench/letters-panel.tsx';
import { sendLetterFile } from '../letter-response.ts';
import { idParams } from '../params.ts';
import { loadApplicationFor } from './application-context.ts';

/** Issuing a letter is the handler's or the registrar's work (admins included), as recording events. */
const ISSUERS: readonly Role[] = ['handler', 'registrar'];
/** Letters name the applicant: those who work on the application, and its approver, read them. */
const READERS: readonly Role[] = ['handler', 'registrar', 'approver'];

const mayAct = (principal: Principal, roles: readonly Role[], agencies: ApplicationAgencies) =>
  roles.some((role) => hasRoleOnApplication(principal, role, agencies));

/**
 * The panel of an application's letters for this user, ready for `<LettersPanel {...props} />`
 * on the application's page.
 */
export async function lettersPanelProps(
  db: Kysely<DB>,
  options: {
    principal: Principal;
    application: Application;
    events: readonly ApplicationEvent[];
    agencies: ApplicationAgencies;
    csrfToken: string;
  },
): Promise<LettersPanelProps> {
  return {
    applicationId: options.application.id,
    letters: await listLetters(db, options.application.id),
    possible: possibleLetterKinds(options.application, options.events),
    canIssue: mayAct(options.principal, ISSUERS, options.agencies),
    canDownload: mayAct(options.principal, READERS, options.agencies),
    pdfAvailable: sharedLetterPdf.available,
    csrfToken: options.csrfToken,
  };
}

const letterParams = z.object({
  id: z.coerce.number().int().positive().max(2_147_483_647),
  letterId: z.coerce.number().int().positive().max(2_147_483_647),
  format: z.enum(LETTER_FORMATS),
});

const templateParams = z.object({
  agencyId: z.coerce.number().int().positive().max(2_147_483_647),
  kind: z.string().max(40),
});

const issuedQuery = z.object({ issued: z.string().optional() });

/**
 * Letters (文书) in the workbench: GET/POST /workbench/applications/:id/letters (the letters of
 * an application; issue one), GET …/letters/:letterId/:format (download: html, docx, pdf), and
 * the templates an admin edits: GET /workbench/letter-templates, GET/POST
 * /workbench/letter-templates/:agencyId/:kind (save, preview, back to the default).
 */
export const letterRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  app.addHook('onClose', () => sharedLetterPdf.close());

  const lettersPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    form: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) => {
    const { principal, detail, agencies } = await loadApplicationFor(db, request, id);
    const props = await lettersPanelProps(db, {
      principal,
      application: detail.application,
      events: detail.events,
      agencies,
      csrfToken: request.session?.csrfToken ?? '',
    });
    return reply.page(
      `文书 - 申请 ${detail.application.trackingNumber}`,
      <ApplicationLettersPage
        {...props}
        trackingNumber={detail.application.trackingNumber}
        values={form.values}
        errors={form.errors}
        notice={form.notice}
      />,
      form.status ?? 200,
    );
  };

  app.get(
    '/applications/:id/letters',
    { schema: { params: idParams, querystring: issuedQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const issued = request.query.issued;
      const notice =
        issued !== undefined && isLetterKind(issued)
          ? `已出具《${LETTER_KIND_LABELS[issued]}》。`
          : undefined;
      return lettersPage(request, reply, request.params.id, notice ? { notice } : {});
    },
  );

  app.post(
    '/applications/:id/letters',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      const { principal, agencies } = await loadApplicationFor(db, request, id);
      if (!mayAct(principal, ISSUERS, agencies))
        throw new AppError('FORBIDDEN', '只有承办人、登记员或管理员可以出具文书。');
      const values = formValues(request.body);
      try {
        const issued = await issueLetter(db, {
          applicationId: id,
          input: values,
          actor: actorOf(request),
          now: new Date(),
          pdf: sharedLetterPdf,
        });
        return reply.redirect(`/workbench/applications/${id}/letters?issued=${issued.kind}#letters`, 303);
      } catch (error) {
        return lettersPage(request, reply, id, { values, errors: fieldErrorsOf(error), status: 400 });
      }
    },
  );

  app.get(
    '/applications/:id/letters/:letterId/:format',
    { schema: { params: letterParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id, letterId, format } = request.params;
      const { principal, agencies } = await loadApplicationFor(db, request, id);
      if (!mayAct(principal, READERS, agencies))
        throw new AppError(
          'FORBIDDEN',
          '文书载有申请人的个人信息，只有承办人、登记员、负责人或管理员可以下载。',
        );
      const file = await letterFile(db, { applicationId: id, letterId, format, pdf: sharedLetterPdf });
      if (file === null) throw new AppError('NOT_FOUND', '未找到该文书。');
      return sendLetterFile(reply, file);
    },
  );

  const admin = requireRoleSomewhere('admin');

  app.get('/letter-templates', { preHandler: admin }, async (request, reply) => {
    const agencies = agenciesWithRole(principalOf(request), 'admin', await listAgencies(db));
    const custom = await customTemplates(
      db,
      agencies.map((a) => a.id),
    );
    return reply.page(
      '文书模板',
      <LetterTemplateList
        agencies={agencies.map((a) => ({ id: a.id, name: a.name, custom: custom.get(a.id) ?? new Map() }))}
      />,
    );
  });

  /** The agency (404), the admin's role over it (403) and the kind (404). */
  const templateTarget = async (request: FastifyRequest, params: z.infer<typeof templateParams>) => {
    principalOf(request);
    const agency = await findAgency(db, params.agencyId);
    if (agency === null) throw new AppError('NOT_FOUND', '未找到该机关。');
    if (!hasRole(principalOf(request), 'admin', agency))
      throw new AppError('FORBIDDEN', '只有该机关的管理员可以修改其文书模板。');
    if (!isLetterKind(params.kind)) throw new AppError('NOT_FOUND', '没有这种文书。');
    return { agency, kind: params.kind as LetterKind };
  };

  const templatePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    target: Awaited<ReturnType<typeof templateTarget>>,
    form: {
      values?: { title: string; body: string };
      errors?: FieldErrors;
      notice?: string;
      status?: number;
    },
  ) => {
    const saved = await effectiveTemplate(db, target.agency.id, target.kind);
    const values = form.values ?? { title: saved.title, body: saved.body };
    const errors = form.errors ?? {};
    let preview = null;
    if (Object.keys(errors).length === 0) {
      try {
        preview = await previewLetter(
          db,
          target.agency,
          target.kind,
          values,
          beijingDate(new Date().toISOString()),
        );
      } catch (error) {
        if (!isAppError(error)) throw error;
      }
    }
    return reply.page(
      `${LETTER_KIND_LABELS[target.kind]}模板`,
      <LetterTemplateEdit
        agencyId={target.agency.id}
        agencyName={target.agency.name}
        kind={target.kind}
        custom={saved.custom}
        values={values}
        errors={errors}
        notice={form.notice}
        placeholders={placeholdersFor(target.kind)}
        preview={preview}
        csrfToken={request.session?.csrfToken ?? ''}
      />,
      form.status ?? 200,
    );
  };

  const NOTICES: Record<string, string> = {
    saved: '模板已保存。此后出具的文书使用本机关的模板。',
    reset: '已恢复系统默认模板。',
  };

  app.get(
    '/letter-templates/:agencyId/:kind',
    {
      schema: { params: templateParams, querystring: z.object({ done: z.string().optional() }) },
      preHandler: requireLogin,
    },
    async (request, reply) => {
      const target = await templateTarget(request, request.params);
      const done = request.query.done;
      return templatePage(request, reply, target, done && NOTICES[done] ? { notice: NOTICES[done] } : {});
    },
  );

  app.post(
    '/letter-templates/:agencyId/:kind',
    { schema: { params: templateParams }, preHandler: requireLogin },
    async (request, reply) => {
      const target = await templateTarget(request, request.params);
      const values = formValues(request.body);
      const typed = { title: values.title ?? '', body: values.body ?? '' };
      const common = {
        agencyId: target.agency.id,
        kind: target.kind,
        actor: actorOf(request),
        now: new Date(),
      };
      const url = `/workbench/letter-templates/${target.agency.id}/${target.kind}`;
      try {
        if (values.intent === 'reset') {
          await resetLetterTemplate(db, common);
          return reply.redirect(`${url}?done=reset`, 303);
        }
        if (values.intent === 'preview') {
          checkTemplate(target.kind, typed);
          return templatePage(request, reply, target, {
            values: typed,
            notice: '以下为按当前输入生成的预览，尚未保存。',
          });
        }
        await saveLetterTemplate(db, { ...common, input: typed });
        return reply.redirect(`${url}?done=saved`, 303);
      } catch (error) {
        return templatePage(request, reply, target, {
          values: typed,
          errors: fieldErrorsOf(error),
          status: 400,
        });
      }
    },
  );
};
