import { describe, expect, it } from 'vitest';
import { PageCache } from '../../src/web/plugins/page-cache.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import { makeHierarchy } from './support/hierarchy.ts';
import { loginThroughForm, openTestApp } from './support/web-app.ts';

describe('PageCache', () => {
  const text = (page: Buffer | undefined) => page?.toString('utf8');

  it('serves a page until its time is up, and forgets the oldest past its size in bytes', () => {
    let now = 0;
    // Each entry below weighs its key (2) and its page (1 byte): two fit in 6 bytes.
    const cache = new PageCache(5000, 6, () => now);
    cache.set('/a', 'A');
    now = 4999;
    expect(text(cache.get('/a'))).toBe('A');
    now = 5000;
    expect(cache.get('/a')).toBeUndefined();
    expect(cache.size).toBe(0);
    cache.set('/a', 'A');
    cache.set('/b', 'B');
    cache.set('/c', 'C');
    expect([cache.get('/a'), cache.get('/b'), cache.get('/c')].map(text)).toEqual([undefined, 'B', 'C']);
    expect(cache.size).toBe(6);
    const off = new PageCache(0);
    off.set('/a', 'A');
    expect(off.get('/a')).toBeUndefined();
  });

  it('forgets the page read least recently, not the one put first', () => {
    const cache = new PageCache(5000, 6, () => 0);
    cache.set('/p', 'P'); // popular
    cache.set('/o', 'O'); // read once
    expect(text(cache.get('/p'))).toBe('P');
    cache.set('/n', 'N');
    expect([cache.get('/p'), cache.get('/o'), cache.get('/n')].map(text)).toEqual(['P', undefined, 'N']);
  });

  it('counts a page in UTF-8 bytes, makes room for a big one, and keeps none bigger than the bound', () => {
    const cache = new PageCache(5000, 30, () => 0);
    cache.set('/a', '公开'); // 2 + 6 bytes
    cache.set('/b', 'bb'); // 2 + 2
    expect(cache.size).toBe(12);
    cache.set('/a', '公开公开'); // replaced: 2 + 12
    expect(cache.size).toBe(18);
    cache.set('/c', 'c'.repeat(20)); // 2 + 20: the least recently used (/b, then /a) make room
    expect([cache.get('/a'), cache.get('/b')].map(text)).toEqual([undefined, undefined]);
    expect(text(cache.get('/c'))).toBe('c'.repeat(20));
    cache.set('/huge', 'x'.repeat(100));
    expect(cache.get('/huge')).toBeUndefined();
    expect(text(cache.get('/c'))).toBe('c'.repeat(20));
    cache.clear();
    expect(cache.size).toBe(0);
  });
});

const [sqlite] = testDatabases();

describe('the portal page cache in the app', () => {
  it('gives readers the page another reader caused, and drops it at the first write', async () => {
    if (!sqlite) throw new Error('SQLite is always there');
    const { app, database, close } = await openTestApp(sqlite, { PORTAL_CACHE_SECONDS: '60' });
    try {
      const { gulou, staff } = await makeHierarchy(database.db);
      const first = await app.inject({ method: 'GET', url: `/agencies/${gulou.id}` });
      const second = await app.inject({ method: 'GET', url: `/agencies/${gulou.id}` });
      expect(first.headers['x-page-cache']).toBeUndefined();
      expect(second.headers['x-page-cache']).toBe('hit');
      expect(second.body).toBe(first.body);
      // Security headers come with a cached page as with a fresh one.
      expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
      expect(second.headers['set-cookie']).toBeUndefined();

      // The login page is never kept; a successful write through the app (a login) empties the cache.
      const login = await app.inject({ method: 'GET', url: '/workbench/login' });
      expect(login.headers['x-page-cache']).toBeUndefined();
      const posted = await loginThroughForm(app, staff.admin);
      expect(posted.statusCode).toBe(303);
      const after = await app.inject({ method: 'GET', url: `/agencies/${gulou.id}` });
      expect(after.headers['x-page-cache']).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('renders every time when turned off', async () => {
    if (!sqlite) throw new Error('SQLite is always there');
    const { app, close } = await openTestApp(sqlite, { PORTAL_CACHE_SECONDS: '0' });
    try {
      await app.inject({ method: 'GET', url: '/' });
      expect((await app.inject({ method: 'GET', url: '/' })).headers['x-page-cache']).toBeUndefined();
    } finally {
      await close();
    }
  });

  it('keeps only pages: a text response is never served again as HTML', async () => {
    if (!sqlite) throw new Error('SQLite is always there');
    const { app, database, close } = await openTestApp(sqlite, { PORTAL_CACHE_SECONDS: '60' });
    try {
      const agency = await makeAgency(database.db);
      for (const url of ['/robots.txt', `/agencies/${agency.id}/feed.rss`]) {
        const first = await app.inject({ method: 'GET', url });
        const again = await app.inject({ method: 'GET', url });
        expect(again.headers['x-page-cache'], url).toBeUndefined();
        expect(again.headers['content-type'], url).toBe(first.headers['content-type']);
        expect(String(again.headers['content-type'])).not.toContain('text/html');
      }
    } finally {
      await close();
    }
  });
});
