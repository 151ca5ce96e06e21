/** A published report's PDF as printed by the `report.pdf` job (report-pdf-store.ts). */
export interface ReportPdfTable {
  report_id: number;
  /** The report's updated_at when it was printed. */
  version: string;
  pdf: Buffer;
  printed_at: string;
}
