import type { StoredReport } from '../history/stored-report.ts';

/** How a supervisor sees an agency's report for a year. */
export const ROLLUP_STATUSES = ['missing', 'draft', 'submitted', 'approved', 'published', 'late'] as const;
export type RollupStatus = (typeof ROLLUP_STATUSES)[number];

export const ROLLUP_STATUS_LABELS: Record<RollupStatus, string> = {
  missing: '未编制',
  draft: '草稿',
  submitted: '已提交',
  approved: '已审核',
  published: '已按时发布',
  late: '逾期',
};

/**
 * The report that speaks for the agency's year: its compiled report when there is one (that is
 * the report gongkai publishes), else the one imported for the year, else none.
 */
export const reportOfRecord = (reports: readonly StoredReport[]): StoredReport | null =>
  reports.find((r) => r.source === 'compiled') ?? reports.find((r) => r.source === 'imported') ?? null;

/**
 * The status of the report of record on `today` (both 'YYYY-MM-DD', Beijing):
 * - missing: no report at all (neither compiled nor imported);
 * - late: published after the statutory day (published_late), or not yet published when that day
 *   has passed (a draft, submitted or approved report after it);
 * - otherwise the report's own status (draft, submitted, approved, published).
 */
export const classifyReport = (
  report: StoredReport | null,
  deadline: string,
  today: string,
): RollupStatus => {
  if (report === null) return 'missing';
  if (report.status === 'published') return report.publishedLate ? 'late' : 'published';
  return today > deadline ? 'late' : report.status;
};
