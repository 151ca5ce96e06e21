import { randomBytes } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import type { DB } from '../../db/schema.ts';

/** After a lost connection, the listener tries again this often. */
const RECONNECT_MS = 1000;

export interface PageCacheNotifier {
  /** Tells every other process on the database that a write may have changed the portal. */
  report(): void;
  close(): Promise<void>;
}

/** One channel per schema: test databases and several sites may share one server. */
const channelName = (schema: string | undefined): string => `gongkai_page_cache_${schema ?? 'public'}`;
const quoted = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

/**
 * Page-cache clears between app processes on one PostgreSQL database, whatever starts them
 * (cluster workers, or separate processes behind nginx): a write NOTIFYs, every other
 * listening process empties its cache. A listener that lost its connection (PostgreSQL
 * restarted) connects again and empties its cache then, since it may have missed a clear;
 * in between, the cache's few seconds of life bound how stale a page can be.
 */
export const postgresPageCacheNotifier = (
  connectionString: string,
  schema: string | undefined,
  /** The app's pool: NOTIFY goes through it (one client's queries must not overlap). */
  db: Kysely<DB>,
  clear: () => void,
  log: (message: string, error?: unknown) => void = () => {},
): PageCacheNotifier => {
  const me = randomBytes(8).toString('hex');
  const channel = channelName(schema);
  let client: pg.Client | undefined;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const connect = async (): Promise<void> => {
    const next = new pg.Client({ connectionString });
    const lost = (error?: unknown) => {
      if (client === next) client = undefined;
      next.removeAllListeners('notification');
      next.end().catch(() => {});
      if (closed) return;
      log('页面缓存通知连接中断，稍后重连', error);
      timer ??= setTimeout(() => {
        timer = undefined;
        void connect();
      }, RECONNECT_MS);
      timer.unref();
    };
    next.on('error', lost);
    next.on('end', () => lost());
    next.on('notification', (message) => {
      if (message.payload !== me) clear();
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${quoted(channel)}`);
    } catch (error) {
      lost(error);
      return;
    }
    if (closed) {
      await next.end().catch(() => {});
      return;
    }
    client = next;
    clear();
  };
  const ready = connect();

  return {
    report: () => {
      sql`select pg_notify(${channel}, ${me})`.execute(db).catch(() => {});
    },
    close: async () => {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await ready;
      const open = client;
      client = undefined;
      await open?.end().catch(() => {});
    },
  };
};
