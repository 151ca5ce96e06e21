export { type ComparedCell, type Comparison, compareImportedWithCompiled } from './compare.ts';
export { DEMO_IMPORTED_REPORT, seedDemoReports } from './demo-reports.ts';
export {
  type ConfirmImportInput,
  confirmReportImport,
  type ImportPayload,
  type ImportPreview,
  previewOfPayload,
  previewReportImport,
  readImportPayload,
} from './import-report.ts';
export {
  findImportedReport,
  previousYearReport,
  type StoredReport,
  storedReports,
} from './stored-report.ts';
