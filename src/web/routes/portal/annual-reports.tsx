import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { sharedLetterPdf } from '../../../letters/letter-pdf.ts';
import {
  type AnnualReport,
  findPublishedReport,
  listPublishedReports,
  loadReportDocument,
  REPORT_FORMATS,
  reportFile,
} from '../../../reports/documents/index.ts';
import { storedReportPdf, storeReportPdf } from '../../../reports/documents/report-pdf-store.ts';
import { EDITIONS } from '../../../reports/model/editions.ts';
import { renderReportArticle } from '../../../reports/render/html-report.ts';
import { REPORT_CSS } from '../../../reports/render/html-style.ts';
import { layoutEdition } from '../../../reports/render/layout.ts';
import { reportTitle } from '../../../reports/render/report-outline.ts';
import { AnnualReportPage } from '../../views/portal/annual-report-page.tsx';
import { AnnualReports, type PublishedReportRow } from '../../views/portal/annual-reports.tsx';
import { attachment } from '../letter-response.ts';
import { idParams } from '../params.ts';
import { loadAgencyPage } from './agency-page.ts';

const yearParams = idParams.extend({ year: z.coerce.number().int().min(1000).max(9999) });
const fileParams = yearParams.extend({ format: z.enum(REPORT_FORMATS) });

const SECTION_TITLE = '政府信息公开年报';

/** The report styles scoped to the sheet on a portal page (the page keeps its own body and fonts). */
export const REPORT_SHEET_CSS = REPORT_CSS.replace(/^html \{[^}]*\}$/m, '')
  .replace(/\bbody \{/g, '.report-sheet {')
  .concat('\n.report-sheet { background: #fff; color: #000; }\n')
  .concat(
    // The form's column widths as classes: the site's CSP allows no style attribute (sheetArticle).
    [...new Set(Object.values(EDITIONS).flatMap((e) => layoutEdition(e).flatMap((l) => l.widths)))]
      .map((w) => `.report-sheet col.cw-${w.toFixed(2).replace('.', '')} { width: ${w.toFixed(2)}%; }`)
      .join('\n'),
  );

/** The report's article for a portal page: its <col style="width:…"> as the classes above. */
const sheetArticle = (html: string): string =>
  html.replace(/<col style="width:(\d+)\.(\d{2})%">/g, '<col class="cw-$1$2">');

const lateText = (r: AnnualReport): string =>
  r.publishedLate ? `逾期发布（法定公布期限 ${r.deadline}）` : '';

/** The agency's published reports, for the column page (agency-sections.tsx) and /agencies/:id/reports. */
export const publishedReportRows = (reports: readonly AnnualReport[]): PublishedReportRow[] =>
  reports.map((r) => ({
    year: r.year,
    href: `/agencies/${r.agencyId}/reports/${r.year}`,
    publishedOn: r.publishedOn ?? '',
    late: lateText(r),
    imported: r.source === 'imported',
  }));

const FORMAT_LABELS = {
  html: '网页版（HTML）',
  docx: 'Word 版（DOCX）',
  pdf: 'PDF 版',
  json: '数据（JSON）',
};

/**
 * 政府信息公开年报 on the portal (issue 6, item 4): GET /agencies/:id/reports (the published
 * reports by year), GET /agencies/:id/reports/:year (one in the official layout), GET
 * …/:year/:format (html, docx, pdf printed by the shared Chromium and cached, json of the
 * spec). Only published reports appear; anything else is a 404.
 */
export const portalAnnualReportRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  app.addHook('onClose', () => sharedLetterPdf.close());

  app.get('/report-sheet.css', async (_request, reply) =>
    reply
      .type('text/css; charset=utf-8')
      .header('cache-control', 'public, max-age=3600')
      .send(REPORT_SHEET_CSS),
  );

  app.get('/agencies/:id/reports', { schema: { params: idParams } }, async (request, reply) => {
    const page = await loadAgencyPage(db, request.params.id, SECTION_TITLE);
    const reports = await listPublishedReports(db, page.agency.id);
    return reply.page(
      SECTION_TITLE,
      <AnnualReports agency={page.agency} reports={publishedReportRows(reports)} />,
      {
        agency: page.agency,
        breadcrumbs: page.breadcrumbs,
      },
    );
  });

  const published = async (agencyId: number, year: number) => {
    const report = await findPublishedReport(db, agencyId, year);
    if (report === null) throw new AppError('NOT_FOUND', `未找到${year}年度已发布的年度报告。`);
    return loadReportDocument(db, report);
  };

  app.get('/agencies/:id/reports/:year', { schema: { params: yearParams } }, async (request, reply) => {
    const { id, year } = request.params;
    const page = await loadAgencyPage(db, id);
    const document = await published(id, year);
    const title = reportTitle(document.value);
    const base = `/agencies/${id}/reports/${year}`;
    return reply.page(
      title,
      <AnnualReportPage
        title={title}
        publishedOn={document.report.publishedOn}
        late={document.report.publishedLate ? lateText(document.report) : null}
        downloads={(['docx', 'pdf', 'json'] as const).map((f) => ({
          href: `${base}/${f}`,
          label: `下载${FORMAT_LABELS[f]}`,
        }))}
        articleHtml={sheetArticle(renderReportArticle(document.value, { footnotes: document.footnotes }))}
        back={`/agencies/${id}/reports`}
      />,
      {
        agency: page.agency,
        breadcrumbs: [
          ...page.breadcrumbs,
          { label: SECTION_TITLE, href: `/agencies/${id}/reports` },
          { label: `${year}年度报告` },
        ],
      },
    );
  });

  app.get(
    '/agencies/:id/reports/:year/:format',
    { schema: { params: fileParams } },
    async (request, reply) => {
      const { id, year, format } = request.params;
      const document = await published(id, year);
      const file = await reportFile(document, format, {
        pdf: sharedLetterPdf,
        // Printed by the `report.pdf` job at publication; a PDF not printed yet (the job still
        // queued) is printed here and stored for every process.
        stored: {
          get: () => storedReportPdf(db, document.report.id, document.report.updatedAt),
          put: (bytes) =>
            storeReportPdf(db, document.report.id, document.report.updatedAt, bytes, new Date()),
        },
      });
      reply
        .header('content-type', file.contentType)
        .header(
          'content-disposition',
          attachment({ fileName: file.fileName } as Parameters<typeof attachment>[0]),
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'public, max-age=300');
      if (format === 'html')
        reply.header(
          'content-security-policy',
          "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'",
        );
      return reply.send(file.bytes);
    },
  );
};
