import type { LetterPdf } from '../../letters/letter-pdf.ts';
import { renderReportDocx } from '../render/docx.ts';
import { renderReportHtml } from '../render/html.ts';
import { renderReportJson } from '../render/json.ts';
import { reportTitle } from '../render/report-outline.ts';
import type { ReportDocument } from './report-document.ts';

export const REPORT_FORMATS = ['html', 'docx', 'pdf', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportFile {
  readonly fileName: string;
  readonly contentType: string;
  readonly bytes: Buffer;
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  html: 'text/html; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
  json: 'application/json; charset=utf-8',
};

/** The report as a standalone page in the official layout, its notes at the end. */
export const reportHtml = (document: ReportDocument): string =>
  renderReportHtml(document.value, { footnotes: [...document.footnotes] });

/**
 * PDFs printed from a published report, by report and version (its updated_at): printing takes
 * about a second, and a published report does not change. A few are kept, the oldest dropped.
 */
export class ReportPdfCache {
  readonly #entries = new Map<string, Buffer>();
  readonly #limit: number;

  constructor(limit = 32) {
    this.#limit = limit;
  }

  async get(key: string, make: () => Promise<Buffer>): Promise<Buffer> {
    const known = this.#entries.get(key);
    if (known !== undefined) return known;
    const made = await make();
    this.#entries.set(key, made);
    while (this.#entries.size > this.#limit) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return made;
  }

  get size(): number {
    return this.#entries.size;
  }
}

export const sharedReportPdfCache = new ReportPdfCache();

/** One download of the report: HTML, DOCX, PDF (printed by the shared Chromium, cached) or the spec's JSON. */
export async function reportFile(
  document: ReportDocument,
  format: ReportFormat,
  options: {
    pdf: LetterPdf;
    cache?: ReportPdfCache;
    /** Where printed PDFs are kept for every process (report_pdfs): read first, written after printing. */
    stored?: { get(): Promise<Buffer | null>; put(bytes: Buffer): Promise<void> };
  },
): Promise<ReportFile> {
  const base = reportTitle(document.value);
  const make = async (): Promise<Buffer> => {
    switch (format) {
      case 'html':
        return Buffer.from(reportHtml(document), 'utf8');
      case 'docx':
        return renderReportDocx(document.value, { footnotes: document.footnotes });
      case 'json':
        return Buffer.from(renderReportJson(document.value), 'utf8');
      case 'pdf': {
        const cache = options.cache ?? sharedReportPdfCache;
        const key = `${document.report.id}:${document.report.updatedAt}`;
        return cache.get(key, async () => {
          const stored = await options.stored?.get();
          if (stored) return stored;
          const printed = await options.pdf.render(reportHtml(document));
          await options.stored?.put(printed);
          return printed;
        });
      }
    }
  };
  return { fileName: `${base}.${format}`, contentType: CONTENT_TYPES[format], bytes: await make() };
}
