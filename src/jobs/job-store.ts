import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { JobData, JobPage, JobView, ListJobsOptions, RetryOptions } from './job.ts';

/** A job claimed by this process to run now. */
export interface ClaimedJob {
  readonly id: string;
  readonly name: string;
  readonly data: JobData;
  readonly attempt: number;
  /** What the claim was made with, to finish only this claim (not a later one after expiry). */
  readonly claim: number;
}

export interface InsertJob extends Required<RetryOptions> {
  readonly name: string;
  readonly data: JobData;
  readonly singletonKey: string | null;
  readonly startAfter: Date;
}

/**
 * Where one implementation keeps its jobs: pg-boss on PostgreSQL, the `jobs` table on SQLite.
 * The queue (job-queue.ts) runs the handlers, the cron schedules and the graceful stop over it.
 * `db` is the caller's transaction where given.
 */
export interface JobStore {
  /** Prepares the storage (pg-boss installs its schema) and starts its own upkeep. */
  start(): Promise<void>;
  stop(): Promise<void>;
  insert(job: InsertJob, db?: Kysely<DB>): Promise<string | null>;
  /** Marks the oldest job of `name` that is due as active and returns it; null when none is. */
  claim(name: string, now: Date): Promise<ClaimedJob | null>;
  complete(job: ClaimedJob, now: Date): Promise<void>;
  /** Back to `retry` after the backoff while retries remain, else `failed`; keeps the message. */
  fail(job: ClaimedJob, message: string, now: Date): Promise<void>;
  /** Retries jobs whose claim lapsed, drops old finished ones. */
  maintain(now: Date): Promise<void>;
  list(options: ListJobsOptions): Promise<JobPage>;
  get(id: string, db?: Kysely<DB>): Promise<JobView | null>;
  /** A failed job runs again (one more retry allowed); false when it is not failed. */
  retry(id: string, db?: Kysely<DB>): Promise<boolean>;
  /** A queued job (created or retry) is cancelled; false when it is not queued. */
  cancel(id: string, now: Date, db?: Kysely<DB>): Promise<boolean>;
}
