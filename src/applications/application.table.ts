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
}
