import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.ts';

/**
 * Runs `fn` in a transaction: the caller's, when `db` already is one (Kysely cannot nest
 * them), or a new one. Inside, use only the handle `fn` receives: on SQLite the one
 * connection is busy until the transaction ends.
 */
export function withTransaction<T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db);
  return db.transaction().execute((trx: Transaction<DB>) => fn(trx));
}
