import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Database, type DialectName, openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

export interface TestDatabase {
  name: DialectName;
  /** A fresh, migrated database of its own; close() removes it. */
  open: () => Promise<Database>;
}

/** The PostgreSQL server the tests may use; unset → only SQLite runs (and a skip says so). */
export const PG_URL = process.env.GONGKAI_TEST_PG_URL?.trim() || undefined;

async function openSqlite(): Promise<Database> {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-test-'));
  const database = openDatabase(join(dir, 'test.db'));
  await migrateToLatest(database.db);
  return {
    ...database,
    close: async () => {
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function admin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function openPostgres(url: string): Promise<Database> {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin(url, (c) => c.query(`create schema ${schema}`));
  const withSchema = new URL(url);
  withSchema.searchParams.set('schema', schema);
  const database = openDatabase(withSchema.toString());
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    await admin(url, (c) => c.query(`drop schema ${schema} cascade`));
    throw error;
  }
  return {
    ...database,
    close: async () => {
      await database.close();
      // pg-boss keeps its tables in a schema beside the app's (src/jobs/pg-boss-job-store.ts).
      await admin(url, (c) =>
        c.query(`drop schema if exists ${schema} cascade; drop schema if exists ${schema}_jobs cascade`),
      );
    },
  };
}

/** SQLite always; PostgreSQL when GONGKAI_TEST_PG_URL is set. Loop tests over it with describe.each. */
export function testDatabases(): TestDatabase[] {
  const list: TestDatabase[] = [{ name: 'sqlite', open: openSqlite }];
  if (PG_URL !== undefined) list.push({ name: 'postgres', open: () => openPostgres(PG_URL) });
  return list;
}
