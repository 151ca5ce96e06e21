import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { latestSlot, parseCron } from './cron.ts';
import {
  DEFAULT_RETRY,
  errorMessage,
  type JobData,
  type JobHandler,
  type JobPage,
  type JobView,
  type ListJobsOptions,
  type RetryOptions,
  type SendOptions,
} from './job.ts';
import type { ClaimedJob, JobStore } from './job-store.ts';
import { PgBossJobStore } from './pg-boss-job-store.ts';
import { SqliteJobStore } from './sqlite-job-store.ts';

export interface JobQueueOptions {
  /** How often an idle worker looks for a due job and the cron schedules for a due slot (1 s). */
  readonly pollIntervalMs?: number;
  /** How often lapsed claims are retried and old jobs dropped (SQLite; pg-boss has its own). */
  readonly maintenanceIntervalMs?: number;
  /** How long stop() waits for running handlers before giving up on them (8 s). */
  readonly stopTimeoutMs?: number;
  /** The clock (tests pass a fake one to the cron schedules). */
  readonly now?: () => Date;
  /** Told of errors the queue survives: a failed poll, pg-boss's maintenance, a lost database. */
  readonly onError?: (error: unknown) => void;
}

interface Schedule {
  readonly name: string;
  readonly cron: string;
  readonly data: JobData;
  readonly options: RetryOptions;
  /** The latest slot this process knows to be enqueued (by any process). */
  lastSlot: string | null;
}

/**
 * Background jobs in the database, one interface over pg-boss (PostgreSQL) and the `jobs` table
 * (SQLite). `work` and `schedule` only declare; `start` makes this process run the declared
 * handlers (one job at a time per name), tick the schedules and keep the store; `stop` waits for
 * running handlers. Every process of `serve --workers N` may start one: a job is claimed by one
 * process only, and a scheduled slot is enqueued by one process only.
 */
export class JobQueue {
  readonly #db: Kysely<DB>;
  readonly #store: JobStore;
  readonly #pollMs: number;
  readonly #maintenanceMs: number;
  readonly #stopTimeoutMs: number;
  readonly #now: () => Date;
  readonly #onError: (error: unknown) => void;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #schedules = new Map<string, Schedule>();
  readonly #running = new Set<Promise<void>>();
  readonly #wakers = new Set<() => void>();
  readonly #aborters = new Set<AbortController>();
  #loops: Promise<void>[] = [];
  /** While started: aborted when stop() begins (the loops of that start end). */
  #session: AbortController | null = null;

  constructor(db: Kysely<DB>, store: JobStore, options: JobQueueOptions = {}) {
    this.#db = db;
    this.#store = store;
    this.#pollMs = options.pollIntervalMs ?? 1000;
    this.#maintenanceMs = options.maintenanceIntervalMs ?? 30_000;
    this.#stopTimeoutMs = options.stopTimeoutMs ?? 8000;
    this.#now = options.now ?? (() => new Date());
    this.#onError = options.onError ?? ((error) => console.error('gongkai jobs:', error));
  }

  get started(): boolean {
    return this.#session !== null;
  }

  /** The job names this process has handlers for. */
  get names(): string[] {
    return [...this.#handlers.keys()];
  }

  /** Declares the handler of `name`; it runs once the queue is started. */
  work(name: string, handler: JobHandler): void {
    if (this.#handlers.has(name)) throw new Error(`jobs: a handler for ${name} is declared already`);
    this.#handlers.set(name, handler);
    if (this.#session !== null) this.#loops.push(this.#workLoop(name, this.#session.signal));
  }

  /**
   * Enqueues `name` at each slot of `cron` (five fields, Beijing time). The first slot is the
   * next one after the schedule is first stored; a slot missed while no process ran is run once
   * when one starts (the latest only).
   */
  async schedule(name: string, cron: string, data: JobData = {}, options: RetryOptions = {}): Promise<void> {
    parseCron(cron);
    this.#schedules.set(name, { name, cron, data, options, lastSlot: null });
    if (this.#session !== null) await this.#storeSchedule(name);
  }

  async send(name: string, data: JobData = {}, options: SendOptions = {}): Promise<string | null> {
    const retry = { ...DEFAULT_RETRY, ...withoutUndefined(options) };
    const id = await this.#store.insert(
      {
        name,
        data,
        singletonKey: options.singletonKey ?? null,
        startAfter: options.startAfter ?? this.#now(),
        retryLimit: retry.retryLimit,
        retryDelaySec: retry.retryDelaySec,
        retryBackoff: retry.retryBackoff,
        expireInSeconds: retry.expireInSeconds,
      },
      options.db,
    );
    // A job sent from this process is looked for at once rather than at the next poll.
    if (id !== null && options.db === undefined) for (const wake of this.#wakers) wake();
    return id;
  }

  list(options: ListJobsOptions): Promise<JobPage> {
    return this.#store.list(options);
  }

  get(id: string, options: { db?: Kysely<DB> } = {}): Promise<JobView | null> {
    return this.#store.get(id, options.db);
  }

  retry(id: string, options: { db?: Kysely<DB> } = {}): Promise<boolean> {
    return this.#store.retry(id, options.db);
  }

  cancel(id: string, options: { db?: Kysely<DB> } = {}): Promise<boolean> {
    return this.#store.cancel(id, this.#now(), options.db);
  }

  async start(): Promise<void> {
    if (this.#session !== null) return;
    await this.#store.start();
    for (const name of this.#schedules.keys()) await this.#storeSchedule(name);
    const session = new AbortController();
    this.#session = session;
    this.#loops = [
      ...[...this.#handlers.keys()].map((name) => this.#workLoop(name, session.signal)),
      this.#tickLoop(session.signal),
    ];
  }

  /** Stops polling, then waits for running handlers (aborting their signal), then the store. */
  async stop(): Promise<void> {
    const session = this.#session;
    // Never started here, the store may still run (pg-boss starts once something is enqueued).
    if (session === null) return this.#store.stop().catch(this.#onError);
    if (session.signal.aborted) return;
    session.abort();
    for (const wake of this.#wakers) wake();
    for (const controller of this.#aborters) controller.abort();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, this.#stopTimeoutMs);
    });
    await Promise.race([Promise.allSettled([...this.#loops, ...this.#running]), timeout]);
    clearTimeout(timer);
    this.#loops = [];
    this.#session = null;
    await this.#store.stop().catch(this.#onError);
  }

  /** Resolves after `ms`, or at once when woken (a send, a stop). */
  #sleep(ms: number, stopped: AbortSignal): Promise<void> {
    if (stopped.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.#wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.#wakers.add(done);
    });
  }

  async #workLoop(name: string, stopped: AbortSignal): Promise<void> {
    while (!stopped.aborted) {
      let job: ClaimedJob | null = null;
      try {
        job = await this.#store.claim(name, this.#now());
      } catch (error) {
        this.#onError(error);
      }
      if (job === null) await this.#sleep(this.#pollMs, stopped);
      else await this.#run(job);
    }
  }

  async #run(job: ClaimedJob): Promise<void> {
    const handler = this.#handlers.get(job.name);
    const controller = new AbortController();
    this.#aborters.add(controller);
    const running = (async () => {
      try {
        if (handler === undefined) throw new Error(`no handler for ${job.name}`);
        const { id, name, data, attempt } = job;
        await handler({ id, name, data, attempt, signal: controller.signal });
        await this.#store.complete(job, this.#now());
      } catch (error) {
        // A failure the store cannot record (the database gone) leaves the job active: its
        // claim lapses and a later run retries it.
        await this.#store.fail(job, errorMessage(error), this.#now()).catch(this.#onError);
      }
    })();
    this.#running.add(running);
    try {
      await running;
    } finally {
      this.#running.delete(running);
      this.#aborters.delete(controller);
    }
  }

  async #tickLoop(stopped: AbortSignal): Promise<void> {
    let lastMaintenance = 0;
    while (!stopped.aborted) {
      const now = this.#now();
      for (const schedule of this.#schedules.values()) {
        await this.#tick(schedule, now).catch(this.#onError);
      }
      if (Date.now() - lastMaintenance >= this.#maintenanceMs) {
        lastMaintenance = Date.now();
        await this.#store.maintain(now).catch(this.#onError);
      }
      await this.#sleep(this.#pollMs, stopped);
    }
  }

  /** First stored: the latest slot counts as done, so the first run is the next slot. */
  async #storeSchedule(name: string): Promise<void> {
    const schedule = this.#schedules.get(name);
    if (schedule === undefined) return;
    const now = this.#now();
    const slot = (latestSlot(schedule.cron, now) ?? now).toISOString();
    await this.#db
      .insertInto('job_schedules')
      .values({
        name,
        cron: schedule.cron,
        data: JSON.stringify(schedule.data),
        last_slot: slot,
        updated_at: now.toISOString(),
      })
      .onConflict((oc) =>
        oc.column('name').doUpdateSet({
          cron: schedule.cron,
          data: JSON.stringify(schedule.data),
          updated_at: now.toISOString(),
        }),
      )
      .execute();
  }

  /**
   * Enqueues the schedule's latest slot if no process has: the slot is claimed by moving
   * `last_slot` forward (one UPDATE, so one process wins) in the transaction that enqueues it,
   * with the slot as the singleton key.
   */
  async #tick(schedule: Schedule, now: Date): Promise<void> {
    const slot = latestSlot(schedule.cron, now)?.toISOString();
    if (slot === undefined || (schedule.lastSlot !== null && schedule.lastSlot >= slot)) return;
    await withTransaction(this.#db, async (trx) => {
      const claimed = await trx
        .updateTable('job_schedules')
        .set({ last_slot: slot, updated_at: now.toISOString() })
        .where('name', '=', schedule.name)
        .where('last_slot', '<', slot)
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 1) {
        await this.send(schedule.name, schedule.data, {
          ...schedule.options,
          singletonKey: `cron:${slot}`,
          db: trx,
        });
      }
    });
    schedule.lastSlot = slot;
    for (const wake of this.#wakers) wake();
  }
}

const withoutUndefined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;

/**
 * The queue of this database: pg-boss on PostgreSQL (in its own schema, see pgBossSchemaFor),
 * the in-process queue on SQLite. Nothing is read or written until it is used or started.
 */
export function openJobQueue(database: Database, options: JobQueueOptions = {}): JobQueue {
  const onError = options.onError ?? ((error: unknown) => console.error('gongkai jobs:', error));
  const store =
    database.dialect === 'postgres'
      ? new PgBossJobStore(database.db, {
          onError,
          maintenanceIntervalSeconds: Math.max(
            1,
            Math.round((options.maintenanceIntervalMs ?? 120_000) / 1000),
          ),
        })
      : new SqliteJobStore(database.db);
  return new JobQueue(database.db, store, { ...options, onError });
}
