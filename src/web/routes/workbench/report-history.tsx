import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole, canAccessAgency, hasRole, type Principal } from '../../../orgs/policy.ts';
import { compareImportedWithCompiled } from '../../../reports/history/compare.ts';
import {
  confirmReportImport,
  type ImportPayload,
  previewOfPayload,
  previewReportImport,
  readImportPayload,
} from '../../../reports/history/import-report.ts';
import { UPLOAD_LIMITS } from '../../app.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { detectUploadType, fieldOf } from '../../forms/uploads.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { CompareChooser, ReportCompare } from '../../views/workbench/report-compare.tsx';
import { ReportImportForm } from '../../views/workbench/report-import.tsx';
import { ReportImportPreview } from '../../views/workbench/report-import-preview.tsx';

/** Import of an earlier year's report is its agency's publishers' (发布员) and admins'. */
const IMPORT_ROLE = 'publisher';
const anyPublisher = requireRoleSomewhere(IMPORT_ROLE);

/** The kinds of file the parser reads, by content, and the extensions each may carry. */
const REPORT_FILE_EXTENSIONS = {
  text: ['.txt', '.htm', '.html'],
  docx: ['.docx'],
  pdf: ['.pdf'],
} as const;

const refuse = (field: string, message: string) => new AppError('VALIDATION', message, [{ field, message }]);

/** The uploaded report: its name and bytes, checked to be a kind the parser reads. */
const readReportFile = async (body: unknown): Promise<{ fileName: string; bytes: Uint8Array } | null> => {
  const part = (body as Record<string, unknown> | undefined)?.file;
  if (part === null || typeof part !== 'object' || !('toBuffer' in part) || !('filename' in part))
    return null;
  const file = part as { filename: string; toBuffer(): Promise<Buffer> };
  if (file.filename === '') return null;
  const bytes = new Uint8Array(await file.toBuffer());
  if (bytes.length === 0) return null;
  const type = detectUploadType(bytes);
  const dot = file.filename.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.filename.slice(dot).toLowerCase();
  const allowed =
    type !== null && type in REPORT_FILE_EXTENSIONS ? REPORT_FILE_EXTENSIONS[type as 'text'] : null;
  if (allowed === null)
    throw refuse('file', `年报文件：文件"${file.filename}"的类型不允许，只接受文本、HTML、DOCX 或 PDF`);
  if (!(allowed as readonly string[]).includes(extension))
    throw refuse('file', `年报文件：文件"${file.filename}"的内容与扩展名"${extension || '（无）'}"不符`);
  return { fileName: file.filename, bytes };
};

const agencyQuery = z.object({
  agency: z.coerce.number().int().positive().max(2_147_483_647).optional(),
  year: z.coerce.number().int().min(2008).max(2100).optional(),
  imported: z.string().optional(),
});

/** The agency of a `?agency=` query the user holds any role over: 404 for none, 403 outside their subtrees. */
export const visibleAgency = async (request: FastifyRequest, id: number): Promise<Agency> => {
  const agency = await findAgency(request.server.database.db, id);
  if (agency === null) throw new AppError('NOT_FOUND', '未找到该机关。');
  if (!canAccessAgency(principalOf(request), agency))
    throw new AppError('FORBIDDEN', '您在该机关没有任何角色，不能查看其年报。');
  return agency;
};

export const accessibleAgencyOptions = (principal: Principal, agencies: readonly Agency[]) =>
  agencies.filter((a) => canAccessAgency(principal, a)).map((a) => ({ value: String(a.id), label: a.name }));

/** The year before the current one (Beijing): the report a supervisor looks at most of the year. */
export const lastYear = (now: Date): number =>
  Number(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 4)) - 1;

/**
 * Earlier years' reports (issue 6, items 7 and 8): GET/POST /workbench/reports/import (upload →
 * preview), POST /workbench/reports/import/confirm, GET /workbench/reports/compare?agency=&year=.
 * Static paths: Fastify's router prefers them to the parametric /workbench/reports/:id.
 */
export const reportHistoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const agencies = agenciesWithRole(principalOf(request), IMPORT_ROLE, await listAgencies(db)).map((a) => ({
      value: String(a.id),
      label: a.name,
    }));
    return reply.page(
      '导入以往年度的年报',
      <ReportImportForm
        csrfToken={request.session?.csrfToken ?? ''}
        maxMegabytes={UPLOAD_LIMITS.fileSize / 1024 / 1024}
        {...{ agencies, values, errors }}
      />,
      status,
    );
  };

  /** The agency named by the form, when the user may import its reports. */
  const importAgency = async (request: FastifyRequest, value: string): Promise<Agency | null> => {
    const id = Number(value);
    const agency = value !== '' && Number.isSafeInteger(id) && id > 0 ? await findAgency(db, id) : null;
    if (agency === null) return null;
    if (!hasRole(principalOf(request), IMPORT_ROLE, agency))
      throw new AppError('FORBIDDEN', '您没有该机关的“发布员”权限，无法导入其年报。');
    return agency;
  };

  app.get('/reports/import', { preHandler: anyPublisher }, async (request, reply) =>
    formPage(request, reply, {}, {}),
  );

  app.post('/reports/import', { preHandler: anyPublisher }, async (request, reply) => {
    const values = {
      agencyId: fieldOf(request.body, 'agencyId'),
      year: fieldOf(request.body, 'year').trim(),
    };
    const again = (errors: FieldErrors) => formPage(request, reply, values, errors, 400);
    const agency = await importAgency(request, values.agencyId);
    if (agency === null) return again({ agencyId: '请选择机关' });
    const year = values.year === '' ? null : Number(values.year);
    if (year !== null && (!Number.isSafeInteger(year) || year < 2008 || year > 2100))
      return again({ year: '请填写2008年至2100年之间的年份，或不填' });
    try {
      const file = await readReportFile(request.body);
      if (file === null) return again({ file: '请选择要导入的年报文件' });
      const preview = await previewReportImport(db, { agencyId: agency.id, year, ...file });
      if (!preview.ok) return again({ file: `无法读取该文件：${preview.error}` });
      return reply.page(
        '年报导入预览',
        <ReportImportPreview preview={preview} csrfToken={request.session?.csrfToken ?? ''} errors={{}} />,
      );
    } catch (error) {
      return again(fieldErrorsOf(error));
    }
  });

  app.post('/reports/import/confirm', { preHandler: anyPublisher }, async (request, reply) => {
    const agency = await importAgency(request, fieldOf(request.body, 'agencyId'));
    if (agency === null) throw new AppError('NOT_FOUND', '未找到该机关。');
    try {
      const payload = readImportPayload(fieldOf(request.body, 'payload'));
      await confirmReportImport(db, {
        agencyId: agency.id,
        payload,
        replace: fieldOf(request.body, 'replace') === '1',
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(
        `/workbench/reports/compare?agency=${agency.id}&year=${payload.year}&imported=1`,
        303,
      );
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION') throw error;
      const errors = fieldErrorsOf(error);
      // Asked to replace (or refused): the preview again, from the same payload, with the reason.
      let payload: ImportPayload;
      try {
        payload = readImportPayload(fieldOf(request.body, 'payload'));
      } catch {
        return formPage(request, reply, { agencyId: String(agency.id) }, errors, 400);
      }
      const preview = await previewOfPayload(db, agency.id, payload);
      return reply.page(
        '年报导入预览',
        <ReportImportPreview
          preview={preview}
          csrfToken={request.session?.csrfToken ?? ''}
          errors={errors}
        />,
        400,
      );
    }
  });

  app.get(
    '/reports/compare',
    { schema: { querystring: agencyQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const principal = principalOf(request);
      const agencies = accessibleAgencyOptions(principal, await listAgencies(db));
      const { agency: agencyId, year, imported } = request.query;
      if (agencyId === undefined)
        return reply.page(
          '年报对照',
          <>
            <h1>已发布年报与系统统计对照</h1>
            <p class="lead">选择机关和年度，对照该年度已发布（导入）的年报与系统根据登记记录统计的数据。</p>
            <CompareChooser
              agencies={agencies}
              values={{ year: String(lastYear(new Date())) }}
              action="/workbench/reports/compare"
              title="查看"
            />
          </>,
        );
      const agency = await visibleAgency(request, agencyId);
      const comparison = await compareImportedWithCompiled(db, agency.id, year ?? lastYear(new Date()));
      return reply.page(
        '年报对照',
        <ReportCompare
          comparison={comparison}
          agencies={agencies}
          notice={imported !== undefined ? '年报已导入。' : undefined}
        />,
      );
    },
  );
};
