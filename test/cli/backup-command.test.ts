import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { PG_URL } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { runCli } from './run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The agencies' names in the database at `url`, after `change` if one is given. */
const agencies = async (
  url: string,
  change?: (db: ReturnType<typeof openDatabase>['db']) => Promise<unknown>,
) => {
  const database = openDatabase(url);
  try {
    await migrateToLatest(database.db);
    if (change !== undefined) await change(database.db);
    const rows = await database.db.selectFrom('agencies').select('name').orderBy('name').execute();
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
};

const seed = (url: string) =>
  agencies(url, async (db) => {
    await makeAgency(db, { name: '甲机关' });
    await makeAgency(db, { name: '乙机关' });
  });

/** Changes after the backup: one agency renamed, one added. */
const change = (url: string) =>
  agencies(url, async (db) => {
    await db.updateTable('agencies').set({ name: '改名机关' }).where('name', '=', '甲机关').execute();
    await makeAgency(db, { name: '丙机关' });
  });

skipIfNoPostgres();

describe('gongkai backup and gongkai restore (SQLite)', () => {
  const database = join(dir, 'data', 'gongkai.db');
  const env = { ...process.env, DATABASE_URL: database };

  it('backs up beside the data, asks before replacing, and restores the rows', async () => {
    expect(await seed(database)).toEqual(['乙机关', '甲机关']);
    const backup = await runCli(['backup'], 60_000, env);
    expect(backup.code).toBe(0);
    const path = /^已备份到 (.+\/backups\/gongkai-\d{8}T\d{6}Z\.sqlite3)（([\d.]+ (?:字节|KiB|MiB))）$/m.exec(
      backup.stdout,
    );
    expect(path?.[1]).toBeDefined();
    const file = path?.[1] ?? '';
    expect(dirname(dirname(file))).toBe(dirname(database));
    expect(statSync(file).size).toBeGreaterThan(4096);

    expect(await change(database)).toEqual(['丙机关', '乙机关', '改名机关']);
    const unconfirmed = await runCli(['restore', file], 60_000, env);
    expect(unconfirmed.code).toBe(64);
    expect(unconfirmed.stderr).toContain('--yes');
    expect(await agencies(database)).toEqual(['丙机关', '乙机关', '改名机关']);

    const restore = await runCli(['restore', file, '--yes'], 60_000, env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(database);
    expect(await agencies(database)).toEqual(['乙机关', '甲机关']);
  });

  it('refuses a file that is not a database with exit 1 and says so in Chinese', async () => {
    const text = join(dir, 'notes.txt');
    writeFileSync(text, '会议纪要\n');
    const run = await runCli(['restore', text, '--yes'], 60_000, env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/notes\.txt 不是 SQLite 数据库文件，无法恢复/);
    expect(await agencies(database)).toEqual(['乙机关', '甲机关']);
  });

  it('exits 64 when used wrongly', async () => {
    const [noFile, badFlag, emptyOutput] = await Promise.all([
      runCli(['restore'], 60_000, env),
      runCli(['backup', '--gzip'], 60_000, env),
      runCli(['backup', '--output', ''], 60_000, env),
    ]);
    expect(noFile.code).toBe(64);
    expect(noFile.stderr).toContain('file');
    expect(badFlag.code).toBe(64);
    expect(emptyOutput.code).toBe(64);
    expect(emptyOutput.stderr).toContain('--output');
  });
});

describe.skipIf(PG_URL === undefined)('gongkai backup and gongkai restore (PostgreSQL)', () => {
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  const url = (() => {
    if (PG_URL === undefined) return '';
    const u = new URL(PG_URL);
    u.searchParams.set('schema', schema);
    return u.toString();
  })();
  const env = { ...process.env, DATABASE_URL: url };
  afterAll(() => admin(`drop schema if exists ${schema} cascade`));

  it('dumps with pg_dump and puts the rows back with pg_restore', async () => {
    await admin(`create schema ${schema}`);
    await seed(url);
    const file = join(dir, 'pg.dump');
    const backup = await runCli(['backup', '-o', file], 60_000, env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toContain(`已备份到 ${file}`);
    expect(existsSync(file)).toBe(true);

    await change(url);
    const restore = await runCli(['restore', file, '--yes'], 60_000, env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(restore.stdout).toContain(`PostgreSQL 模式 ${schema}`);
    expect(await agencies(url)).toEqual(['乙机关', '甲机关']);
  });

  it('names the package to install when pg_dump is missing', async () => {
    const run = await runCli(['backup', '-o', join(dir, 'none.dump')], 60_000, { ...env, PATH: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('找不到 pg_dump');
    expect(run.stderr).toContain('postgresql-client');
    expect(existsSync(join(dir, 'none.dump'))).toBe(false);
  });
});
