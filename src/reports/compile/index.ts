export { type CompileOptions, compileReport } from './compile-report.ts';
export { type AgencyCandidate, type AgencyLookup, findAgencyByIdOrName } from './find-agency.ts';
export { formatCompiledSummary } from './format-summary.ts';
export {
  type AppealCaseRecord,
  type ApplicationRecord,
  type CellRecord,
  type CellRecords,
  type RecordsBehindCellOptions,
  recordsBehindCell,
} from './records-behind-cell.ts';
export { COMPILE_RULES_NOTE, type YearWindow, yearWindow } from './rules.ts';
