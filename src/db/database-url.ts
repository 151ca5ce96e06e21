import { fileURLToPath } from 'node:url';

export const DEFAULT_SQLITE_PATH = './data/gongkai.db';

export type DatabaseTarget =
  | { readonly dialect: 'sqlite'; readonly path: string }
  | { readonly dialect: 'postgres'; readonly connectionString: string; readonly schema?: string };

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL without its password, so it can go into an error message. */
const redact = (url: string): string => url.replace(/\/\/([^:/@]+):[^@/]*@/, '//$1:***@');

const invalid = (url: string, why: string): Error =>
  new Error(
    `DATABASE_URL is not valid (${why}): "${redact(url)}". ` +
      'Give a path to a SQLite file (e.g. ./data/gongkai.db or file:./data/gongkai.db) ' +
      'or a PostgreSQL URL (postgres://user:password@host:5432/database[?schema=name]).',
  );

function postgresTarget(url: string): DatabaseTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid(url, 'not a URL');
  }
  if (parsed.hostname === '' && !parsed.searchParams.has('host')) throw invalid(url, 'no host');
  if (parsed.pathname.length <= 1) throw invalid(url, 'no database name');
  const schema = parsed.searchParams.get('schema') ?? undefined;
  parsed.searchParams.delete('schema');
  if (schema === undefined) return { dialect: 'postgres', connectionString: parsed.toString() };
  if (!SCHEMA_NAME.test(schema))
    throw invalid(url, `schema "${schema}" must be lower-case letters, digits, _`);
  return { dialect: 'postgres', connectionString: parsed.toString(), schema };
}

/** Reads DATABASE_URL: unset or empty → the default SQLite file; a path or file: URL → SQLite; postgres:// → PostgreSQL. */
export function parseDatabaseUrl(url: string | undefined): DatabaseTarget {
  const value = url?.trim() ?? '';
  if (value === '') return { dialect: 'sqlite', path: DEFAULT_SQLITE_PATH };
  if (/^postgres(ql)?:\/\//i.test(value)) return postgresTarget(value);
  if (/^file:\/\//i.test(value)) {
    try {
      return { dialect: 'sqlite', path: fileURLToPath(value) };
    } catch {
      throw invalid(value, 'not a file URL');
    }
  }
  if (/^file:/i.test(value)) {
    const path = value.slice('file:'.length);
    if (path === '') throw invalid(value, 'no path after file:');
    return { dialect: 'sqlite', path };
  }
  // Anything else with a scheme (mysql://, http://, postgres:/x) is a mistake, not a file name.
  if (/^[a-z][a-z0-9+.-]*:/i.test(value) && !/^[a-z]:[\\/]/i.test(value)) {
    throw invalid(value, 'unsupported scheme');
  }
  return { dialect: 'sqlite', path: value };
}
