import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';

/** A job's states, as pg-boss 10 names them; the in-process queue on SQLite uses the same. */
export const JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type JobState = (typeof JOB_STATES)[number];

export const isJobState = (value: string): value is JobState =>
  (JOB_STATES as readonly string[]).includes(value);

/** Waiting to run: the states `send` deduplicates a singleton key against and `cancel` accepts. */
export const QUEUED_STATES = ['created', 'retry'] as const satisfies readonly JobState[];

export type JobData = Record<string, unknown>;

export interface RetryOptions {
  /** Runs after the first that a failure may have (0: none). */
  readonly retryLimit?: number;
  /** Seconds before a retry; with backoff the first wait, doubling each time (with jitter). */
  readonly retryDelaySec?: number;
  readonly retryBackoff?: boolean;
  /** A run still active after this long is taken for dead (its process gone) and retried. */
  readonly expireInSeconds?: number;
}

export interface SendOptions extends RetryOptions {
  /** While a job of this name and key waits (created or retry), `send` adds none and returns null. */
  readonly singletonKey?: string;
  readonly startAfter?: Date;
  /** The caller's transaction: the job is enqueued with its writes, or not at all. */
  readonly db?: Kysely<DB>;
}

export const DEFAULT_RETRY: Required<RetryOptions> = {
  retryLimit: 3,
  retryDelaySec: 30,
  retryBackoff: true,
  expireInSeconds: 15 * 60,
};

/** What a handler is given. */
export interface JobContext {
  readonly id: string;
  readonly name: string;
  readonly data: JobData;
  /** 1 for the first run, 2 for the first retry… */
  readonly attempt: number;
  /** Aborted when the queue stops: a long handler ends its current batch and throws. */
  readonly signal: AbortSignal;
}

/**
 * Runs one job. It may run more than once (a retry after a failure, a process that died in the
 * middle, a run past its expiry): every handler must be idempotent, and say why it is.
 */
export type JobHandler = (job: JobContext) => Promise<void>;

/** A job as the admin page and the CLI show it. Instants are ISO-8601 UTC. */
export interface JobView {
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  readonly data: JobData;
  /** Runs started so far. */
  readonly attempts: number;
  readonly retryLimit: number;
  readonly singletonKey: string | null;
  readonly createdOn: string;
  readonly startAfter: string;
  readonly startedOn: string | null;
  readonly completedOn: string | null;
  /** The message of the last failure, if any. */
  readonly lastError: string | null;
}

export interface ListJobsOptions {
  readonly state?: JobState | undefined;
  readonly name?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export interface JobPage {
  readonly jobs: readonly JobView[];
  readonly total: number;
}

/** Runs started: pg-boss raises retry_count on each claim after the first. */
export const attemptsOf = (retryCount: number, startedOn: unknown): number =>
  startedOn === null || startedOn === undefined ? 0 : retryCount + 1;

/**
 * The wait before the next run after `retryCount` retries, in seconds: pg-boss 10's formula
 * (exponential with up to 100 % jitter when `backoff`), so both queues behave alike.
 */
export const retryDelaySeconds = (
  retryCount: number,
  delay: number,
  backoff: boolean,
  random: number = Math.random(),
): number => {
  if (!backoff) return delay;
  const base = (Math.max(delay, 1) * 2 ** Math.min(16, retryCount + 1)) / 2;
  return base + base * random;
};

/** The message stored for a failure. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
