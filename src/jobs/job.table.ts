/** The in-process queue's jobs (SQLite); on PostgreSQL pg-boss keeps its own. */
export interface JobTable {
  id: string;
  name: string;
  /** The job's data as JSON. */
  data: string;
  state: string;
  retry_limit: number;
  retry_count: number;
  retry_delay: number;
  /** 0/1. */
  retry_backoff: number;
  expire_seconds: number;
  singleton_key: string | null;
  start_after: string;
  started_on: string | null;
  expires_at: string | null;
  created_on: string;
  completed_on: string | null;
  /** `{ "message": … }` of the last failure, as JSON. */
  output: string | null;
}

/** A cron schedule and the last slot a process enqueued for it (both databases). */
export interface JobScheduleTable {
  name: string;
  cron: string;
  data: string;
  last_slot: string;
  updated_at: string;
}
