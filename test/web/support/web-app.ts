import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from 'fastify';
import { type Config, loadConfig } from '../../../src/config/config.ts';
import type { Database } from '../../../src/db/database.ts';
import { createSession } from '../../../src/orgs/session.ts';
import { buildApp } from '../../../src/web/app.ts';
import type { TestDatabase } from '../../support/databases.ts';

/** The config of a test: no logs, limits high enough that tests never meet them. */
export const testConfig = (env: Record<string, string> = {}): Config =>
  loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    RATE_LIMIT_MAX: '1000000',
    LOGIN_RATE_LIMIT_MAX: '1000000',
    ...env,
  });

export interface TestApp {
  readonly app: FastifyInstance;
  readonly database: Database;
  close(): Promise<void>;
}

/** A fresh migrated database and the app over it; `prepare` may add routes before it starts. */
export const openTestApp = async (
  target: TestDatabase,
  env: Record<string, string> = {},
  prepare?: (app: FastifyInstance) => void,
  onRoute?: (route: RouteOptions) => void,
): Promise<TestApp> => {
  const database = await target.open();
  const app = await buildApp({
    config: testConfig(env),
    database,
    logger: false,
    ...(onRoute ? { onRoute } : {}),
  });
  prepare?.(app);
  await app.ready();
  return {
    app,
    database,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
};

/** A logged-in browser: the session cookie and the session's CSRF token. */
export interface Browser {
  readonly cookies: Record<string, string>;
  readonly csrfToken: string;
}

export const sessionFor = async (database: Database, userId: number): Promise<Browser> => {
  const session = await createSession(database.db, { userId, now: new Date(), ip: '127.0.0.1' });
  return { cookies: { gk_session: session.token }, csrfToken: session.csrfToken };
};

export const cookieValue = (response: LightMyRequestResponse, name: string): string | undefined =>
  response.cookies.find((c) => c.name === name)?.value;

/** What an anonymous visitor gets from the login page: the nonce cookie and the form's token. */
export const anonymousBrowser = async (app: FastifyInstance): Promise<Browser> => {
  const response = await app.inject({ method: 'GET', url: '/workbench/login' });
  const nonce = cookieValue(response, 'gk_csrf');
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  if (nonce === undefined || token === undefined) throw new Error('the login page gave no CSRF token');
  return { cookies: { gk_csrf: nonce }, csrfToken: token };
};

/** A form post as a browser sends it: urlencoded, with the browser's cookies and `_csrf`. */
export const postForm = (
  app: FastifyInstance,
  url: string,
  browser: Browser | null,
  fields: Record<string, string | readonly string[]> = {},
  options: { csrf?: boolean } = {},
) => {
  const body = new URLSearchParams();
  if (browser && options.csrf !== false) body.append('_csrf', browser.csrfToken);
  for (const [key, value] of Object.entries(fields)) {
    for (const v of typeof value === 'string' ? [value] : value) body.append(key, v);
  }
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
    ...(browser ? { cookies: browser.cookies } : {}),
  });
};

/**
 * A login through the form, as a browser does it: a successful write through the app (which
 * empties the page caches). The answer, a 303 when it worked.
 */
export const loginThroughForm = async (app: FastifyInstance, user: { username: string; password: string }) =>
  postForm(app, '/workbench/login', await anonymousBrowser(app), {
    username: user.username,
    password: user.password,
  });

export const getPage = (app: FastifyInstance, url: string, browser?: Browser | null) =>
  app.inject({ method: 'GET', url, ...(browser ? { cookies: browser.cookies } : {}) });
