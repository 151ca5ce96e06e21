import type { Generated } from 'kysely';

/** One work record of an agency (section 一 of the annual report): see work-record-kinds.ts. */
export interface WorkRecordTable {
  id: Generated<number>;
  agency_id: number;
  kind: string;
  /** 'YYYY-MM-DD': the day it happened; the year it counts in. */
  date: string;
  title: string;
  participants: number | null;
  /** Yuan, a decimal as text. */
  cost: string | null;
  items: number | null;
  account: string | null;
  note: string | null;
  created_at: string;
  updated_at: string;
  created_by: number | null;
  updated_by: number | null;
}
