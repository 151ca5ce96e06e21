import { sql } from 'kysely';
import { afterAll, afterEach, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { JobContext, JobState } from '../../src/jobs/job.ts';
import { type JobQueue, openJobQueue } from '../../src/jobs/job-queue.ts';
import { pgBossSchemaFor } from '../../src/jobs/pg-boss-job-store.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import {
  dropJobSchema,
  FAST,
  secondHandle,
  sleep,
  startWorkerProcess,
  uniqueName,
  waitFor,
} from './support.ts';

describeEachDatabase('the job queue', (_db, database) => {
  const queues: JobQueue[] = [];
  const handles: Database[] = [];
  const queue = (on: Database = database(), options = {}): JobQueue => {
    const q = openJobQueue(on, { ...FAST, onError: () => {}, ...options });
    queues.push(q);
    return q;
  };
  afterEach(async () => {
    for (const q of queues.splice(0)) await q.stop();
    for (const h of handles.splice(0)) await h.close();
  });
  afterAll(() => dropJobSchema(database()));

  const inState = (q: JobQueue, id: string, state: JobState) => async () => {
    const job = await q.get(id);
    return job?.state === state ? job : undefined;
  };

  it('runs a job with its data, once', async () => {
    const q = queue();
    const name = uniqueName('test.run');
    const seen: JobContext[] = [];
    q.work(name, async (job) => {
      seen.push(job);
    });
    await q.start();
    const id = await q.send(name, { n: 7 });
    expect(id).not.toBeNull();
    const done = await waitFor(inState(q, id ?? '', 'completed'), 'the job to complete');
    expect(seen.map((j) => [j.id, j.data, j.attempt])).toEqual([[id, { n: 7 }, 1]]);
    expect(done).toMatchObject({ name, attempts: 1, lastError: null });
    expect(done.startedOn).not.toBeNull();
    expect(done.completedOn).not.toBeNull();
  });

  it('retries a failing job after a growing wait, then fails it with its error shown', async () => {
    const q = queue();
    const name = uniqueName('test.fail');
    const calls: number[] = [];
    q.work(name, async () => {
      calls.push(Date.now());
      throw new Error(`第${calls.length}次失败`);
    });
    await q.start();
    const id = (await q.send(name, {}, { retryLimit: 1, retryDelaySec: 1, retryBackoff: true })) ?? '';
    const waiting = await waitFor(inState(q, id, 'retry'), 'the first retry to be scheduled');
    expect(waiting.lastError).toBe('第1次失败');
    // Backoff: the first wait is 1–2 × retryDelaySec.
    const wait = Date.parse(waiting.startAfter) - (calls[0] ?? 0);
    expect(wait).toBeGreaterThanOrEqual(900);
    expect(wait).toBeLessThanOrEqual(2600);
    const failed = await waitFor(inState(q, id, 'failed'), 'the job to fail');
    expect(calls).toHaveLength(2);
    expect((calls[1] ?? 0) - (calls[0] ?? 0)).toBeGreaterThanOrEqual(900);
    expect(failed).toMatchObject({ attempts: 2, retryLimit: 1, lastError: '第2次失败' });
    expect(failed.completedOn).not.toBeNull();

    // An admin retries it: it runs once more (and fails again here).
    expect(await q.retry(id)).toBe(true);
    expect(await q.retry(id)).toBe(false);
    await waitFor(async () => (calls.length === 3 ? true : undefined), 'the third run');
    const again = await waitFor(inState(q, id, 'failed'), 'the retried job to fail');
    expect(again).toMatchObject({ attempts: 3, lastError: '第3次失败' });
  });

  it('enqueues one waiting job per singleton key; cancels a queued job', async () => {
    const q = queue();
    const name = uniqueName('test.single');
    const first = await q.send(name, {}, { singletonKey: 'k' });
    expect(first).not.toBeNull();
    expect(await q.send(name, {}, { singletonKey: 'k' })).toBeNull();
    expect(await q.send(name, {}, { singletonKey: 'other' })).not.toBeNull();
    expect(await q.send(uniqueName('test.single'), {}, { singletonKey: 'k' })).not.toBeNull();
    // Without a key, every send is a job.
    const a = await q.send(name);
    const b = await q.send(name);
    expect(a).not.toBeNull();
    expect(b).not.toBe(a);

    expect(await q.cancel(first ?? '')).toBe(true);
    expect((await q.get(first ?? ''))?.state).toBe('cancelled');
    expect(await q.cancel(first ?? '')).toBe(false);
    expect(await q.retry(first ?? '')).toBe(false);
    // Once the first is no longer waiting, the key is free again.
    expect(await q.send(name, {}, { singletonKey: 'k' })).not.toBeNull();

    const page = await q.list({ name, limit: 2, offset: 0 });
    expect(page.total).toBe(5);
    expect(page.jobs).toHaveLength(2);
    expect((await q.list({ name, state: 'cancelled', limit: 10, offset: 0 })).jobs.map((j) => j.id)).toEqual([
      first,
    ]);
    expect(await q.get('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await q.get('not-a-job')).toBeNull();
  });

  it('never runs a job twice with two processes on one database', async () => {
    const name = uniqueName('test.race');
    const here: string[] = [];
    const a = queue();
    a.work(name, async (job) => {
      here.push(job.id);
      await sleep(5);
    });
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await a.send(name, { i })) ?? '');
    const other = await startWorkerProcess(database(), name);
    try {
      await a.start();
      await waitFor(
        async () =>
          (await a.list({ name, state: 'completed', limit: 1, offset: 0 })).total === ids.length
            ? true
            : undefined,
        'every job to complete',
        20_000,
      );
    } finally {
      await other.stop();
    }
    expect([...here, ...other.ran].sort()).toEqual([...ids].sort());
    // The other process was polling before this one started: it ran some of them.
    expect(other.ran.length).toBeGreaterThan(0);
  });

  it('retries a job whose process died while running it', async () => {
    const q = queue(database(), { maintenanceIntervalMs: 1000 });
    const name = uniqueName('test.dead');
    const attempts: number[] = [];
    q.work(name, async (job) => {
      attempts.push(job.attempt);
    });
    const id = (await q.send(name, {}, { expireInSeconds: 1, retryDelaySec: 0, retryBackoff: false })) ?? '';
    // A process claimed it and died: active, its claim lapsed a minute ago.
    const past = new Date(Date.now() - 60_000);
    if (database().dialect === 'sqlite') {
      await database()
        .db.updateTable('jobs')
        .set({ state: 'active', started_on: past.toISOString(), expires_at: past.toISOString() })
        .where('id', '=', id)
        .execute();
    } else {
      const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database().db);
      const table = sql.table(`${pgBossSchemaFor(rows[0]?.s)}.job`);
      await sql`update ${table} set state = 'active', started_on = ${past} where id = ${id}`.execute(
        database().db,
      );
    }
    await q.start();
    const done = await waitFor(
      inState(q, id, 'completed'),
      'the abandoned job to be retried and run',
      15_000,
    );
    expect(attempts).toEqual([2]);
    expect(done.attempts).toBe(2);
  });

  it('stop() waits for the running handler', async () => {
    const q = queue();
    const name = uniqueName('test.stop');
    let started = false;
    let finished = false;
    let aborted = false;
    q.work(name, async (job) => {
      started = true;
      await sleep(300);
      aborted = job.signal.aborted;
      finished = true;
    });
    await q.start();
    const id = (await q.send(name)) ?? '';
    await waitFor(async () => (started ? true : undefined), 'the handler to start');
    await q.stop();
    expect(finished).toBe(true);
    expect(aborted).toBe(true);
    expect((await q.get(id))?.state).toBe('completed');
  });

  it('enqueues each cron slot once across processes, in Beijing time', async () => {
    const other = await secondHandle(database());
    handles.push(other);
    const name = uniqueName('test.cron');
    // Stored on a day at 10:00 Beijing: the first slot is the next day's 08:00.
    let now = new Date('2026-03-02T02:00:00Z');
    const clock = { now: () => now };
    const a = queue(database(), clock);
    const b = queue(other, clock);
    await a.schedule(name, '0 8 * * *', { from: 'cron' });
    await b.schedule(name, '0 8 * * *', { from: 'cron' });
    // Ticks a poll apart: in one thread (unlike two processes) a SQLite writer waiting for the
    // other's lock would block the thread that holds it.
    await a.start();
    await sleep(25);
    await b.start();
    await sleep(200);
    expect((await a.list({ name, limit: 10, offset: 0 })).total).toBe(0);
    now = new Date('2026-03-03T00:00:30Z'); // 08:00:30 Beijing
    const job = await waitFor(
      async () => (await a.list({ name, limit: 10, offset: 0 })).jobs[0],
      'the 08:00 job',
    );
    await sleep(300);
    const all = await a.list({ name, limit: 10, offset: 0 });
    expect(all.total).toBe(1);
    expect(job).toMatchObject({ data: { from: 'cron' }, singletonKey: 'cron:2026-03-03T00:00:00.000Z' });
  });
});
