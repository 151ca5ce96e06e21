import type { Generated } from 'kysely';

/**
 * One figure of section 二 of an agency's annual report for a year, as entered or imported
 * (registers.ts): `cell` is the report model's key ('s2.penalty.decisions'), `value` a decimal
 * as text. The figures of 第二十条第（一）项 are not stored: they are counted from the items.
 */
export interface DisclosureRegisterTable {
  id: Generated<number>;
  agency_id: number;
  year: number;
  cell: string;
  value: string;
  updated_at: string;
  updated_by: number | null;
}

/** An uploaded register file awaiting confirmation: the checked figures and the preview's summary. */
export interface RegisterImportTable {
  id: Generated<number>;
  agency_id: number;
  user_id: number | null;
  file_name: string;
  /** RegisterImportRow[] as JSON. */
  rows_json: string;
  /** RegisterImportSummary as JSON. */
  summary_json: string;
  status: 'pending' | 'done' | 'discarded';
  created_at: string;
  done_at: string | null;
}
