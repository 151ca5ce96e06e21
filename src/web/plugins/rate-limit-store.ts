import { createHash } from 'node:crypto';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

/**
 * Rate-limit counters in the database, so that a client meets the same limit whichever of
 * several app processes (cluster workers, or processes behind nginx) answers it.
 *
 * Windows are fixed and aligned to the clock (every process agrees where a minute starts).
 * A strict limit (the login form's, the public forms': at most `SYNC_MAX` a window) is counted
 * in the database at every request. A loose one (the site's, thousands a minute) would cost a
 * write per page read: each process counts in memory and adds its count to the database's at
 * most every `FLUSH_MS`, reading back the sum; a client may overshoot by what the processes
 * counted since their last flush, which for a limit of that size does not matter.
 */
export const SYNC_MAX = 100;
export const FLUSH_MS = 500;
/** Clients a flush writes in one statement. */
const FLUSH_CHUNK = 200;
/** Rows of windows this old are deleted (by whichever process flushes after the interval). */
const KEEP_MS = 10 * 60_000;
const PURGE_EVERY_MS = 60_000;

interface Counter {
  windowStart: number;
  /** The sum of every process's counts as last read from the database. */
  known: number;
  /** Counted here since the last flush. */
  pending: number;
}

interface RateLimitResult {
  current: number;
  ttl: number;
}
type Callback = (error: Error | null, result?: RateLimitResult) => void;

/** The client key (an IP address) is personal data: only a hash of it is stored. */
const clientHash = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 22);

export interface SharedCounters {
  /** Writes every pending count now (tests, and the app's close). */
  flush(): Promise<void>;
  /** Stops the flush timers after a last flush. */
  close(): Promise<void>;
}

/**
 * The store class @fastify/rate-limit instantiates (`store:` option), bound to one database.
 * `child()` gives a route's own limit its own scope.
 */
export const databaseRateLimitStore = (db: Kysely<DB>, now: () => number = Date.now) => {
  const stores = new Set<DatabaseStore>();
  let lastPurge = 0;

  const purgeNowAndThen = async () => {
    const at = now();
    if (at - lastPurge < PURGE_EVERY_MS) return;
    lastPurge = at;
    await db
      .deleteFrom('rate_limit_counts')
      .where('window_start', '<', at - KEEP_MS)
      .execute();
  };

  /** Adds each row's count to the database's, in one statement; the sums after, by client. */
  const add = async (
    scope: string,
    rows: readonly { client: string; windowStart: number; count: number }[],
  ): Promise<Map<string, number>> => {
    const sums = new Map<string, number>();
    for (let i = 0; i < rows.length; i += FLUSH_CHUNK) {
      const chunk = rows.slice(i, i + FLUSH_CHUNK);
      const returned = await db
        .insertInto('rate_limit_counts')
        .values(chunk.map((r) => ({ scope, client: r.client, window_start: r.windowStart, count: r.count })))
        .onConflict((oc) =>
          oc
            .columns(['scope', 'client', 'window_start'])
            .doUpdateSet({ count: sql<number>`rate_limit_counts.count + excluded.count` }),
        )
        .returning(['client', 'count'])
        .execute();
      for (const r of returned) sums.set(r.client, Number(r.count));
    }
    await purgeNowAndThen();
    return sums;
  };

  class DatabaseStore implements FastifyRateLimitStore {
    readonly #scope: string;
    readonly #counters = new Map<string, Counter>();
    #timer: NodeJS.Timeout | undefined;

    constructor(_options?: unknown, scope = 'global') {
      this.#scope = scope;
      stores.add(this);
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      const at = now();
      const windowStart = Math.floor(at / timeWindow) * timeWindow;
      const ttl = windowStart + timeWindow - at;
      const client = clientHash(key);
      let counter = this.#counters.get(client);
      if (counter === undefined || counter.windowStart !== windowStart) {
        counter = { windowStart, known: 0, pending: 0 };
        this.#counters.set(client, counter);
      }
      counter.pending++;
      if (max <= SYNC_MAX) {
        this.#flushOne(client, counter).then(
          (current) => callback(null, { current, ttl }),
          (error: Error) => callback(error),
        );
        return;
      }
      callback(null, { current: counter.known + counter.pending, ttl });
      this.#timer ??= setTimeout(() => {
        this.#timer = undefined;
        // A failed flush keeps its counts pending for the next one.
        this.flush().catch(() => {});
      }, FLUSH_MS).unref();
    }

    read(key: string, callback: Callback, timeWindow: number): void {
      const at = now();
      const counter = this.#counters.get(clientHash(key));
      if (counter === undefined || counter.windowStart !== Math.floor(at / timeWindow) * timeWindow) {
        callback(null, { current: 0, ttl: 0 });
        return;
      }
      callback(null, {
        current: counter.known + counter.pending,
        ttl: counter.windowStart + timeWindow - at,
      });
    }

    /** A route's own limit (the plugin passes its merged options, the route as `routeInfo`). */
    child(routeOptions: object): DatabaseStore {
      const route = (routeOptions as { routeInfo?: { method?: unknown; url?: unknown } }).routeInfo;
      return new DatabaseStore(
        undefined,
        route?.url === undefined ? this.#scope : `${String(route.method)} ${String(route.url)}`,
      );
    }

    /** Adds the pending counts to the database's; the sum (all processes') after the addition. */
    async #flushOne(client: string, counter: Counter): Promise<number> {
      const count = counter.pending;
      if (count === 0) return counter.known;
      counter.pending -= count;
      try {
        const sum = (await add(this.#scope, [{ client, windowStart: counter.windowStart, count }])).get(
          client,
        );
        counter.known = Math.max(counter.known, sum ?? 0);
        return sum ?? counter.known;
      } catch (error) {
        counter.pending += count;
        throw error;
      }
    }

    /** Every client's pending counts in one statement (a few per chunk of clients). */
    async flush(): Promise<void> {
      const at = now();
      const taken: { client: string; counter: Counter; count: number }[] = [];
      for (const [client, counter] of this.#counters) {
        if (counter.pending > 0) {
          taken.push({ client, counter, count: counter.pending });
          counter.pending = 0;
        } else if (at - counter.windowStart > KEEP_MS) this.#counters.delete(client);
      }
      if (taken.length === 0) return;
      let sums: Map<string, number>;
      try {
        sums = await add(
          this.#scope,
          taken.map((t) => ({ client: t.client, windowStart: t.counter.windowStart, count: t.count })),
        );
      } catch (error) {
        for (const t of taken) t.counter.pending += t.count;
        throw error;
      }
      for (const t of taken) t.counter.known = Math.max(t.counter.known, sums.get(t.client) ?? 0);
    }

    stop(): void {
      if (this.#timer !== undefined) clearTimeout(this.#timer);
      this.#timer = undefined;
    }
  }

  const counters: SharedCounters = {
    flush: async () => {
      for (const store of stores) await store.flush();
    },
    close: async () => {
      for (const store of stores) store.stop();
      await counters.flush();
    },
  };
  return { Store: DatabaseStore, counters };
};
