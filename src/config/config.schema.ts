import { isIP } from 'node:net';
import { z } from 'zod';
import { parseDatabaseUrl } from '../db/database-url.ts';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const NODE_ENVS = ['development', 'production', 'test'] as const;

/** What each variable must be, said once in Chinese and once in English. */
export const CONFIG_RULES = {
  DATABASE_URL: {
    zh: ' SQLite 文件路径（或 file: URL）或 postgres://用户:密码@主机:端口/数据库 形式的连接串',
    en: 'a SQLite file path (or file: URL) or a postgres://user:password@host:port/database URL',
  },
  PORT: { zh: ' 1–65535 之间的整数', en: 'an integer from 1 to 65535' },
  HOST: { zh: '监听地址（如 127.0.0.1 或 0.0.0.0）', en: 'a listen address such as 127.0.0.1 or 0.0.0.0' },
  LOG_LEVEL: { zh: ` ${LOG_LEVELS.join('、')} 之一`, en: `one of ${LOG_LEVELS.join(', ')}` },
  NODE_ENV: { zh: ` ${NODE_ENVS.join('、')} 之一`, en: `one of ${NODE_ENVS.join(', ')}` },
  COOKIE_SECURE: { zh: ' true 或 false', en: 'true or false' },
  RATE_LIMIT_MAX: {
    zh: '每分钟请求数上限，1–1000000000 之间的整数',
    en: 'requests per minute, an integer from 1 to 1000000000',
  },
  LOGIN_RATE_LIMIT_MAX: {
    zh: '登录及公开表单每分钟提交次数上限，1–1000000000 之间的整数',
    en: 'form posts per minute, an integer from 1 to 1000000000',
  },
  TRUST_PROXY: {
    zh: ' true、false、代理层数（整数）或以逗号分隔的代理 IP 地址 / 网段',
    en: 'true, false, a hop count, or a comma-separated list of proxy IP addresses / CIDR ranges',
  },
  RATE_LIMIT_STORE: {
    zh: ' memory（各进程自行计数）或 database（多个进程共用数据库中的计数）',
    en: 'memory (each process counts its own) or database (the processes share counts in the database)',
  },
  SESSION_SECRET: { zh: '至少 32 个字符的随机字符串', en: 'a random string of at least 32 characters' },
  PORTAL_CACHE_SECONDS: {
    zh: '门户页面缓存秒数，0–3600 之间的整数（0 为不缓存）',
    en: 'seconds portal pages are cached, an integer from 0 to 3600 (0 turns it off)',
  },
  PORTAL_CACHE_MB: {
    zh: '每个进程门户页面缓存的上限（MB），1–4096 之间的整数',
    en: 'megabytes of portal pages each process keeps, an integer from 1 to 4096',
  },
} as const satisfies Record<string, { zh: string; en: string }>;

export type ConfigVariable = keyof typeof CONFIG_RULES;

const integer = (min: number, max: number) =>
  z.string().trim().regex(/^\d+$/).transform(Number).pipe(z.number().int().min(min).max(max));

const boolean = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no']))
  .transform((s) => s === 'true' || s === '1' || s === 'yes');

const isProxyAddress = (s: string): boolean => {
  const [address = '', bits, extra] = s.split('/');
  if (extra !== undefined || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d+$/.test(bits) && Number(bits) <= max;
};

const trustProxy = z
  .string()
  .trim()
  .transform((s, ctx): boolean | number | string[] => {
    const lower = s.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    if (/^\d+$/.test(s)) return Number(s);
    const list = s.split(',').map((part) => part.trim());
    if (list.every(isProxyAddress)) return list;
    ctx.addIssue({ code: z.ZodIssueCode.custom });
    return z.NEVER;
  });

const parsesAsDatabaseUrl = (s: string): boolean => {
  try {
    parseDatabaseUrl(s);
    return true;
  } catch {
    return false;
  }
};

const databaseUrl = z.string().trim().refine(parsesAsDatabaseUrl);

export const configSchema = z.object({
  DATABASE_URL: databaseUrl.optional(),
  PORT: integer(1, 65535).default('3000'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  NODE_ENV: z.enum(NODE_ENVS).default('development'),
  COOKIE_SECURE: boolean.default('false'),
  RATE_LIMIT_MAX: integer(1, 1_000_000_000).default('300'),
  LOGIN_RATE_LIMIT_MAX: integer(1, 1_000_000_000).default('10'),
  TRUST_PROXY: trustProxy.default('false'),
  RATE_LIMIT_STORE: z.enum(['memory', 'database']).optional(),
  SESSION_SECRET: z.string().min(32).optional(),
  PORTAL_CACHE_SECONDS: integer(0, 3600).default('60'),
  PORTAL_CACHE_MB: integer(1, 4096).default('64'),
});
