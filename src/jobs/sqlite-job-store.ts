import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import type { JobTable } from './job.table.ts';
import {
  attemptsOf,
  isJobState,
  type JobData,
  type JobPage,
  type JobView,
  type ListJobsOptions,
  QUEUED_STATES,
  retryDelaySeconds,
} from './job.ts';
import type { ClaimedJob, InsertJob, JobStore } from './job-store.ts';

/** Finished jobs are kept this long for the admin page, then deleted. */
const KEEP_FINISHED_DAYS = 14;
const FINISHED = ['completed', 'cancelled', 'failed'] as const;

const lastError = (output: string | null): string | null => {
  if (output === null) return null;
  const parsed = JSON.parse(output) as { message?: unknown };
  return typeof parsed.message === 'string' ? parsed.message : null;
};

const toView = (row: Selectable<JobTable>): JobView => ({
  id: row.id,
  name: row.name,
  state: isJobState(row.state) ? row.state : 'failed',
  data: JSON.parse(row.data) as JobData,
  attempts: attemptsOf(row.retry_count, row.started_on),
  retryLimit: row.retry_limit,
  singletonKey: row.singleton_key,
  createdOn: row.created_on,
  startAfter: row.start_after,
  startedOn: row.started_on,
  completedOn: row.completed_on,
  lastError: lastError(row.output),
});

/**
 * The queue in the SQLite file. Several processes (serve --workers N) share it safely: a job is
 * claimed by one UPDATE … WHERE id = (SELECT … LIMIT 1) RETURNING inside a transaction, and
 * transactions begin IMMEDIATE here (src/db/sqlite.ts), so two claims never see the same row
 * as free. Polling reads first and takes the write lock only when a job is due.
 */
export class SqliteJobStore implements JobStore {
  readonly #db: Kysely<DB>;

  constructor(db: Kysely<DB>) {
    this.#db = db;
  }

  async start(): Promise<void> {}

  async stop(): Promise<void> {}

  async insert(job: InsertJob, db: Kysely<DB> = this.#db): Promise<string | null> {
    return withTransaction(db, async (trx) => {
      if (job.singletonKey !== null) {
        const waiting = await trx
          .selectFrom('jobs')
          .select('id')
          .where('name', '=', job.name)
          .where('singleton_key', '=', job.singletonKey)
          .where('state', 'in', QUEUED_STATES)
          .executeTakeFirst();
        if (waiting !== undefined) return null;
      }
      const id = randomUUID();
      await trx
        .insertInto('jobs')
        .values({
          id,
          name: job.name,
          data: JSON.stringify(job.data),
          state: 'created',
          retry_limit: job.retryLimit,
          retry_count: 0,
          retry_delay: job.retryDelaySec,
          retry_backoff: job.retryBackoff ? 1 : 0,
          expire_seconds: job.expireInSeconds,
          singleton_key: job.singletonKey,
          start_after: job.startAfter.toISOString(),
          created_on: new Date().toISOString(),
        })
        .execute();
      return id;
    });
  }

  async claim(name: string, now: Date): Promise<ClaimedJob | null> {
    const at = now.toISOString();
    const due = await this.#db
      .selectFrom('jobs')
      .select('id')
      .where('name', '=', name)
      .where('state', 'in', QUEUED_STATES)
      .where('start_after', '<=', at)
      .limit(1)
      .executeTakeFirst();
    if (due === undefined) return null;
    const row = await withTransaction(this.#db, (trx) =>
      trx
        .updateTable('jobs')
        .set({
          state: 'active',
          started_on: at,
          expires_at: sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${at}, '+' || expire_seconds || ' seconds')`,
          retry_count: sql<number>`case when started_on is null then retry_count else retry_count + 1 end`,
        })
        .where('id', '=', (eb) =>
          eb
            .selectFrom('jobs')
            .select('id')
            .where('name', '=', name)
            .where('state', 'in', QUEUED_STATES)
            .where('start_after', '<=', at)
            .orderBy('created_on')
            .orderBy('id')
            .limit(1),
        )
        .returningAll()
        .executeTakeFirst(),
    );
    if (row === undefined) return null;
    return {
      id: row.id,
      name: row.name,
      data: JSON.parse(row.data) as JobData,
      attempt: row.retry_count + 1,
      claim: row.retry_count,
    };
  }

  async complete(job: ClaimedJob, now: Date): Promise<void> {
    await withTransaction(this.#db, (trx) =>
      trx
        .updateTable('jobs')
        .set({ state: 'completed', completed_on: now.toISOString(), expires_at: null, output: null })
        .where('id', '=', job.id)
        .where('state', '=', 'active')
        .where('retry_count', '=', job.claim)
        .execute(),
    );
  }

  async fail(job: ClaimedJob, message: string, now: Date): Promise<void> {
    await withTransaction(this.#db, async (trx) => {
      const row = await trx
        .selectFrom('jobs')
        .selectAll()
        .where('id', '=', job.id)
        .where('state', '=', 'active')
        .where('retry_count', '=', job.claim)
        .executeTakeFirst();
      if (row !== undefined) await this.#failRow(trx, row, message, now);
    });
  }

  async #failRow(trx: Kysely<DB>, row: Selectable<JobTable>, message: string, now: Date): Promise<void> {
    const retries = row.retry_count < row.retry_limit;
    const wait = retryDelaySeconds(row.retry_count, row.retry_delay, row.retry_backoff === 1);
    await trx
      .updateTable('jobs')
      .set({
        state: retries ? 'retry' : 'failed',
        start_after: retries ? new Date(now.getTime() + wait * 1000).toISOString() : row.start_after,
        completed_on: retries ? null : now.toISOString(),
        expires_at: null,
        output: JSON.stringify({ message }),
      })
      .where('id', '=', row.id)
      .where('state', '=', 'active')
      .where('retry_count', '=', row.retry_count)
      .execute();
  }

  async maintain(now: Date): Promise<void> {
    const at = now.toISOString();
    const lapsed = () =>
      this.#db.selectFrom('jobs').selectAll().where('state', '=', 'active').where('expires_at', '<', at);
    if ((await lapsed().limit(1).executeTakeFirst()) !== undefined) {
      await withTransaction(this.#db, async (trx) => {
        const rows = await trx
          .selectFrom('jobs')
          .selectAll()
          .where('state', '=', 'active')
          .where('expires_at', '<', at)
          .execute();
        for (const row of rows) await this.#failRow(trx, row, '运行超时：处理进程可能已退出', now);
      });
    }
    const before = new Date(now.getTime() - KEEP_FINISHED_DAYS * 86_400_000).toISOString();
    const old = this.#db
      .selectFrom('jobs')
      .select('id')
      .where('state', 'in', FINISHED)
      .where('completed_on', '<', before);
    if ((await old.limit(1).executeTakeFirst()) !== undefined) {
      await withTransaction(this.#db, (trx) =>
        trx.deleteFrom('jobs').where('state', 'in', FINISHED).where('completed_on', '<', before).execute(),
      );
    }
  }

  async list({ state, name, limit, offset }: ListJobsOptions): Promise<JobPage> {
    let query = this.#db.selectFrom('jobs');
    if (state !== undefined) query = query.where('state', '=', state);
    if (name !== undefined) query = query.where('name', '=', name);
    const rows = await query
      .selectAll()
      .orderBy('created_on', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(offset)
      .execute();
    const count = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    return { jobs: rows.map(toView), total: Number(count?.n ?? 0) };
  }

  async get(id: string, db: Kysely<DB> = this.#db): Promise<JobView | null> {
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toView(row);
  }

  async retry(id: string, db: Kysely<DB> = this.#db): Promise<boolean> {
    const result = await withTransaction(db, (trx) =>
      trx
        .updateTable('jobs')
        .set((eb) => ({
          state: 'retry',
          retry_limit: eb('retry_limit', '+', 1),
          start_after: new Date().toISOString(),
          completed_on: null,
        }))
        .where('id', '=', id)
        .where('state', '=', 'failed')
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }

  async cancel(id: string, now: Date, db: Kysely<DB> = this.#db): Promise<boolean> {
    const result = await withTransaction(db, (trx) =>
      trx
        .updateTable('jobs')
        .set({ state: 'cancelled', completed_on: now.toISOString() })
        .where('id', '=', id)
        .where('state', 'in', QUEUED_STATES)
        .executeTakeFirst(),
    );
    return Number(result.numUpdatedRows) === 1;
  }
}
