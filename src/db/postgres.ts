import { PostgresDialect } from 'kysely';
import pg from 'pg';

const OID_INT8 = 20;
const OID_DATE = 1082;

/**
 * Per-pool parsers: a DATE stays 'YYYY-MM-DD' (pg would make a local-midnight Date, a day
 * off in UTC+8), and int8 (what count(*) returns) becomes a number (ids and counts stay far
 * below 2^53). Text format only: the app never asks pg for binary results.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => {
    if (oid === OID_DATE) return (value: string) => value;
    if (oid === OID_INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
};

/** A pg pool dialect; with `schema`, every connection works in that schema (search_path). */
export function postgresDialect(connectionString: string, schema?: string): PostgresDialect {
  const pool = new pg.Pool({
    connectionString,
    types,
    max: 10,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  return new PostgresDialect({ pool });
}
