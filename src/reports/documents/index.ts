export * from './annual-report.repository.ts';
export type { AnnualReportTable, ReportStatus } from './annual-report.table.ts';
export * from './narrative.ts';
export * from './report-deadline.ts';
export * from './report-document.ts';
export * from './report-files.ts';
export * from './report-lifecycle.ts';
export * from './report-reminders.ts';
export * from './sentences.ts';
