import ExcelJS from 'exceljs';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { CSV_HEADER } from '../../../reports/audit/format-csv.ts';
import {
  type AuditBatch,
  countAuditBatchFiles,
  eachAuditBatchFile,
  exportRows,
  FILE_FILTERS,
  findAuditBatch,
  listAuditBatches,
  listAuditBatchFiles,
} from '../../../reports/audit/store.ts';
import {
  type AuditUploadView,
  auditUploadRoot,
  createAuditUpload,
  listAuditUploads,
} from '../../../reports/audit/upload.ts';
import {
  AUDIT_UPLOAD_LIMITS,
  type IncomingFile,
  UPLOAD_FIELD,
} from '../../../reports/audit/upload-archive.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { fieldOf } from '../../forms/uploads.ts';
import { actorOf, loadSession, requireRoleSomewhere } from '../../plugins/auth.ts';
import { sendError, toAppError } from '../../plugins/errors.tsx';
import type { FieldErrors } from '../../views/components/form.tsx';
import { AuditBatchDetail, AuditBatchList } from '../../views/workbench/audit-batch.tsx';
import { AuditQueuedNotice, AuditUploadForm, AuditUploadTable } from '../../views/workbench/audit-upload.tsx';

const PAGE_SIZE = 100;

const idParams = z.object({ id: z.coerce.number().int().positive() });
const filesQuery = z.object({
  filter: z.enum(FILE_FILTERS).catch('all').default('all'),
  rule: z
    .string()
    .max(60)
    .regex(/^[A-Za-z0-9-]*$/)
    .catch('')
    .default(''),
  page: z.coerce.number().int().positive().catch(1).default(1),
});
type FilesQuery = z.infer<typeof filesQuery>;

/** A cell for a spreadsheet: a leading = + - @ (or tab, CR) neutralised, so a file's text cannot become a formula. */
const neutral = (v: string | number | null): string | number | null =>
  typeof v === 'string' && /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;

const csvCell = (v: string | number | null): string => {
  if (v === null) return '';
  const s = String(neutral(v));
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

const MB = 1024 * 1024;
const LIMITS = AUDIT_UPLOAD_LIMITS;
/** The multipart envelope around the files: boundaries, part headers, the name and token fields. */
const ENVELOPE_BYTES = MB;
const TOO_LARGE = `上传的内容过大：一次合计不超过 ${LIMITS.maxUploadBytes / MB} MB、${LIMITS.maxUploadFiles} 个文件。更多的报告请分批上传。`;

const listQuery = z.object({ queued: z.coerce.number().int().positive().optional().catch(undefined) });

interface FilePart {
  readonly filename: string;
  toBuffer(): Promise<Buffer>;
}
const isFilePart = (value: unknown): value is FilePart =>
  typeof value === 'object' && value !== null && 'filename' in value && 'toBuffer' in value;

/** The files of the upload field (read into memory by the multipart plugin, within the route's limits). */
const filesOf = async (body: unknown): Promise<IncomingFile[]> => {
  const raw = (body as Record<string, unknown> | null | undefined)?.[UPLOAD_FIELD];
  const parts = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).filter(isFilePart);
  const files: IncomingFile[] = [];
  for (const part of parts) {
    const bytes = await part.toBuffer();
    // A file input left empty still sends a part, with no name and no bytes.
    if (part.filename === '' && bytes.length === 0) continue;
    files.push({ filename: part.filename, bytes });
  }
  return files;
};

/**
 * Before the body is read: a request over the limit (by its Content-Length; one without it is
 * refused too, as browsers always send it) and anyone but an admin are turned away without
 * reading 200 MB.
 */
const refuseEarly = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
  const length = Number(request.headers['content-length']);
  if (!Number.isFinite(length)) {
    throw new AppError('PAYLOAD_TOO_LARGE', `上传须注明大小（Content-Length）。${TOO_LARGE}`);
  }
  if (length > LIMITS.maxUploadBytes + ENVELOPE_BYTES) throw new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE);
  await loadSession(request, reply);
  await requireRoleSomewhere('admin')(request);
};

/** The multipart plugin's refusals (a file over the limit, too many files) in this form's words. */
const uploadError = (error: FastifyError): AppError => {
  if (error instanceof AppError) return error;
  if (error.statusCode === 413 || /^FST_(REQ_FILE_TOO_LARGE|FILES_LIMIT|PARTS_LIMIT)/.test(error.code ?? ''))
    return new AppError('PAYLOAD_TOO_LARGE', TOO_LARGE, undefined, { cause: error });
  return toAppError(error);
};

const fileName = (batch: AuditBatch, ext: string) =>
  `attachment; filename="audit-${batch.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(`年报核查-${batch.name}.${ext}`)}`;

/**
 * GET /workbench/audits (stored batch audits), /workbench/audits/:id (its files, filtered by
 * status and rule, 100 a page) and /workbench/audits/:id/export.csv|.xlsx (the filtered files,
 * in the columns of `gongkai audit --format csv`). POST /workbench/audits/upload: a ZIP of
 * published reports (or several report files) and a batch name; the files are checked and
 * kept, and the job `audit.batch` audits and stores them in the background. For any admin: a
 * batch audit is the supervisor's view over published reports of many agencies, which are
 * public documents.
 */
export const auditBatchRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const admin = { preHandler: requireRoleSomewhere('admin') };

  const batchOr404 = async (id: number): Promise<AuditBatch> => {
    const batch = await findAuditBatch(db, id);
    if (!batch) throw new AppError('NOT_FOUND', '没有这个核查批次');
    return batch;
  };

  const selection = (q: FilesQuery) => ({ filter: q.filter, ...(q.rule ? { rule: q.rule } : {}) });

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values: Record<string, string>; errors: FieldErrors },
    queued?: number,
    status = 200,
  ) => {
    const uploads = await listAuditUploads(db, app.jobs);
    const queuedView: AuditUploadView | undefined =
      queued === undefined ? undefined : uploads.find((v) => v.upload.id === queued);
    return reply.page(
      '年报批量核查',
      <AuditBatchList batches={await listAuditBatches(db)}>
        {queuedView ? <AuditQueuedNotice view={queuedView} /> : null}
        <AuditUploadForm
          csrfToken={request.session?.csrfToken ?? ''}
          values={form.values}
          errors={form.errors}
          maxMegabytes={LIMITS.maxUploadBytes / MB}
          maxFiles={LIMITS.maxUploadFiles}
          enabled={app.jobs !== null}
        />
        <AuditUploadTable uploads={uploads} />
      </AuditBatchList>,
      status,
    );
  };

  app.get('/audits', { ...admin, schema: { querystring: listQuery } }, async (request, reply) =>
    listPage(request, reply, { values: {}, errors: {} }, request.query.queued),
  );

  app.post(
    '/audits/upload',
    {
      ...admin,
      onRequest: refuseEarly,
      config: {
        multipartOptions: {
          limits: {
            fileSize: LIMITS.maxUploadBytes,
            files: LIMITS.maxUploadFiles,
            fields: 10,
            parts: LIMITS.maxUploadFiles + 10,
          },
        },
      },
      errorHandler: (error, request, reply) => sendError(request, reply, uploadError(error)),
    },
    async (request, reply) => {
      const values = { name: fieldOf(request.body, 'name') };
      try {
        if (app.jobs === null) throw new AppError('CONFLICT', '本服务未启用后台任务，无法上传核查。');
        const { upload } = await createAuditUpload(db, app.jobs, {
          name: values.name,
          files: await filesOf(request.body),
          actor: actorOf(request),
          root: await auditUploadRoot(app.database),
        });
        return reply.redirect(`/workbench/audits?queued=${upload.id}`, 303);
      } catch (error) {
        return listPage(request, reply, { values, errors: fieldErrorsOf(error) }, undefined, 400);
      }
    },
  );

  app.get(
    '/audits/:id',
    { ...admin, schema: { params: idParams, querystring: filesQuery } },
    async (request, reply) => {
      const batch = await batchOr404(request.params.id);
      const q = request.query;
      const total = await countAuditBatchFiles(db, batch.id, selection(q));
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      const page = Math.min(q.page, pageCount);
      const files = await listAuditBatchFiles(db, batch.id, {
        ...selection(q),
        offset: (page - 1) * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      const href = (changes: { page?: number; format?: 'csv' | 'xlsx' }) => {
        const params = new URLSearchParams();
        if (q.filter !== 'all') params.set('filter', q.filter);
        if (q.rule) params.set('rule', q.rule);
        if (changes.page) params.set('page', String(changes.page));
        const path = changes.format
          ? `/workbench/audits/${batch.id}/export.${changes.format}`
          : `/workbench/audits/${batch.id}`;
        const search = params.toString();
        return search ? `${path}?${search}` : path;
      };
      return reply.page(
        batch.name,
        <AuditBatchDetail
          {...{ batch, files, total, page, pageCount, href }}
          filter={q.filter}
          rule={q.rule}
        />,
      );
    },
  );

  app.get(
    '/audits/:id/export.csv',
    { ...admin, schema: { params: idParams, querystring: filesQuery } },
    async (request, reply) => {
      const batch = await batchOr404(request.params.id);
      const lines = [`\ufeff${CSV_HEADER.join(',')}\r\n`];
      for await (const file of eachAuditBatchFile(db, batch.id, selection(request.query))) {
        for (const row of exportRows(file)) lines.push(`${row.map(csvCell).join(',')}\r\n`);
      }
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', fileName(batch, 'csv'))
        .header('cache-control', 'no-store')
        .send(lines.join(''));
    },
  );

  app.get(
    '/audits/:id/export.xlsx',
    { ...admin, schema: { params: idParams, querystring: filesQuery } },
    async (request, reply) => {
      const batch = await batchOr404(request.params.id);
      const workbook = new ExcelJS.Workbook();
      const sheet = workbook.addWorksheet('核查结果');
      sheet.addRow(CSV_HEADER);
      for await (const file of eachAuditBatchFile(db, batch.id, selection(request.query))) {
        for (const row of exportRows(file)) sheet.addRow(row.map(neutral));
      }
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', fileName(batch, 'xlsx'))
        .header('cache-control', 'no-store')
        .send(Buffer.from(await workbook.xlsx.writeBuffer()));
    },
  );
};
