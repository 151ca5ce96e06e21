import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import {
  BackupError,
  backupDatabase,
  backupTimestamp,
  defaultBackupPath,
  postgresEnvironment,
  RestoreNeedsConfirmation,
  restoreDatabase,
} from '../../src/db/backup.ts';
import { type DialectName, openDatabase } from '../../src/db/database.ts';
import { migrateDown, migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import type { DB } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { PG_URL } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string): string => join(dir, `${randomBytes(4).toString('hex')}-${name}`);

interface Target {
  /** DATABASE_URL of a migrated database of its own. */
  readonly url: string;
  readonly drop: () => Promise<void>;
}

const admin = async (url: string, text: string): Promise<void> => {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
};

const targets: { name: DialectName; make: () => Promise<Target> }[] = [
  { name: 'sqlite', make: async () => ({ url: file('gongkai.db'), drop: async () => {} }) },
];
if (PG_URL !== undefined) {
  const base = PG_URL;
  targets.push({
    name: 'postgres',
    make: async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      await admin(base, `create schema ${schema}`);
      const url = new URL(base);
      url.searchParams.set('schema', schema);
      return { url: url.toString(), drop: () => admin(base, `drop schema if exists ${schema} cascade`) };
    },
  });
}

/** Runs `fn` on the database at `url`, then closes it. */
const using = async <T>(url: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> => {
  const database = openDatabase(url);
  try {
    return await fn(database.db);
  } finally {
    await database.close();
  }
};

/** Every row of every table, as sorted JSON lines per table: equal snapshots mean equal data. */
const snapshot = (url: string): Promise<Record<string, string[]>> =>
  using(url, async (db) => {
    // On PostgreSQL only this database's own schema: others (another test's, pg-boss's) are not its data.
    const own = url.startsWith('postgres')
      ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s
      : undefined;
    const tables = (await db.introspection.getTables({ withInternalKyselyTables: true })).filter(
      (t) => own === undefined || t.schema === own,
    );
    const result: Record<string, string[]> = {};
    for (const { name } of tables) {
      const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(db);
      result[name] = rows.map((r) => JSON.stringify(r)).sort();
    }
    return result;
  });

skipIfNoPostgres();

describe.each(targets)('backup and restore ($name)', ({ name, make }) => {
  const made: Target[] = [];
  afterAll(async () => {
    for (const t of made) await t.drop();
  });
  const fresh = async (): Promise<Target> => {
    const target = await make();
    made.push(target);
    await using(target.url, (db) => migrateToLatest(db));
    return target;
  };

  it('puts back exactly the rows backed up, over changed and deleted ones', async () => {
    const { url } = await fresh();
    await using(url, (db) => seedDemo(db, { now: new Date('2026-11-27T09:00:00Z') }));
    const before = await snapshot(url);
    expect(before.applications?.length).toBeGreaterThan(10);
    const output = file(name === 'sqlite' ? 'b.sqlite3' : 'b.dump');
    const backup = await backupDatabase(url, output);
    expect(backup).toEqual({ dialect: name, path: output, bytes: statSync(output).size });
    expect(backup.bytes).toBeGreaterThan(1000);

    const maxId = await using(url, async (db) => {
      await db.updateTable('agencies').set({ name: sql`name || '（改）'` }).execute();
      await db.deleteFrom('role_assignments').execute();
      await db.deleteFrom('work_records').execute();
      const agency = await makeAgency(db);
      return agency.id;
    });
    expect(await snapshot(url)).not.toEqual(before);

    const restored = await restoreDatabase(url, output, { overwrite: true });
    expect(restored.migrated).toEqual([]);
    expect(await snapshot(url)).toEqual(before);
    // The id counters came back too: a new row takes the id after the backup's last, not a used one.
    const next = await using(url, (db) => makeAgency(db));
    expect(next.id).toBe(maxId);
  });

  it('brings a backup of an older version up to date, dropping what the newer one added', async () => {
    const { url } = await fresh();
    await using(url, async (db) => {
      await makeAgency(db, { name: '旧版本的机关' });
      await migrateDown(db);
      await migrateDown(db);
    });
    const output = file('old');
    await backupDatabase(url, output);
    await using(url, (db) => migrateToLatest(db));
    const restored = await restoreDatabase(url, output, { overwrite: true });
    expect(restored.migrated).toEqual(Object.keys(migrations).sort().slice(-2));
    await using(url, async (db) => {
      const applied = await db
        .selectFrom('kysely_migration' as never)
        .select('name' as never)
        .execute();
      expect(applied).toHaveLength(Object.keys(migrations).length);
      const names = await db.selectFrom('agencies').select('name').execute();
      expect(names.map((a) => a.name)).toEqual(['旧版本的机关']);
    });
  });

  it('refuses a file that is not a gongkai backup of this kind, and leaves the database as it was', async () => {
    const { url } = await fresh();
    await using(url, (db) => makeAgency(db));
    const before = await snapshot(url);
    const text = file('notes.txt');
    writeFileSync(text, '这不是备份\n');
    const kind = name === 'sqlite' ? /不是 SQLite 数据库文件/ : /不是 pg_dump 自定义格式/;
    await expect(restoreDatabase(url, text, { overwrite: true })).rejects.toThrow(kind);
    await expect(restoreDatabase(url, file('missing.dump'), { overwrite: true })).rejects.toThrow(/不存在/);

    const foreign = file('foreign.sqlite3');
    const other = new SQLite(foreign);
    other.exec('create table notes (id integer primary key)');
    other.close();
    await expect(restoreDatabase(url, foreign, { overwrite: true })).rejects.toThrow(
      name === 'sqlite' ? /不是 gongkai 的数据库/ : /是 SQLite 的备份，当前数据库是 PostgreSQL/,
    );
    const cut = file('cut');
    await backupDatabase(url, cut);
    writeFileSync(cut, readFileSync(cut).subarray(0, 2000));
    await expect(restoreDatabase(url, cut, { overwrite: true })).rejects.toBeInstanceOf(BackupError);
    expect(await snapshot(url)).toEqual(before);
  });

  it('replaces an existing database only when told to, and restores into an empty one without asking', async () => {
    const target = await fresh();
    await using(target.url, (db) => makeAgency(db, { name: '要恢复的机关' }));
    const output = file('confirm');
    await backupDatabase(target.url, output);
    await expect(restoreDatabase(target.url, output, { overwrite: false })).rejects.toBeInstanceOf(
      RestoreNeedsConfirmation,
    );
    let emptyUrl = target.url;
    if (name === 'sqlite') emptyUrl = file('new.db');
    else await target.drop(); // the schema is gone; the restore creates it again
    await restoreDatabase(emptyUrl, output, { overwrite: false });
    const names = await using(emptyUrl, (db) => db.selectFrom('agencies').select('name').execute());
    expect(names.map((a) => a.name)).toEqual(['要恢复的机关']);
  });
});

describe('SQLite backup while the server writes', () => {
  it('gives a whole, consistent copy each time, and the writer is never held up', async () => {
    const url = file('busy.db');
    await using(url, (db) => migrateToLatest(db));
    const setup = new SQLite(url);
    setup.exec(
      'create table probe_a (id integer primary key, pad blob); create table probe_b (id integer primary key)',
    );
    setup.close();
    // Another process writes pairs of rows in one transaction each, for 1.2 seconds.
    const writer = spawn(
      process.execPath,
      [
        '-e',
        `const db = new (require('better-sqlite3'))(process.argv[1]);
         db.pragma('journal_mode = WAL'); db.pragma('busy_timeout = 5000');
         const a = db.prepare('insert into probe_a (pad) values (randomblob(3000))');
         const b = db.prepare('insert into probe_b (id) values (?)');
         const pair = db.transaction(() => b.run(a.run().lastInsertRowid));
         const end = Date.now() + 1200; let n = 0;
         while (Date.now() < end) { pair(); if (++n === 50) process.stdout.write('ready\\n'); }
         db.close();`,
        url,
      ],
      { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    writer.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const exited = new Promise<number | null>((resolve) => writer.on('close', resolve));
    await new Promise<void>((resolve) => writer.stdout.once('data', () => resolve()));
    const counts: number[] = [];
    for (let i = 0; i < 5; i++) {
      const output = file(`busy-${i}.sqlite3`);
      await backupDatabase(url, output);
      expect(existsSync(`${output}-wal`)).toBe(false);
      const copy = new SQLite(output, { readonly: true });
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      const a = copy.prepare('select count(*) as n, max(id) as top from probe_a').get() as {
        n: number;
        top: number;
      };
      const b = copy.prepare('select count(*) as n, max(id) as top from probe_b').get() as {
        n: number;
        top: number;
      };
      copy.close();
      expect(b).toEqual(a); // never half a transaction
      counts.push(a.n);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await exited).toBe(0);
    expect(stderr).toBe('');
    expect(counts[0]).toBeGreaterThanOrEqual(50);
    expect(counts[4]).toBeGreaterThan(counts[0] ?? 0);
  });
});

describe('backup names and the PostgreSQL client environment', () => {
  it('names a backup by its UTC time, beside the SQLite file or in ./backups', () => {
    const now = new Date('2026-11-27T09:30:00.123Z');
    expect(backupTimestamp(now)).toBe('20261127T093000Z');
    expect(defaultBackupPath('/srv/gongkai/data/gongkai.db', now)).toBe(
      '/srv/gongkai/data/backups/gongkai-20261127T093000Z.sqlite3',
    );
    expect(defaultBackupPath('postgres://u:p@db/gongkai', now)).toBe(
      join(process.cwd(), 'backups', 'gongkai-20261127T093000Z.dump'),
    );
  });

  it('passes the connection in PG* variables, the password decoded, and drops stray ones', () => {
    const saved = process.env.PGSERVICE;
    process.env.PGSERVICE = 'elsewhere';
    try {
      const env = postgresEnvironment(
        'postgres://app%40x:p%2Fw%3Ad@db.example:6543/gong%20kai?sslmode=require',
      );
      expect(env).toMatchObject({
        PGHOST: 'db.example',
        PGPORT: '6543',
        PGUSER: 'app@x',
        PGPASSWORD: 'p/w:d',
        PGDATABASE: 'gong kai',
        PGSSLMODE: 'require',
      });
      expect(env.PGSERVICE).toBeUndefined();
      expect(env.PATH).toBe(process.env.PATH);
    } finally {
      if (saved === undefined) delete process.env.PGSERVICE;
      else process.env.PGSERVICE = saved;
    }
  });
});
