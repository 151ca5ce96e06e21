import { expect, it } from 'vitest';
import { databaseRateLimitStore } from '../../src/web/plugins/rate-limit-store.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const MINUTE = 60_000;

/** The store @fastify/rate-limit calls, driven directly: two "processes" over one database. */
describeEachDatabase('rate-limit counts in the database', (db) => {
  const incr = (
    store: InstanceType<ReturnType<typeof databaseRateLimitStore>['Store']>,
    key: string,
    max: number,
  ) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) =>
      store.incr(key, (error, result) => (error || !result ? reject(error) : resolve(result)), MINUTE, max),
    );

  it("writes many clients' loose counts in one flush, and each process then counts the others'", async () => {
    let clock = 10 * MINUTE + 1000;
    const a = databaseRateLimitStore(db(), () => clock);
    const b = databaseRateLimitStore(db(), () => clock);
    const storeA = new a.Store();
    const storeB = new b.Store();
    const clients = Array.from({ length: 250 }, (_, i) => `flush-${i}`);
    for (const client of clients) expect((await incr(storeA, client, 1000)).current).toBe(1);
    await a.counters.flush();
    const rows = await db()
      .selectFrom('rate_limit_counts')
      .select(['count'])
      .where('window_start', '=', 10 * MINUTE)
      .execute();
    expect(rows.filter((r) => r.count === 1).length).toBeGreaterThanOrEqual(250);
    // B counts one more for the first client; after its flush it knows A's one too.
    expect((await incr(storeB, 'flush-0', 1000)).current).toBe(1);
    await b.counters.flush();
    expect((await incr(storeB, 'flush-0', 1000)).current).toBe(3);
    // The ttl is what is left of the clock's minute; the next minute starts from nothing.
    expect((await incr(storeB, 'flush-1', 1000)).ttl).toBe(MINUTE - 1000);
    clock += MINUTE;
    expect((await incr(storeA, 'flush-0', 1000)).current).toBe(1);
    await a.counters.close();
    await b.counters.close();
  });

  it('counts a strict limit in the database at every request', async () => {
    const a = databaseRateLimitStore(db(), () => 20 * MINUTE);
    const b = databaseRateLimitStore(db(), () => 20 * MINUTE);
    const storeA = new a.Store();
    const storeB = new b.Store();
    expect((await incr(storeA, 'strict', 3)).current).toBe(1);
    expect((await incr(storeB, 'strict', 3)).current).toBe(2);
    expect((await incr(storeA, 'strict', 3)).current).toBe(3);
    expect((await incr(storeB, 'strict', 3)).current).toBe(4);
    await a.counters.close();
    await b.counters.close();
  });
});
