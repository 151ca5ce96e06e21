import type { z } from 'zod';
import { CONFIG_RULES, type ConfigVariable, configSchema } from './config.schema.ts';

/** The whole configuration of a gongkai process, read once at start from the environment. */
export interface Config {
  /** A SQLite file path or a postgres:// URL; unset means `./data/gongkai.db`. */
  readonly databaseUrl: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly nodeEnv: 'development' | 'production' | 'test';
  /** Send cookies with `Secure`: true behind HTTPS, false for the demo on plain http. */
  readonly cookieSecure: boolean;
  /** Requests per minute per client address, all routes together. */
  readonly rateLimitMax: number;
  /** Requests per minute per client address to the login form and each public form. */
  readonly loginRateLimitMax: number;
  /**
   * Where rate-limit counts are kept: unset means in the database on PostgreSQL and with
   * several processes (`serve --workers`), in memory for one process on SQLite.
   */
  readonly rateLimitStore: 'memory' | 'database' | undefined;
  /** Fastify's `trustProxy`: false, true, a hop count, or the proxies' addresses. */
  readonly trustProxy: boolean | number | string[];
  /** Key of the anonymous forms' CSRF tokens; unset, each process makes a random one at start. */
  readonly sessionSecret: string | undefined;
  /** How long a rendered portal page is served again to other readers; 0 turns it off. */
  readonly portalCacheSeconds: number;
  /** The most each process keeps of rendered portal pages, in bytes (UTF-8). */
  readonly portalCacheBytes: number;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `配置错误：${problems[0]}`
        : `配置错误（${problems.length} 处）：\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
  }
}

/** The value as an error message may repeat it: never a secret, never a password. */
const shown = (name: ConfigVariable, raw: string): { zh: string; en: string } => {
  if (name === 'SESSION_SECRET') return { zh: `${raw.length} 个字符`, en: `${raw.length} characters` };
  const value = JSON.stringify(
    name === 'DATABASE_URL' ? raw.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@') : raw,
  );
  return { zh: value, en: value };
};

const describe = (name: ConfigVariable, raw: string | undefined): string => {
  const rule = CONFIG_RULES[name];
  const value = raw === undefined ? undefined : shown(name, raw);
  const got = value === undefined ? '' : `（收到 ${value.zh}）`;
  const gotEn = value === undefined ? '' : ` (got ${value.en})`;
  return `${name} 必须是${rule.zh}${got} — ${name} must be ${rule.en}${gotEn}`;
};

/**
 * Reads and checks every variable at once, so one start shows every problem; throws a
 * ConfigError naming each bad variable, in Chinese and in English.
 */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const raw: Record<string, string | undefined> = {};
  for (const name of Object.keys(CONFIG_RULES) as ConfigVariable[]) {
    const value = env[name];
    // An empty variable (`PORT=` in a .env file) means "not set", as in most tools.
    raw[name] = value === undefined || value.trim() === '' ? undefined : value;
  }
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const names = new Set(
      parsed.error.issues.map((issue: z.ZodIssue) => String(issue.path[0]) as ConfigVariable),
    );
    throw new ConfigError([...names].map((name) => describe(name, raw[name])));
  }
  const v = parsed.data;
  return Object.freeze<Config>({
    databaseUrl: v.DATABASE_URL,
    port: v.PORT,
    host: v.HOST,
    logLevel: v.LOG_LEVEL,
    nodeEnv: v.NODE_ENV,
    cookieSecure: v.COOKIE_SECURE,
    rateLimitMax: v.RATE_LIMIT_MAX,
    loginRateLimitMax: v.LOGIN_RATE_LIMIT_MAX,
    trustProxy: v.TRUST_PROXY,
    rateLimitStore: v.RATE_LIMIT_STORE,
    sessionSecret: v.SESSION_SECRET,
    portalCacheSeconds: v.PORTAL_CACHE_SECONDS,
    portalCacheBytes: v.PORTAL_CACHE_MB * 1024 * 1024,
  });
};
