import { it } from 'vitest';
import { PG_URL } from './databases.ts';

/**
 * Call at the top of a test file that loops over testDatabases(): without a PostgreSQL
 * server it registers a visibly skipped test, and CI fails on skips.
 */
export function skipIfNoPostgres(): void {
  if (PG_URL === undefined) it.skip('PostgreSQL: set GONGKAI_TEST_PG_URL', () => {});
}
