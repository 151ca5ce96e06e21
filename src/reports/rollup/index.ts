export { applicationsPerAgencyChart, trendChart } from './charts.ts';
export { type InspectorFigures, inspectorFigures, VERY_OVERDUE_WORKING_DAYS } from './inspector-figures.ts';
export { reportDeadline } from './report-deadline.ts';
export {
  classifyReport,
  ROLLUP_STATUS_LABELS,
  ROLLUP_STATUSES,
  type RollupStatus,
  reportOfRecord,
} from './report-status.ts';
export {
  type AgencyRollup,
  type FiguresSource,
  mainFigures,
  type Rollup,
  rollUp,
  rollupTrend,
  sumCells,
  type YearFigures,
} from './rollup.ts';
