import { CompiledQuery, type Kysely, sql } from 'kysely';
import PgBoss from 'pg-boss';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import {
  attemptsOf,
  isJobState,
  type JobData,
  type JobPage,
  type JobView,
  type ListJobsOptions,
} from './job.ts';
import type { ClaimedJob, InsertJob, JobStore } from './job-store.ts';

/**
 * pg-boss over the app's own pool: one pool a process, and a job can be enqueued in the
 * caller's transaction. A failed statement is followed by a ROLLBACK on its connection, so that
 * pg-boss's multi-statement scripts (BEGIN … COMMIT in one string) never hand an aborted
 * transaction back to the pool.
 */
const adapter = (db: Kysely<DB>): PgBoss.Db => ({
  executeSql: async (text: string, values?: unknown[]) => {
    const query = CompiledQuery.raw(text, values ?? []);
    if (db.isTransaction) return { rows: [...(await db.executeQuery(query)).rows] };
    return db.connection().execute(async (connection) => {
      try {
        return { rows: [...(await connection.executeQuery(query)).rows] };
      } catch (error) {
        await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
        throw error;
      }
    });
  },
});

/** pg-boss's schema: `<schema>_jobs` beside a `?schema=` database (each test's own), else `pgboss`. */
export const pgBossSchemaFor = (schema: string | null | undefined): string =>
  schema === null || schema === undefined || schema === 'public' ? 'pgboss' : `${schema}_jobs`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface JobRow {
  id: string;
  name: string;
  state: string;
  data: JobData | null;
  retry_count: number;
  retry_limit: number;
  singleton_key: string | null;
  created_on: Date | string;
  start_after: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: { message?: unknown; value?: { message?: unknown } } | null;
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();
const isoOrNull = (value: Date | string | null): string | null => (value === null ? null : iso(value));

/** pg-boss words a lapsed claim in English; the admin page reads Chinese. */
const messageOf = (output: JobRow['output']): string | null => {
  const message = output?.message ?? output?.value?.message;
  if (typeof message !== 'string') return null;
  return message === 'job failed by timeout in active state' ? '运行超时：处理进程可能已退出' : message;
};

const toView = (row: JobRow): JobView => ({
  id: row.id,
  name: row.name,
  state: isJobState(row.state) ? row.state : 'failed',
  data: row.data ?? {},
  attempts: attemptsOf(row.retry_count, row.started_on),
  retryLimit: row.retry_limit,
  singletonKey: row.singleton_key,
  createdOn: iso(row.created_on),
  startAfter: iso(row.start_after),
  startedOn: isoOrNull(row.started_on),
  completedOn: isoOrNull(row.completed_on),
  lastError: messageOf(row.output),
});

export interface PgBossStoreOptions {
  readonly onError: (error: unknown) => void;
  /** How often pg-boss retries lapsed claims and archives old jobs (one process does it each time). */
  readonly maintenanceIntervalSeconds?: number;
}

/**
 * pg-boss 10 in a schema of its own: jobs, claims (FOR UPDATE SKIP LOCKED: two processes never
 * claim one job), retries with backoff, lapsed claims and archiving. Its cron is not used:
 * schedules are the queue's own (job_schedules), the same on both databases.
 */
export class PgBossJobStore implements JobStore {
  readonly #db: Kysely<DB>;
  readonly #options: PgBossStoreOptions;
  #boss: Promise<{ boss: PgBoss; schema: string }> | undefined;
  #started: Promise<void> | undefined;
  readonly #queues = new Map<string, Promise<void>>();

  constructor(db: Kysely<DB>, options: PgBossStoreOptions) {
    this.#db = db;
    this.#options = options;
  }

  #instance(): Promise<{ boss: PgBoss; schema: string }> {
    this.#boss ??= (async () => {
      const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(
        this.#db,
      );
      const schema = pgBossSchemaFor(rows[0]?.schema);
      const boss = new PgBoss({
        db: adapter(this.#db),
        schema,
        schedule: false,
        supervise: true,
        migrate: true,
        maintenanceIntervalSeconds: this.#options.maintenanceIntervalSeconds ?? 120,
        archiveFailedAfterSeconds: 7 * 86_400,
        deleteAfterDays: 7,
      });
      // Without a listener an 'error' event (a maintenance query while PostgreSQL restarts)
      // would be thrown and end the process.
      boss.on('error', this.#options.onError);
      return { boss, schema };
    })().catch((error: unknown) => {
      this.#boss = undefined;
      throw error;
    });
    return this.#boss;
  }

  /** pg-boss installed (or migrated) and its maintenance running; once a process. */
  async #ready(): Promise<{ boss: PgBoss; schema: string }> {
    const instance = await this.#instance();
    this.#started ??= instance.boss
      .start()
      .then(() => undefined)
      .catch((error: unknown) => {
        this.#started = undefined;
        throw error;
      });
    await this.#started;
    return instance;
  }

  async #queue(name: string): Promise<{ boss: PgBoss; schema: string }> {
    const instance = await this.#ready();
    let created = this.#queues.get(name);
    if (created === undefined) {
      created = this.#createQueue(instance.schema, name).catch((error: unknown) => {
        this.#queues.delete(name);
        throw error;
      });
      this.#queues.set(name, created);
    }
    await created;
    return instance;
  }

  /**
   * pg-boss's create_queue (a partition of the job table) under a lock: two processes creating
   * queues at once deadlock on the partitioned table otherwise.
   */
  async #createQueue(schema: string, name: string): Promise<void> {
    await withTransaction(this.#db, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`gongkai.jobs.queues:${schema}`}, 0))`.execute(
        trx,
      );
      const { rows } = await sql`select 1 from ${sql.table(`${schema}.queue`)} where name = ${name}`.execute(
        trx,
      );
      if (rows.length > 0) return;
      await sql`select ${sql.id(schema, 'create_queue')}(${name}, ${JSON.stringify({ policy: 'standard' })}::json)`.execute(
        trx,
      );
    });
  }

  /** Reading never installs pg-boss: before anything was enqueued there is nothing to show. */
  async #installedSchema(): Promise<string | null> {
    const { schema } = await this.#instance();
    if (this.#started !== undefined) return schema;
    const { rows } = await sql<{
      name: string | null;
    }>`select to_regclass(${`${schema}.version`}) as name`.execute(this.#db);
    return rows[0]?.name ? schema : null;
  }

  async start(): Promise<void> {
    await this.#ready();
  }

  async stop(): Promise<void> {
    if (this.#boss === undefined) return;
    const { boss } = await this.#boss;
    await boss.stop({ graceful: true, wait: true, close: false });
    this.#started = undefined;
  }

  async insert(job: InsertJob, db: Kysely<DB> = this.#db): Promise<string | null> {
    const { boss, schema } = await this.#queue(job.name);
    const send = (trx: Kysely<DB>) =>
      boss.send(job.name, job.data, {
        ...(job.singletonKey === null ? {} : { singletonKey: job.singletonKey }),
        startAfter: job.startAfter,
        retryLimit: job.retryLimit,
        retryDelay: Math.round(job.retryDelaySec),
        retryBackoff: job.retryBackoff,
        expireInSeconds: job.expireInSeconds,
        db: adapter(trx),
      });
    const key = job.singletonKey;
    if (key === null) return send(db);
    // pg-boss 10 deduplicates keys only per policy or time slot; "one waiting job per key" is
    // checked here under a lock on the key, so two processes cannot both find none.
    return withTransaction(db, async (trx) => {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`gongkai.jobs:${job.name}:${key}`}, 0))`.execute(
        trx,
      );
      const waiting = await sql`select 1 from ${sql.table(`${schema}.job`)}
        where name = ${job.name} and singleton_key = ${key} and state in ('created', 'retry') limit 1`.execute(
        trx,
      );
      return waiting.rows.length > 0 ? null : send(trx);
    });
  }

  async claim(name: string): Promise<ClaimedJob | null> {
    const { boss } = await this.#queue(name);
    const [job] = await boss.fetch<JobData>(name, { includeMetadata: true, batchSize: 1 });
    if (job === undefined) return null;
    return { id: job.id, name, data: job.data ?? {}, attempt: job.retryCount + 1, claim: job.retryCount };
  }

  // Finishing needs no start: a handler that outlived stop() must not start pg-boss again.
  async complete(job: ClaimedJob): Promise<void> {
    const { boss } = await this.#instance();
    await boss.complete(job.name, job.id);
  }

  async fail(job: ClaimedJob, message: string): Promise<void> {
    const { boss } = await this.#instance();
    await boss.fail(job.name, job.id, { message });
  }

  /** pg-boss's own supervision retries lapsed claims and archives (maintenanceIntervalSeconds). */
  async maintain(): Promise<void> {}

  #rows(schema: string) {
    const columns = sql`id::text as id, name, state::text as state, data, retry_count, retry_limit, singleton_key,
      created_on, start_after, started_on, completed_on, output`;
    return sql`(select ${columns} from ${sql.table(`${schema}.job`)}
      union all select ${columns} from ${sql.table(`${schema}.archive`)}) as jobs
      where name not like '\\_\\_pgboss\\_\\_%'`;
  }

  async list({ state, name, limit, offset }: ListJobsOptions): Promise<JobPage> {
    const schema = await this.#installedSchema();
    if (schema === null) return { jobs: [], total: 0 };
    const filters = sql`${state === undefined ? sql`` : sql` and state = ${state}`}${
      name === undefined ? sql`` : sql` and name = ${name}`
    }`;
    const { rows } = await sql<JobRow>`select * from ${this.#rows(schema)}${filters}
      order by created_on desc, id desc limit ${limit} offset ${offset}`.execute(this.#db);
    const count = await sql<{ n: number }>`select count(*) as n from ${this.#rows(schema)}${filters}`.execute(
      this.#db,
    );
    return { jobs: rows.map(toView), total: Number(count.rows[0]?.n ?? 0) };
  }

  async get(id: string, db: Kysely<DB> = this.#db): Promise<JobView | null> {
    if (!UUID.test(id)) return null;
    const schema = await this.#installedSchema();
    if (schema === null) return null;
    const { rows } = await sql<JobRow>`select * from ${this.#rows(schema)} and id = ${id}`.execute(db);
    return rows[0] === undefined ? null : toView(rows[0]);
  }

  /** The job's row locked for a change pg-boss then makes in the same transaction. */
  async #change(
    id: string,
    db: Kysely<DB>,
    states: readonly string[],
    change: (boss: PgBoss, name: string, trx: Kysely<DB>) => Promise<unknown>,
  ): Promise<boolean> {
    if (!UUID.test(id) || (await this.#installedSchema()) === null) return false;
    const { boss, schema } = await this.#ready();
    return withTransaction(db, async (trx) => {
      const { rows } = await sql<{ name: string; state: string }>`select name, state::text as state
        from ${sql.table(`${schema}.job`)} where id = ${id} for update`.execute(trx);
      const row = rows[0];
      if (row === undefined || !states.includes(row.state)) return false;
      await change(boss, row.name, trx);
      return true;
    });
  }

  retry(id: string, db: Kysely<DB> = this.#db): Promise<boolean> {
    return this.#change(id, db, ['failed'], (boss, name, trx) => boss.retry(name, id, { db: adapter(trx) }));
  }

  cancel(id: string, _now: Date, db: Kysely<DB> = this.#db): Promise<boolean> {
    return this.#change(id, db, ['created', 'retry'], (boss, name, trx) =>
      boss.cancel(name, id, { db: adapter(trx) }),
    );
  }
}
