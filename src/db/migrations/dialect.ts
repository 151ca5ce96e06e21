import { type ColumnDefinitionBuilder, type Kysely, PostgresIntrospector, sql } from 'kysely';

/** Migrations run inside a transaction on PostgreSQL; the introspector tells the dialect either way. */
export const isPostgres = <T>(db: Kysely<T>): boolean => db.introspection instanceof PostgresIntrospector;

/** An integer id: `integer primary key autoincrement` on SQLite, an identity column on PostgreSQL. */
export const idColumn =
  (db: Kysely<unknown>) =>
  (col: ColumnDefinitionBuilder): ColumnDefinitionBuilder =>
    isPostgres(db) ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();

/** `column in ('a', 'b')` for a CHECK constraint. The lists are copied into each migration on purpose. */
export const oneOf = (column: string, values: readonly (string | number)[]) =>
  sql`${sql.ref(column)} in (${sql.join(values.map((v) => sql.lit(v)))})`;
