import { Kysely } from 'kysely';
import { parseDatabaseUrl } from './database-url.ts';
import { postgresDialect } from './postgres.ts';
import type { DB } from './schema.ts';
import { sqliteDialect } from './sqlite.ts';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  /** On PostgreSQL, where it is: for what needs a connection of its own (LISTEN). */
  readonly postgres?: { readonly connectionString: string; readonly schema: string | undefined };
  close(): Promise<void>;
}

/**
 * Opens the database named by DATABASE_URL: unset or empty → ./data/gongkai.db (SQLite, the
 * folder is created); a path or file: URL → SQLite; postgres:// or postgresql:// → a pg pool,
 * with `?schema=name` to work in an existing schema. A bad URL throws an Error naming DATABASE_URL.
 */
export function openDatabase(url?: string): Database {
  const target = parseDatabaseUrl(url);
  const dialect =
    target.dialect === 'sqlite'
      ? sqliteDialect(target.path)
      : postgresDialect(target.connectionString, target.schema);
  const db = new Kysely<DB>({ dialect });
  return {
    db,
    dialect: target.dialect,
    ...(target.dialect === 'postgres'
      ? { postgres: { connectionString: target.connectionString, schema: target.schema } }
      : {}),
    close: () => db.destroy(),
  };
}
