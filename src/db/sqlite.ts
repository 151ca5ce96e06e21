import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Driver,
  SqliteDialect,
  type SqliteDialectConfig,
  SqliteDriver,
} from 'kysely';

/**
 * Transactions begin IMMEDIATE: the write lock is taken at BEGIN, where busy_timeout makes a
 * second process wait its turn. A plain (deferred) BEGIN takes it at the first write, and
 * when two processes (serve --workers N) both turn a read into a write, SQLite fails one at once
 * with "database is locked" instead of waiting (the crash test saw a fifth of submissions fail).
 */
class ImmediateSqliteDriver extends SqliteDriver {
  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class ImmediateSqliteDialect extends SqliteDialect {
  readonly #config: SqliteDialectConfig;

  constructor(config: SqliteDialectConfig) {
    super(config);
    this.#config = config;
  }

  override createDriver(): Driver {
    return new ImmediateSqliteDriver(this.#config);
  }
}

/** A better-sqlite3 dialect on a file, with the pragmas the app relies on. */
export function sqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  // WAL lets readers in other processes run beside the one writer; busy_timeout makes a
  // second writer wait instead of failing at once.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // FULL: an application the portal has answered 201 to survives a power cut, not only a crash
  // of the process (NORMAL syncs the WAL only at checkpoints). It costs little: see the bench.
  database.pragma('synchronous = FULL');
  // The query planner's statistics, refreshed where they are missing or stale (SQLite's advice
  // for long-lived connections; analysis_limit keeps it to milliseconds on big tables): without
  // them a new index can be chosen over a better one.
  database.pragma('analysis_limit = 400');
  database.pragma('optimize = 0x10002');
  return new ImmediateSqliteDialect({ database: withStatementCache(database) });
}

/** Statements kept prepared, by SQL text: the texts an app runs are few, their parameters many. */
const STATEMENTS = 500;

/**
 * The database as Kysely's driver uses it (prepare and close), keeping prepared statements:
 * Kysely prepares each query anew, which cost a tenth of a portal search's time. Safe because
 * the driver runs each statement to completion before the next (it never streams here), and
 * SQLite prepares a kept statement again by itself after a schema change.
 */
const withStatementCache = (database: SQLite.Database) => {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare: (sql: string): SQLite.Statement => {
      const kept = statements.get(sql);
      if (kept !== undefined) return kept;
      const statement = database.prepare(sql);
      if (statements.size >= STATEMENTS) {
        const oldest = statements.keys().next().value;
        if (oldest !== undefined) statements.delete(oldest);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
};
