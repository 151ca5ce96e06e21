import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  confirmRegisterImport,
  findRegisterImport,
  stageRegisterImport,
} from '../../../disclosure/register-import.ts';
import {
  derivedFigures,
  enteredFigures,
  isRegisterYear,
  saveRegister,
} from '../../../disclosure/registers.ts';
import { informationAskedBySeveral } from '../../../disclosure/release-to-all.ts';
import { AppError } from '../../../errors/app-error.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole } from '../../../orgs/policy.ts';
import { EDITIONS, editionForYear } from '../../../reports/model/editions.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { fieldOf, readUploadedFiles } from '../../forms/uploads.ts';
import { actorOf, principalOf, requireRole, requireRoleSomewhere } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { AskedBySeveralPage, RegisterForm, RegisterImportPage } from '../../views/workbench/registers.tsx';
import { agencyFromParams, idParams } from '../params.ts';

const yearParams = idParams.extend({ year: z.coerce.number().int() });
const importQuery = z.object({
  importId: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  done: z.string().optional(),
});
const publisher = requireRole('publisher', agencyFromParams);

/**
 * Article 20 registers (issue 5, item 5) and release to all (item 6) on the workbench:
 * GET/POST /workbench/agencies/:id/registers/:year (the entered figures; the counted ones
 * shown), GET/POST …/registers/import (upload, preview by ?importId=) and POST
 * …/registers/import/confirm; GET /workbench/disclosure/asked-by-several. The agency's
 * publishers and admins (the static "import" wins over ":year" in Fastify's router).
 */
export const registerRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const agencyOf = async (request: FastifyRequest): Promise<Agency> => {
    const agency = await agencyFromParams(request);
    if (agency === null) throw new AppError('NOT_FOUND', '未找到该机关。');
    return agency;
  };

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    year: number,
    options: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) => {
    const agency = await agencyOf(request);
    if (!isRegisterYear(year)) throw new AppError('NOT_FOUND', '没有该年度的登记数据。');
    const editionId = editionForYear(year);
    return reply.page(
      `${year} 年度第二十条登记数据`,
      <RegisterForm
        agencyId={agency.id}
        agencyName={agency.name}
        year={year}
        edition={EDITIONS[editionId]}
        values={options.values ?? (await enteredFigures(db, agency.id, year))}
        derived={await derivedFigures(db, agency.id, year, editionId)}
        errors={options.errors ?? {}}
        csrfToken={request.session?.csrfToken ?? ''}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get(
    '/agencies/:id/registers/:year',
    {
      schema: { params: yearParams, querystring: z.object({ saved: z.string().optional() }) },
      preHandler: publisher,
    },
    async (request, reply) =>
      formPage(
        request,
        reply,
        request.params.year,
        request.query.saved === undefined ? {} : { notice: '已保存。' },
      ),
  );

  app.post(
    '/agencies/:id/registers/:year',
    { schema: { params: yearParams }, preHandler: publisher },
    async (request, reply) => {
      const { id, year } = request.params;
      const values = formValues(request.body);
      if (!isRegisterYear(year)) throw new AppError('NOT_FOUND', '没有该年度的登记数据。');
      try {
        await saveRegister(db, {
          agencyId: id,
          year,
          editionId: editionForYear(year),
          values,
          actor: actorOf(request),
          now: new Date(),
        });
      } catch (error) {
        return formPage(request, reply, year, { values, errors: fieldErrorsOf(error), status: 400 });
      }
      return reply.redirect(`/workbench/agencies/${id}/registers/${year}?saved=1`, 303);
    },
  );

  const importPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    options: { importId?: number | undefined; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) => {
    const agency = await agencyOf(request);
    const view = options.importId === undefined ? null : await findRegisterImport(db, options.importId);
    if (options.importId !== undefined && (view === null || view.agencyId !== agency.id))
      throw new AppError('NOT_FOUND', '未找到该导入。');
    return reply.page(
      '导入第二十条登记数据',
      <RegisterImportPage
        agencyId={agency.id}
        agencyName={agency.name}
        csrfToken={request.session?.csrfToken ?? ''}
        errors={options.errors ?? {}}
        view={view}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get(
    '/agencies/:id/registers/import',
    { schema: { params: idParams, querystring: importQuery }, preHandler: publisher },
    async (request, reply) =>
      importPage(request, reply, {
        importId: request.query.importId,
        ...(request.query.done === undefined ? {} : { notice: '已全部导入。' }),
      }),
  );

  app.post(
    '/agencies/:id/registers/import',
    { schema: { params: idParams }, preHandler: publisher },
    async (request, reply) => {
      const { id } = request.params;
      try {
        const [file] = await readUploadedFiles(request.body, 'file', '登记数据文件', ['xlsx', 'text']);
        if (file === undefined)
          return importPage(request, reply, { errors: { file: '请选择要导入的文件' }, status: 400 });
        const importId = await stageRegisterImport(db, {
          agencyId: id,
          userId: actorOf(request).userId,
          fileName: file.filename,
          bytes: file.bytes,
          now: new Date(),
        });
        return reply.redirect(`/workbench/agencies/${id}/registers/import?importId=${importId}`, 303);
      } catch (error) {
        return importPage(request, reply, { errors: fieldErrorsOf(error), status: 400 });
      }
    },
  );

  app.post(
    '/agencies/:id/registers/import/confirm',
    { schema: { params: idParams }, preHandler: publisher },
    async (request, reply) => {
      const { id } = request.params;
      const importId = Number(fieldOf(request.body, 'importId'));
      if (!Number.isSafeInteger(importId) || importId <= 0)
        return importPage(request, reply, { errors: { importId: '请先上传文件并预览' }, status: 400 });
      const found = await findRegisterImport(db, importId);
      if (found === null || found.agencyId !== id) throw new AppError('NOT_FOUND', '未找到该导入。');
      try {
        await confirmRegisterImport(db, { importId, actor: actorOf(request), now: new Date() });
      } catch (error) {
        return importPage(request, reply, { importId, errors: fieldErrorsOf(error), status: 400 });
      }
      return reply.redirect(`/workbench/agencies/${id}/registers/import?importId=${importId}&done=1`, 303);
    },
  );

  app.get(
    '/disclosure/asked-by-several',
    { preHandler: requireRoleSomewhere('publisher') },
    async (request, reply) => {
      const agencies = agenciesWithRole(principalOf(request), 'publisher', await listAgencies(db));
      const groups = await informationAskedBySeveral(
        db,
        agencies.map((a) => a.id),
        { now: new Date() },
      );
      return reply.page(
        '多人申请的政府信息',
        <AskedBySeveralPage groups={groups} agencyNames={new Map(agencies.map((a) => [a.id, a.name]))} />,
      );
    },
  );
};
