/**
 * How gongkai counts an agency's annual report from its records (issue 6, item 2). The module
 * follows these rules; COMPILE_RULES_NOTE says the same to the reader, as a footnote.
 *
 * Section 二 (主动公开): the agency's Article 20 registers for the year (disclosure/registers.ts):
 * 第二十条第（一）项 counted from the items, every other figure as entered; a figure nobody
 * entered is blank (null).
 *
 * Section 三 (依申请公开), per applicant-type column, the year being 1 January … 31 December:
 * - an application is handled in episodes: the first starts on its receipt day (received_on);
 *   each reopening by order of a reconsideration body or a court (a 'reopened' event) starts
 *   another, on the day of the event; an episode ends with a decision ('decided' event, its
 *   date and outcome). On one day, events follow the order they were recorded in;
 * - 本年新收 (new): episodes that start in the year — received in the year, or reopened in it;
 * - 上年结转 (carried): episodes open on 1 January — started before, not decided before it;
 * - the outcome rows: decisions dated in the year, each in the row of its outcome
 *   (outcomes.ts, reportRowOf: 部分公开 only in its own row; in the 2019 edition the three
 *   其他处理 outcomes share one row). A withdrawal (申请人撤回) is decided as 其他处理 · 其他
 *   (outcome 'other.other'), so it counts there;
 * - 总计 (total) is the sum of the outcome rows; 结转下年度 (forward): episodes still open on
 *   31 December. So new + carried = total + forward holds in every column by construction, and
 *   carried (N) = forward (N − 1).
 * - A 'reopened' event while the application is open, or a 'decided' event while it is not,
 *   breaks the application's own history and is not counted.
 *
 * Section 四 (行政复议、行政诉讼): the cases filed in the year (filed_on), by kind; a case counts
 * only in the year it was filed, with its result as of 31 December (decided on or before: its
 * result; decided later or not yet: 尚未审结); 总计 is the sum of the four results.
 *
 * For speed the applications that were never reopened are counted by a GROUP BY over the
 * applications table (its received_on, decided_on and outcome); only the few that were reopened
 * are read with their events.
 */
export const COMPILE_RULES_NOTE = [
  '本报告表格数据由系统根据登记的记录自动统计：',
  '第二项据第二十条登记簿（第（一）项按已登记的文件计数，其余为登记数）；',
  '第三项按申请人类型分列，“本年新收”为收到日期在本年内的申请，以及本年内依行政复议决定或法院判决重新办理的申请；',
  '“上年结转”为1月1日前收到（或重新办理）且1月1日时尚未作出答复的申请；',
  '各办理结果按答复决定的日期计入当年，区分处理的只计入“部分公开”，申请人撤回的计入“其他处理”；',
  '“总计”为各办理结果之和，“结转下年度继续办理”为12月31日时尚未作出答复的申请；',
  '第四项为本年内提起的行政复议和行政诉讼案件，按12月31日时的结果统计，届时尚未作出决定或判决的计入“尚未审结”，每件案件只在提起的年度统计一次。',
].join('');

/** The first and last day of a report year, as 'YYYY-MM-DD'. */
export interface YearWindow {
  readonly year: number;
  readonly from: string;
  readonly to: string;
}

export const yearWindow = (year: number): YearWindow => ({
  year,
  from: `${String(year).padStart(4, '0')}-01-01`,
  to: `${String(year).padStart(4, '0')}-12-31`,
});
