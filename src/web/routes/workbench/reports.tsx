import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { JOB_RETRY } from '../../../jobs/handlers/index.ts';
import { REPORT_PDF, reportPdfJob, reportPdfKey } from '../../../jobs/handlers/report-pdf.ts';
import { listAgencies } from '../../../orgs/agency.repository.ts';
import { canAccessAgency, hasRole } from '../../../orgs/policy.ts';
import { recordsBehindCell } from '../../../reports/compile/index.ts';
import {
  type AnnualReport,
  acknowledgeFinding,
  approveReport,
  createAnnualReport,
  differencesSinceLock,
  findAnnualReport,
  listAgencyReports,
  loadReportDocument,
  placeholderHelp,
  publishReport,
  type ReportDocument,
  reminderText,
  reportReminder,
  resolveSegments,
  returnReport,
  STATUS_LABELS,
  saveNarrative,
  submitReport,
} from '../../../reports/documents/index.ts';
import { findCell, tableCells } from '../../../reports/model/cells.ts';
import { EDITIONS } from '../../../reports/model/editions.ts';
import { sectionHeading } from '../../../reports/render/report-outline.ts';
import { cellName, rowLabel, tableName } from '../../../reports/validate/labels.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import {
  type EditorTable,
  type RecordRow,
  ReportEditorPage,
  ReportRecordsPage,
} from '../../views/workbench/report-editor.tsx';
import { ReportListPage, type ReportRow } from '../../views/workbench/report-list.tsx';
import { idParams } from '../params.ts';

const listQuery = z.object({
  agencyId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
});
const editorQuery = z.object({ done: z.string().max(20).optional() });
const recordsQuery = z.object({ cell: z.string().max(100).optional() });

const NOTICES: Record<string, string> = {
  created: '年度报告已建立，表格数据按现有记录统计。',
  saved: '正文已保存。',
  acknowledged: '说明已保存。',
  submitted: '报告已提交，表格数据已锁定，等待负责人审核。',
  approved: '报告已审核通过，可以发布。',
  returned: '报告已退回修改，数据已解除锁定。',
  published: '报告已发布到门户网站。',
  late: '报告已发布到门户网站。发布日期晚于法定期限，已记录为逾期发布。',
};

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

const sourceLabel = (r: AnnualReport) => (r.source === 'compiled' ? '系统统计' : '往年导入');

const publishedLabel = (r: AnnualReport): string =>
  r.publishedOn === null
    ? r.status === 'published'
      ? '已发布'
      : '—'
    : `${r.publishedOn}${r.publishedLate ? '（逾期）' : ''}`;

/** The figures as the editor's tables: each section 三/四 cell a link to its records. */
const editorTables = (document: ReportDocument): EditorTable[] => {
  const edition = EDITIONS[document.report.edition];
  return edition.tables.map((table) => ({
    id: table.id,
    caption: `${tableName(table)}`,
    columns: table.columns.map((c) => c.label),
    rows: table.rows.map((row) => ({
      label: rowLabel(table, row.key),
      cells: tableCells(edition, table)
        .filter((c) => c.row === row.key)
        .map((c) => {
          const value = document.value.cells[c.key];
          return {
            key: c.key,
            value: value === null || value === undefined ? '—' : String(value),
            href:
              table.section === 2
                ? null
                : `/workbench/reports/${document.report.id}/records?cell=${encodeURIComponent(c.key)}`,
          };
        }),
    })),
  }));
};

/**
 * The annual report on the workbench (issue 6, items 3–5): GET/POST /workbench/reports (an
 * agency's reports by year; create one), GET /workbench/reports/:id (the editor), GET
 * …/:id/records?cell= (the records behind a cell), POST …/:id/{narrative,acknowledge,submit,
 * approve,return,publish}. Anyone with a role over the agency reads; its publishers write,
 * submit and publish; its approvers approve and return (src/reports/documents checks the roles).
 * A report of an agency the user holds no role over is a 404.
 */
export const reportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const acting = (request: FastifyRequest) => ({
    principal: principalOf(request),
    actor: actorOf(request),
    now: new Date(),
  });

  const reportFor = async (request: FastifyRequest, id: number): Promise<AnnualReport> => {
    const report = await findAnnualReport(db, id);
    if (report === null || !canAccessAgency(principalOf(request), { path: report.agencyPath }))
      throw new AppError('NOT_FOUND', '未找到该年度报告。');
    return report;
  };

  const listPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    agencyId: number | undefined,
    values: Record<string, string> = {},
    errors: FieldErrors = {},
  ) => {
    const principal = principalOf(request);
    const agencies = (await listAgencies(db)).filter((a) => canAccessAgency(principal, a));
    const agency = agencyId === undefined ? agencies[0] : agencies.find((a) => a.id === agencyId);
    if (agency === undefined) throw new AppError('NOT_FOUND', '未找到该机关。');
    const reports = await listAgencyReports(db, agency.id);
    const today = beijingDate(new Date().toISOString());
    const year = Number(today.slice(0, 4));
    // December of this year, or the months after it until last year's report is out.
    const reminder = [year, year - 1]
      .map((y) =>
        reportReminder(
          agency,
          y,
          today,
          reports.some((r) => r.year === y && r.status === 'published'),
        ),
      )
      .find((r) => r !== null);
    const rows: ReportRow[] = reports.map((r) => ({
      id: r.id,
      year: r.year,
      source: sourceLabel(r),
      status: STATUS_LABELS[r.status],
      deadline: r.deadline,
      published: publishedLabel(r),
      editable: r.source === 'compiled',
    }));
    return reply.page(
      '年度报告',
      <ReportListPage
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        agencyId={agency.id}
        agencyName={agency.name}
        rows={rows}
        reminder={reminder ? `${reminder.year}年度报告：${reminderText(reminder)}` : null}
        canCreate={hasRole(principal, 'publisher', agency)}
        values={values}
        errors={errors}
        csrfToken={request.session?.csrfToken ?? ''}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get('/reports', { schema: { querystring: listQuery }, preHandler: requireLogin }, (request, reply) =>
    listPage(request, reply, request.query.agencyId),
  );

  app.post('/reports', { preHandler: requireLogin }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      const id = await createAnnualReport(db, values, acting(request));
      return reply.redirect(`/workbench/reports/${id}?done=created`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const agencyId = Number(values.agencyId);
      if (errors.agencyId !== undefined) throw new AppError('VALIDATION', errors.agencyId);
      return listPage(request, reply, Number.isSafeInteger(agencyId) ? agencyId : undefined, values, errors);
    }
  });

  const editorPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    report: AnnualReport,
    options: { notice?: string | undefined; errors?: FieldErrors; templates?: Record<string, string> } = {},
  ) => {
    const principal = principalOf(request);
    const target = { path: report.agencyPath };
    const [document, differences] = await Promise.all([
      loadReportDocument(db, report),
      differencesSinceLock(db, report),
    ]);
    const edition = EDITIONS[report.edition];
    const isPublisher = hasRole(principal, 'publisher', target);
    const isApprover = hasRole(principal, 'approver', target);
    const compiled = report.source === 'compiled';
    const errors = options.errors ?? {};
    return reply.page(
      `${report.agencyName}${report.year}年度报告`,
      <ReportEditorPage
        id={report.id}
        title={`${report.agencyName}${report.year}年政府信息公开工作年度报告`}
        status={`${STATUS_LABELS[report.status]}（${sourceLabel(report)}，${report.edition}年版格式）`}
        deadline={report.deadline}
        published={report.status === 'published' ? publishedLabel(report) : null}
        returnedReason={report.status === 'draft' ? report.returnedReason : null}
        locked={report.cells !== null}
        differences={differences.map(
          (d) => `记录已变更：${d.label}锁定时为 ${d.locked ?? '空'}，按现有记录为 ${d.current ?? '空'}`,
        )}
        tables={editorTables(document)}
        sections={edition.sections.map((s) => {
          const template =
            options.templates?.[`section${s.number}`] ??
            report.templates.find((t) => t.section === s.number)?.text ??
            '';
          return {
            number: s.number,
            heading: sectionHeading(s),
            template,
            segments: compiled
              ? resolveSegments(template, document.sources).map((g) => ({
                  text: g.text,
                  generated: g.placeholder !== null,
                }))
              : [
                  {
                    text: document.value.narrative.find((n) => n.section === s.number)?.text ?? '',
                    generated: false,
                  },
                ],
          };
        })}
        placeholders={placeholderHelp()}
        findings={document.findings.map((f) => ({
          key: f.key,
          severity: SEVERITY[f.finding.severity] ?? f.finding.severity,
          isError: f.finding.severity === 'error',
          message: f.finding.message,
          explanation: f.explanation,
        }))}
        footnotes={document.footnotes}
        can={{
          edit: compiled && report.status === 'draft' && isPublisher,
          submit: compiled && report.status === 'draft' && isPublisher,
          approve: compiled && report.status === 'submitted' && isApprover,
          return: compiled && (report.status === 'submitted' || report.status === 'approved') && isApprover,
          publish: compiled && report.status === 'approved' && isPublisher,
        }}
        notice={options.notice}
        errors={errors}
        csrfToken={request.session?.csrfToken ?? ''}
      />,
      Object.keys(errors).length > 0 ? 400 : 200,
    );
  };

  app.get(
    '/reports/:id',
    { schema: { params: idParams, querystring: editorQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const report = await reportFor(request, request.params.id);
      const done = request.query.done;
      return editorPage(request, reply, report, { notice: done === undefined ? undefined : NOTICES[done] });
    },
  );

  app.get(
    '/reports/:id/records',
    { schema: { params: idParams, querystring: recordsQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const report = await reportFor(request, request.params.id);
      const cell = findCell(EDITIONS[report.edition], request.query.cell ?? '');
      if (cell === undefined)
        throw new AppError('VALIDATION', '请指明报告的单元格', [
          { field: 'cell', message: '请指明报告的单元格' },
        ]);
      const behind = await recordsBehindCell(db, {
        agencyId: report.agencyId,
        year: report.year,
        cell: cell.key,
        edition: report.edition,
      });
      const rows: RecordRow[] = behind.records.map((r) =>
        r.kind === 'application'
          ? {
              key: `a${r.id}`,
              label: `申请 ${r.trackingNumber}`,
              href: `/workbench/applications/${r.id}`,
              on: r.on,
              note: r.reopened ? '依复议决定或判决重新办理' : '',
            }
          : {
              key: `c${r.id}`,
              label: `案件 ${r.caseNumber ?? `#${r.id}`}${r.trackingNumber ? `（申请 ${r.trackingNumber}）` : ''}`,
              href: `/workbench/appeals/${r.id}`,
              on: r.filedOn,
              note: r.decidedOn === null ? '尚未审结' : `${r.decidedOn} 作出结果`,
            },
      );
      return reply.page(
        '计入单元格的记录',
        <ReportRecordsPage
          title={`${report.year}年度报告：${cellName(cell.table, cell.row, cell.column)}`}
          back={`/workbench/reports/${report.id}#figures`}
          rows={rows}
          note={
            behind.source === 'register'
              ? '本单元格来自第二十条登记数据，请在“第二十条登记”页面查看。'
              : report.cells !== null
                ? '报告数据已锁定：此处列出按现有记录统计的结果，可能与报告不同。'
                : null
          }
        />,
      );
    },
  );

  /** A POST on a report: the use case, then back to the editor with its notice, or the editor with the refusal. */
  const step = (
    path: string,
    run: (request: FastifyRequest, id: number, values: Record<string, string>) => Promise<string>,
  ) =>
    app.post(path, { schema: { params: idParams }, preHandler: requireLogin }, async (request, reply) => {
      const report = await reportFor(request, request.params.id);
      const values = formValues(request.body);
      try {
        const done = await run(request, report.id, values);
        return reply.redirect(`/workbench/reports/${report.id}?done=${done}`, 303);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const templates = path.endsWith('/narrative') ? values : undefined;
        return editorPage(request, reply, report, { errors, ...(templates ? { templates } : {}) });
      }
    });

  step('/reports/:id/narrative', async (request, id, values) => {
    await saveNarrative(db, id, values, acting(request));
    return 'saved';
  });
  step('/reports/:id/acknowledge', async (request, id, values) => {
    await acknowledgeFinding(db, id, values, acting(request));
    return 'acknowledged';
  });
  step('/reports/:id/submit', async (request, id) => {
    await submitReport(db, id, acting(request));
    return 'submitted';
  });
  step('/reports/:id/approve', async (request, id) => {
    await approveReport(db, id, acting(request));
    return 'approved';
  });
  step('/reports/:id/return', async (request, id, values) => {
    await returnReport(db, id, values, acting(request));
    return 'returned';
  });
  step('/reports/:id/publish', async (request, id) => {
    const { late } = await publishReport(db, id, acting(request));
    // The PDF is printed in the background, once, for every process to serve.
    await request.server.jobs?.send(REPORT_PDF, reportPdfJob(id), {
      singletonKey: reportPdfKey(id),
      ...JOB_RETRY[REPORT_PDF],
    });
    return late ? 'late' : 'published';
  });
};
