import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../db/database.ts';
import { pageCacheRelay } from '../workers.ts';
import { APPLICANT_COOKIE } from './applicant-session.ts';
import { postgresPageCacheNotifier } from './page-cache-notify.ts';

interface Entry {
  /** The page as sent: UTF-8 bytes, so a hit is not encoded again and its size is exact. */
  readonly body: Buffer;
  readonly at: number;
}

/** The default bound: some 5,000 search or catalogue pages of 13 KB. */
export const DEFAULT_PAGE_CACHE_BYTES = 64 * 1024 * 1024;

/**
 * Rendered portal pages, kept for a while (PORTAL_CACHE_SECONDS, a minute by default). The
 * portal is read far more than it is written: a reader gets the page another reader just
 * caused to be rendered. Any successful write through the app empties every process's cache at
 * once (clearPageCacheOnWrites), so the time to live bounds only what changes without a request
 * (a background job's work, the date, a command run beside the server). Pages that set a cookie
 * or say no-store (a form's token, an applicant's own application) are never kept. Bounded by
 * bytes, least recently used first out: readers' searches are many and mostly asked once.
 */
export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxBytes = DEFAULT_PAGE_CACHE_BYTES,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string): Buffer | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (this.now() - entry.at >= this.ttlMs) {
      this.delete(key, entry);
      return undefined;
    }
    // Least recently used goes first: a page read again moves to the end of the Map's order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.body;
  }

  set(key: string, html: string): void {
    if (this.ttlMs <= 0) return;
    const body = Buffer.from(html, 'utf8');
    const size = body.length + key.length;
    if (size > this.maxBytes) return;
    const previous = this.entries.get(key);
    if (previous !== undefined) this.delete(key, previous);
    // The least recently used first: a Map iterates in insertion order.
    for (const [oldKey, oldEntry] of this.entries) {
      if (this.bytes + size <= this.maxBytes) break;
      this.delete(oldKey, oldEntry);
    }
    this.entries.set(key, { body, at: this.now() });
    this.bytes += size;
  }

  /** What the kept pages hold, in bytes. */
  get size(): number {
    return this.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  private delete(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.body.length + key.length;
  }
}

/**
 * Anonymous GETs only: a request carrying an applicant's session cookie is a logged-in member
 * of the public, whose pages are their own — never served from the cache, never put in it.
 */
const cacheable = (request: FastifyRequest): boolean =>
  request.method === 'GET' && request.cookies?.[APPLICANT_COOKIE] === undefined;

/** Serves and fills the cache for the routes of the scope it is installed in (the portal's). */
export const installPageCache = (scope: FastifyInstance, cache: PageCache): void => {
  scope.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (!cacheable(request)) return;
    const page = cache.get(request.url);
    if (page === undefined) return;
    return reply.type('text/html; charset=utf-8').header('x-page-cache', 'hit').send(page);
  });
  scope.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    if (
      cacheable(request) &&
      reply.statusCode === 200 &&
      typeof payload === 'string' &&
      // Only pages: a feed or a sitemap served again as text/html would be broken.
      String(reply.getHeader('content-type') ?? '').startsWith('text/html') &&
      reply.getHeader('set-cookie') === undefined &&
      !String(reply.getHeader('cache-control') ?? '').includes('no-store') &&
      reply.getHeader('x-page-cache') === undefined
    ) {
      cache.set(request.url, payload);
    }
    return payload;
  });
};

/**
 * Any successful write anywhere in the app may change what the portal shows: this process's
 * cache is emptied, and so are the other processes': on PostgreSQL through NOTIFY (cluster
 * workers and separate processes alike), on SQLite through the cluster's primary
 * (web/workers.ts).
 */
export const clearPageCacheOnWrites = (
  app: FastifyInstance,
  cache: { clear(): void },
  database: Database,
): void => {
  const clear = () => cache.clear();
  const relay: { report(): void; close?(): Promise<void> } =
    database.postgres === undefined
      ? pageCacheRelay(clear)
      : postgresPageCacheNotifier(
          database.postgres.connectionString,
          database.postgres.schema,
          database.db,
          clear,
          (m, e) => app.log.warn({ err: e }, m),
        );
  app.addHook('onClose', async () => {
    await relay.close?.();
  });
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) {
      cache.clear();
      relay.report();
    }
  });
};
