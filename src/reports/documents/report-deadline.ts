import type { AgencyKind, AgencyLevel } from '../../orgs/agency-kind.ts';

/**
 * 《条例》第四十九条 (regulations.md, "The annual report"): a people's government of county
 * level or above has its report for the year published by 31 March of the following year; its
 * departments, and every other agency that publishes a report of its own (offices, townships,
 * subdistricts), by 31 January. "By" (前) is read as "on or before".
 */
export const isCountyOrAboveGovernment = (agency: { kind: AgencyKind; level: AgencyLevel }): boolean =>
  agency.kind === 'government' && agency.level !== 'township';

/** The statutory day for the agency's report of `year`, 'YYYY-MM-DD'. */
export const statutoryDay = (agency: { kind: AgencyKind; level: AgencyLevel }, year: number): string =>
  `${year + 1}-${isCountyOrAboveGovernment(agency) ? '03-31' : '01-31'}`;

/** Published after the statutory day (on the day itself is on time). */
export const isLate = (publishedOn: string, deadline: string): boolean => publishedOn > deadline;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

export interface ReportReminder {
  readonly year: number;
  readonly deadline: string;
  /** Calendar days from today to the statutory day: 0 on the day, negative once it has passed. */
  readonly daysLeft: number;
  readonly overdue: boolean;
}

/**
 * The reminder for the report of `year` on `today` (Beijing date): shown from 1 December of the
 * report year until the report is published; null before December or once published.
 */
export const reportReminder = (
  agency: { kind: AgencyKind; level: AgencyLevel },
  year: number,
  today: string,
  published: boolean,
): ReportReminder | null => {
  if (published || today < `${year}-12-01`) return null;
  const deadline = statutoryDay(agency, year);
  const daysLeft = dayNumber(deadline) - dayNumber(today);
  return { year, deadline, daysLeft, overdue: daysLeft < 0 };
};

/** The reminder in words: '距法定公布期限（2020-03-31）还有 40 天' or '已逾期 3 天（法定期限 2020-01-31）'. */
export const reminderText = (r: ReportReminder): string =>
  r.overdue
    ? `已逾期 ${-r.daysLeft} 天（法定公布期限 ${r.deadline}）`
    : r.daysLeft === 0
      ? `今天是法定公布期限（${r.deadline}）`
      : `距法定公布期限（${r.deadline}）还有 ${r.daysLeft} 天`;
