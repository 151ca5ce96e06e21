import { describe, expect, it } from 'vitest';
import { DEFAULT_SQLITE_PATH, parseDatabaseUrl } from '../../src/db/database-url.ts';

describe('parseDatabaseUrl', () => {
  it('defaults to the SQLite file when unset or empty', () => {
    expect(parseDatabaseUrl(undefined)).toEqual({ dialect: 'sqlite', path: DEFAULT_SQLITE_PATH });
    expect(parseDatabaseUrl('  ')).toEqual({ dialect: 'sqlite', path: './data/gongkai.db' });
  });

  it('reads a path and file: URLs as SQLite', () => {
    expect(parseDatabaseUrl('/var/lib/gongkai/db.sqlite')).toEqual({
      dialect: 'sqlite',
      path: '/var/lib/gongkai/db.sqlite',
    });
    expect(parseDatabaseUrl('file:./x.db')).toEqual({ dialect: 'sqlite', path: './x.db' });
    expect(parseDatabaseUrl('file:///tmp/x.db')).toEqual({ dialect: 'sqlite', path: '/tmp/x.db' });
  });

  it('reads postgres:// and postgresql:// URLs, taking ?schema= out', () => {
    expect(parseDatabaseUrl('postgres://u:p@localhost:5432/gk')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgres://u:p@localhost:5432/gk',
    });
    expect(parseDatabaseUrl('postgresql://u:p@db/gk?schema=t_1&sslmode=disable')).toEqual({
      dialect: 'postgres',
      connectionString: 'postgresql://u:p@db/gk?sslmode=disable',
      schema: 't_1',
    });
  });

  it.each([
    ['mysql://u:p@h/db', 'unsupported scheme'],
    ['postgres://u:secret@/db', 'not a URL'],
    ['postgres:///db', 'no host'],
    ['postgres://u:p@host', 'no database name'],
    ['postgres://u:p@host/db?schema=Bad;drop', 'schema'],
  ])('refuses %s with a message naming DATABASE_URL', (url, why) => {
    expect(() => parseDatabaseUrl(url)).toThrow(/DATABASE_URL/);
    expect(() => parseDatabaseUrl(url)).toThrow(why);
  });

  it('keeps the password out of the message', () => {
    expect(() => parseDatabaseUrl('postgres://u:secret@/db')).toThrow(/u:\*\*\*@/);
    expect(() => parseDatabaseUrl('postgres://u:secret@/db')).not.toThrow(/secret/);
  });
});
