import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe } from 'vitest';
import type { Database } from '../../src/db/database.ts';
import type { DB } from '../../src/db/schema.ts';
import { testDatabases } from './databases.ts';
import { skipIfNoPostgres } from './pg-skip.ts';

/**
 * describe.each over every configured dialect, one migrated database per dialect for the
 * block (each test makes its own agency, so tests do not see each other's rows). `body`
 * gets accessors valid inside tests and hooks.
 */
export function describeEachDatabase(
  title: string,
  body: (db: () => Kysely<DB>, database: () => Database) => void,
): void {
  skipIfNoPostgres();
  describe.each(testDatabases())(`${title} ($name)`, ({ open }) => {
    let database: Database | undefined;
    beforeAll(async () => {
      database = await open();
    });
    afterAll(async () => {
      await database?.close();
    });
    const current = (): Database => {
      if (database === undefined) throw new Error('the test database is opened in beforeAll');
      return database;
    };
    body(() => current().db, current);
  });
}
