import ExcelJS from 'exceljs';
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
import { requireRoleSomewhere } from '../../plugins/auth.ts';
import { AuditBatchDetail, AuditBatchList } from '../../views/workbench/audit-batch.tsx';

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

const fileName = (batch: AuditBatch, ext: string) =>
  `attachment; filename="audit-${batch.id}.${ext}"; filename*=UTF-8''${encodeURIComponent(`年报核查-${batch.name}.${ext}`)}`;

/**
 * GET /workbench/audits (stored batch audits), /workbench/audits/:id (its files, filtered by
 * status and rule, 100 a page) and /workbench/audits/:id/export.csv|.xlsx (the filtered files,
 * in the columns of `gongkai audit --format csv`). For any admin: a batch audit is the
 * supervisor's view over published reports of many agencies, which are public documents.
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

  app.get('/audits', admin, async (_request, reply) =>
    reply.page('年报批量核查', <AuditBatchList batches={await listAuditBatches(db)} />),
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
