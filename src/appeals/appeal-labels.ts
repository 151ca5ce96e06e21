import type { AppealKind, AppealResult } from './appeal-case.table.ts';

export const APPEAL_KIND_LABELS: Record<AppealKind, string> = {
  reconsideration: '行政复议',
  litigationDirect: '行政诉讼（未经复议直接起诉）',
  litigationAfterReview: '行政诉讼（复议后起诉）',
};

export const APPEAL_RESULT_LABELS: Record<AppealResult, string> = {
  upheld: '维持',
  corrected: '纠正',
  other: '其他结果',
};

/** The short names of the list's column (as the report's section 四 heads its groups). */
export const APPEAL_KIND_SHORT: Record<AppealKind, string> = {
  reconsideration: '行政复议',
  litigationDirect: '直接起诉',
  litigationAfterReview: '复议后起诉',
};

/** Who decides the case: the reconsideration body or the court. */
export const bodyLabel = (kind: AppealKind): string => (kind === 'reconsideration' ? '复议机关' : '人民法院');

/** What the agency owes the body: a written reply (答复) or a defence (答辩). */
export const dutyLabel = (kind: AppealKind): string =>
  kind === 'reconsideration' ? '书面答复' : '答辩状及证据';
