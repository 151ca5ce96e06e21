import type { Generated } from 'kysely';

export const APPEAL_KINDS = ['reconsideration', 'litigationDirect', 'litigationAfterReview'] as const;
export type AppealKind = (typeof APPEAL_KINDS)[number];

export const APPEAL_RESULTS = ['upheld', 'corrected', 'other'] as const;
export type AppealResult = (typeof APPEAL_RESULTS)[number];

/**
 * A reconsideration or a lawsuit about the agency's disclosure work. Dates are 'YYYY-MM-DD';
 * `result` and `decided_on` are both null while the case is pending.
 */
export interface AppealCaseTable {
  id: Generated<number>;
  agency_id: number;
  application_id: number | null;
  kind: AppealKind;
  prior_case_id: number | null;
  case_number: string | null;
  body: string;
  claimant_name: string | null;
  subject: string | null;
  filed_on: string;
  copy_received_on: string | null;
  responded_on: string | null;
  result: AppealResult | null;
  decided_on: string | null;
  result_note: string | null;
  reopens_application: Generated<number>;
  created_at: string;
  updated_at: string;
  created_by: number | null;
}
