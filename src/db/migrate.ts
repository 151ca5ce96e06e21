import { type Kysely, type MigrationResultSet, Migrator, NO_MIGRATIONS, sql } from 'kysely';
import { isPostgres } from './migrations/dialect.ts';
import { migrations } from './migrations/index.ts';
import type { DB } from './schema.ts';

/**
 * On PostgreSQL the migration tables go into the current schema, named explicitly: Kysely
 * looks for them across all schemas, so a `?schema=` database would otherwise find public's.
 */
async function migrator(db: Kysely<DB>): Promise<Migrator> {
  let migrationTableSchema: string | undefined;
  if (isPostgres(db)) {
    const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = rows[0]?.schema ?? undefined;
  }
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema === undefined ? {} : { migrationTableSchema }),
  });
}

function applied({ error, results }: MigrationResultSet, what: string): string[] {
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${what} failed${failed === undefined ? '' : ` at ${failed}`}: ${reason}`, {
      cause: error,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Applies every pending migration; returns their names. Throws an Error naming the migration that failed. */
export async function migrateToLatest(db: Kysely<DB>): Promise<string[]> {
  return applied(await (await migrator(db)).migrateToLatest(), 'Database migration');
}

/** Reverts the last migration, or with `{ all: true }` every one; returns the names reverted. */
export async function migrateDown(db: Kysely<DB>, options: { all?: boolean } = {}): Promise<string[]> {
  const m = await migrator(db);
  const result = options.all === true ? await m.migrateTo(NO_MIGRATIONS) : await m.migrateDown();
  return applied(result, 'Reverting migrations');
}
