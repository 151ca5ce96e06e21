import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { getPage, openTestApp, type TestApp } from './support/web-app.ts';

skipIfNoPostgres();

describe.each(testDatabases())('platform ($name)', (target) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(target, {}, (app) => {
      const boom = async () => {
        throw new Error('secret internals at /srv/gongkai/src/x.ts:12');
      };
      app.get('/workbench/boom', boom);
      app.get('/api/v1/boom', boom);
    });
  });
  afterAll(() => t.close());

  it('sends a strict CSP and the other security headers on pages, errors and the API', async () => {
    for (const url of ['/', '/workbench/login', '/nope', '/api/v1/agencies', '/healthz']) {
      const res = await getPage(t.app, url);
      const csp = String(res.headers['content-security-policy']);
      for (const directive of [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "object-src 'none'",
      ]) {
        expect(csp, `${url}: ${directive}`).toContain(directive);
      }
      expect(csp, url).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    }
  });

  it('serves no inline script or style: everything comes from /static', async () => {
    const res = await getPage(t.app, '/');
    expect(res.body).not.toMatch(/<script(?![^>]*\bsrc=)/);
    expect(res.body).not.toMatch(/<style|\sstyle="/);
    const css = await getPage(t.app, '/static/site.css');
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
    expect(css.body).toContain('Noto Sans CJK SC');
    expect((await getPage(t.app, '/static/../app.ts')).statusCode).toBe(404);
  });

  it('/healthz answers 200 with a working database', async () => {
    const res = await getPage(t.app, '/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('answers unknown API paths and agencies with the JSON error shape', async () => {
    const res = await getPage(t.app, '/api/v1/agencies/999999');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({
      error: { code: 'NOT_FOUND', message: expect.stringContaining('未找到'), details: [] },
    });
    const unknown = await getPage(t.app, '/api/v1/nothing');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe('NOT_FOUND');
  });

  it('publishes the OpenAPI document of the API routes and its docs page', async () => {
    const res = await getPage(t.app, '/api/v1/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths).sort()).toEqual([
      '/api/v1/agencies',
      '/api/v1/agencies/{id}',
      '/api/v1/applications',
      '/api/v1/applications/{id}',
      '/api/v1/applications/{id}/events',
      '/api/v1/me',
    ]);
    expect(doc.paths['/api/v1/agencies']).toHaveProperty('get');
    expect(JSON.stringify(doc.paths['/api/v1/agencies/{id}'])).toContain('"404"');
    const docs = await getPage(t.app, '/api/v1/docs');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger-ui');
  });

  it('never shows a stack trace or an internal message to anyone', async () => {
    const badJson = await t.app.inject({
      method: 'POST',
      url: '/workbench/login',
      payload: '{bad json',
      headers: { 'content-type': 'application/json' },
    });
    expect(badJson.statusCode).toBe(400);
    expect(badJson.body).toContain('提交的内容格式不正确');
    for (const url of ['/workbench/boom', '/api/v1/boom']) {
      const res = await getPage(t.app, url);
      expect(res.statusCode, url).toBe(500);
      expect(res.body, url).toContain('系统内部错误');
      expect(res.body, url).not.toContain('secret internals');
      expect(res.body, url).not.toMatch(/\.ts:\d+|node_modules|at /);
    }
    expect((await getPage(t.app, '/api/v1/boom')).json()).toEqual({
      error: { code: 'INTERNAL', message: '系统内部错误', details: [] },
    });
  });
});

describe.each(testDatabases())('platform failures ($name)', (target) => {
  it('/healthz answers 503 when the database is gone', async () => {
    const t = await openTestApp(target);
    await t.database.close();
    const res = await getPage(t.app, '/healthz');
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable' });
    await t.app.close();
  });

  it('with COOKIE_SECURE=true, marks cookies Secure and sends HSTS', async () => {
    const t = await openTestApp(target, { COOKIE_SECURE: 'true' });
    try {
      const res = await getPage(t.app, '/workbench/login');
      expect(res.cookies.find((c) => c.name === 'gk_csrf')?.secure).toBe(true);
      expect(res.headers['strict-transport-security']).toContain('max-age=31536000');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await t.close();
    }
  });

  it('answers too many logins with 429: a Chinese page, or JSON under /api', async () => {
    const t = await openTestApp(target, { LOGIN_RATE_LIMIT_MAX: '2', RATE_LIMIT_MAX: '3' });
    try {
      const post = () => t.app.inject({ method: 'POST', url: '/workbench/login', payload: {} });
      await post();
      await post();
      const limited = await post();
      expect(limited.statusCode).toBe(429);
      expect(limited.headers['content-type']).toContain('text/html');
      expect(limited.body).toContain('请求过于频繁');
      expect(limited.headers['retry-after']).toBeDefined();
      for (let i = 0; i < 3; i++) await getPage(t.app, '/api/v1/agencies');
      const api = await getPage(t.app, '/api/v1/agencies');
      expect(api.statusCode).toBe(429);
      expect(api.json().error.code).toBe('RATE_LIMITED');
    } finally {
      await t.close();
    }
  });
});
