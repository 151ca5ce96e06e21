import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { SqliteDialect } from 'kysely';

/** A better-sqlite3 dialect on a file, with the pragmas the app relies on. */
export function sqliteDialect(path: string): SqliteDialect {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new SQLite(path);
  // WAL lets readers in other processes run beside the one writer; busy_timeout makes a
  // second writer wait instead of failing at once; NORMAL is safe under WAL.
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  // FULL: an application the portal has answered 201 to survives a power cut, not only a crash
  // of the process (NORMAL syncs the WAL only at checkpoints). It costs little: see the bench.
  database.pragma('synchronous = FULL');
  return new SqliteDialect({ database });
}
