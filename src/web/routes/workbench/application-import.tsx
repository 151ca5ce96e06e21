import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmImport,
  discardImport,
  findImport,
  stageImport,
} from '../../../applications/import/application-imports.ts';
import { importTemplate } from '../../../applications/import/import-template.ts';
import { AppError } from '../../../errors/app-error.ts';
import {
  APPLICATION_IMPORT,
  applicationImportJob,
  applicationImportKey,
  IMPORT_IN_BACKGROUND_FROM,
} from '../../../jobs/handlers/application-import.ts';
import { JOB_RETRY } from '../../../jobs/handlers/index.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import { agenciesWithRole, canAccessAgency, hasRole } from '../../../orgs/policy.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { fieldOf, readUploadedFiles } from '../../forms/uploads.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { ApplicationImportForm } from '../../views/workbench/application-import.tsx';
import { ApplicationImportPreview } from '../../views/workbench/application-import-preview.tsx';
import { idParams } from '../params.ts';

const anyRegistrar = requireRoleSomewhere('registrar');
const previewQuery = z.object({
  done: z.string().optional(),
  again: z.string().optional(),
  queued: z.string().optional(),
});

/**
 * Import of past and in-flight applications (issue 4, item 2): GET/POST
 * /workbench/applications/import (upload), GET …/import/template.xlsx, GET …/import/:id
 * (preview), POST …/import/:id/confirm and …/:id/discard. Static segments win over the
 * parametric /workbench/applications/:id in Fastify's router, so "import" is never read as an id.
 * An import is its agency's registrars' and admins': outside the user's subtrees it is a 404.
 */
export const applicationImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const agencies = agenciesWithRole(principalOf(request), 'registrar', await listAgencies(db)).map((a) => ({
      value: String(a.id),
      label: a.name,
    }));
    return reply.page(
      '批量导入申请',
      <ApplicationImportForm
        csrfToken={request.session?.csrfToken ?? ''}
        {...{ agencies, values, errors }}
      />,
      status,
    );
  };

  app.get('/applications/import', { preHandler: anyRegistrar }, async (request, reply) =>
    formPage(request, reply, {}, {}),
  );

  app.get('/applications/import/template.xlsx', { preHandler: requireLogin }, async (_request, reply) =>
    reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header(
        'content-disposition',
        `attachment; filename="gongkai-import-template.xlsx"; filename*=UTF-8''${encodeURIComponent('依申请公开导入模板.xlsx')}`,
      )
      .send(await importTemplate()),
  );

  app.post('/applications/import', { preHandler: anyRegistrar }, async (request, reply) => {
    const values = { agencyId: fieldOf(request.body, 'agencyId') };
    const again = (errors: FieldErrors) => formPage(request, reply, values, errors, 400);
    const agencyId = Number(values.agencyId);
    const agency =
      values.agencyId !== '' && Number.isSafeInteger(agencyId) ? await findAgency(db, agencyId) : null;
    if (agency === null) return again({ agencyId: '请选择受理机关' });
    if (!hasRole(principalOf(request), 'registrar', agency))
      throw new AppError('FORBIDDEN', '您没有该机关的“登记员”权限，无法导入其申请。');
    try {
      const [main] = await readUploadedFiles(request.body, 'file', '申请文件', ['xlsx', 'text']);
      if (main === undefined) return again({ file: '请选择要导入的文件' });
      const [events] = await readUploadedFiles(request.body, 'eventsFile', '事件文件', ['text']);
      const files = events === undefined ? [main] : [main, events];
      const id = await stageImport(db, {
        agencyId: agency.id,
        userId: actorOf(request).userId,
        files: files.map((f) => ({ fileName: f.filename, bytes: f.bytes })),
        now: new Date(),
      });
      return reply.redirect(`/workbench/applications/import/${id}`, 303);
    } catch (error) {
      return again(fieldErrorsOf(error));
    }
  });

  /** The import and its agency, when the user is its agency's registrar or admin. */
  const load = async (request: FastifyRequest, id: number) => {
    const principal = principalOf(request);
    const found = await findImport(db, id);
    const agency = found === null ? null : await findAgency(db, found.agencyId);
    if (found === null || agency === null || !canAccessAgency(principal, agency))
      throw new AppError('NOT_FOUND', '未找到该导入。');
    if (!hasRole(principal, 'registrar', agency))
      throw new AppError('FORBIDDEN', '只有受理机关的登记员或管理员可以查看和确认导入。');
    return { found, agency };
  };

  const previewPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    message: { notice?: string; error?: string } = {},
    status = 200,
  ) => {
    const { found, agency } = await load(request, id);
    return reply.page(
      '导入预览',
      <ApplicationImportPreview
        view={found}
        agencyName={agency.name}
        csrfToken={request.session?.csrfToken ?? ''}
        notice={message.notice}
        error={message.error}
      />,
      status,
    );
  };

  app.get(
    '/applications/import/:id',
    { schema: { params: idParams, querystring: previewQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const { done, again, queued } = request.query;
      const notice =
        queued !== undefined
          ? '申请较多，已转入后台导入（全部成功或全部不导入）；完成后本页状态变为“已导入”（管理员可在“后台任务”中查看进度）。'
          : done !== undefined
            ? '已全部导入。导入的申请已进入办理队列，答复期限已按其办理事件计算。'
            : again !== undefined
              ? '该导入此前已经完成，没有重复导入。'
              : undefined;
      return previewPage(request, reply, request.params.id, notice ? { notice } : {});
    },
  );

  app.post(
    '/applications/import/:id/confirm',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      const { found } = await load(request, id);
      const jobs = request.server.jobs;
      if (
        jobs !== null &&
        found.status === 'pending' &&
        found.summary.applications >= IMPORT_IN_BACKGROUND_FROM
      ) {
        await jobs.send(APPLICATION_IMPORT, applicationImportJob(id, actorOf(request)), {
          singletonKey: applicationImportKey(id),
          ...JOB_RETRY[APPLICATION_IMPORT],
        });
        return reply.redirect(`/workbench/applications/import/${id}?queued=1`, 303);
      }
      try {
        const result = await confirmImport(db, { importId: id, actor: actorOf(request), now: new Date() });
        return reply.redirect(
          `/workbench/applications/import/${id}?${result.imported ? 'done' : 'again'}=1`,
          303,
        );
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const status = error instanceof AppError ? error.status : 400;
        return previewPage(request, reply, id, { error: Object.values(errors).join('；') }, status);
      }
    },
  );

  app.post(
    '/applications/import/:id/discard',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { id } = request.params;
      await load(request, id);
      try {
        await discardImport(db, id, new Date());
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const status = error instanceof AppError ? error.status : 400;
        return previewPage(request, reply, id, { error: Object.values(errors).join('；') }, status);
      }
      return reply.redirect(`/workbench/applications/import/${id}`, 303);
    },
  );
};
