import { PostgresDialect } from 'kysely';
import pg from 'pg';

const OID_INT8 = 20;
const OID_DATE = 1082;

/**
 * Per-pool parsers: a DATE stays 'YYYY-MM-DD' (pg would make a local-midnight Date, a day
 * off in UTC+8), and int8 (what count(*) returns) becomes a number (ids and counts stay far
 * below 2^53). Text format only: the app never asks pg for binary results.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    if (oid === OID_DATE) return (value: string) => value;
    if (oid === OID_INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/**
 * SQLSTATEs of a server going away or not taking connections: class 08 (connection
 * exception), 57P01 admin shutdown (what a restart sends every session), 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up, shutting down), 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
/** The socket's errors when the server is down, restarting or unreachable. */
const UNAVAILABLE_SOCKET = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/** pg's own errors (no code) for a connection that ended under it. */
const UNAVAILABLE_MESSAGES = new Set([
  'Connection terminated unexpectedly',
  'Connection terminated',
  'Client has encountered a connection error and is not queryable',
  'Client was closed and is not queryable',
  'timeout exceeded when trying to connect',
]);

/**
 * True when the error says the database cannot be reached now (a PostgreSQL restart, a lost
 * connection, a server not yet accepting): the request may succeed if tried again shortly,
 * and nothing about it is the caller's fault. Follows `cause` a few levels (a wrapped error).
 */
export const isDatabaseUnavailable = (error: unknown): boolean => {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current !== null && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code)))
      return true;
    if (typeof message === 'string' && UNAVAILABLE_MESSAGES.has(message)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
};

/**
 * A connection's error outside a query (the server ended the session: a restart, an
 * administrator, a network cut). pg emits it on the client, and on the pool for an idle one;
 * an 'error' event nobody listens to would end the process. The pool drops the broken
 * connection and opens a new one when next asked; the requests that were using it fail
 * (503, web/plugins/errors.tsx).
 */
const logConnectionError = (error: Error & { code?: string }): void => {
  process.stderr.write(
    `gongkai: 数据库连接中断（${error.code ?? '无代码'}：${error.message}），下次使用时重新连接\n`,
  );
};

/** A pg pool dialect; with `schema`, every connection works in that schema (search_path). */
export function postgresDialect(connectionString: string, schema?: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  // Every client gets a listener of its own for its whole life, checked out or idle: the pool
  // listens only while it is idle, and a session ended between two queries of a transaction
  // would otherwise be unhandled. The pool's own 'error' (the same error of an idle client,
  // re-emitted) is then already logged.
  pool.on('connect', (client) => client.on('error', logConnectionError));
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}
