import type { Generated } from 'kysely';

/** One application, as stored. Personal data is in clear here and masked wherever it is shown. */
export interface ApplicationTable {
  id: Generated<number>;
  agency_id: number;
  tracking_number: string;
  /** SHA-256 (hex) of the applicant's secret code; the code itself is shown once. */
  secret_hash: string;
  channel: string;
  /** The day the application arrived (Art. 31 keeps it apart from the receipt day). */
  arrived_on: string;
  /** The day it counts as received, from which the deadlines run. */
  received_on: string;
  applicant_type: string;
  applicant_name: string;
  id_type: string;
  id_number: string;
  phone: string;
  address: string | null;
  email: string | null;
  description: string;
  form_wanted: string;
  /** A client's key for one submission: a retried or doubled submission finds the first. */
  idempotency_key: string | null;
  status: string;
  created_at: string;
  updated_at: string;
  /** The department (承办单位) the application was routed to; null while the receiving agency handles it. */
  handling_agency_id: number | null;
  handler_user_id: number | null;
  stage: Generated<string>;
  /** The one outcome (outcomes.ts), set when the decision is made (after approval where needed). */
  outcome: string | null;
  decided_on: string | null;
  delivered_on: string | null;
  /** The decision's particulars (DecisionDetail), or the proposal awaiting the approver. */
  decision_json: string | null;
  /** The deadline derived from the events, stored for the queues; rewritten with every event. */
  due_on: string | null;
  waiting_for: string | null;
  waiting_by: string | null;
  deadline_provisional: Generated<number>;
  /** The applicant's account (src/applicants) that submitted or claimed it; null for most. */
  applicant_account_id: Generated<number | null>;
}

/** Departments that handle an application together with its handling agency (会办). */
export interface ApplicationCoHandlerTable {
  application_id: number;
  agency_id: number;
  added_at: string;
}

/** The clock's events of an application (spec/regulations.md): append-only. */
export interface ApplicationEventTable {
  id: Generated<number>;
  application_id: number;
  type: string;
  date: string;
  working_days: number | null;
  until: string | null;
  note: string | null;
  actor_user_id: number | null;
  recorded_at: string;
  /** The particulars of an event off the clock (routing, review, decision, delivery), as JSON. */
  detail_json: string | null;
}
