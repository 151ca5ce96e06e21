import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { openDatabase } from './database.ts';
import { type DatabaseTarget, parseDatabaseUrl } from './database-url.ts';
import { migrateToLatest } from './migrate.ts';

/**
 * Backups of the whole database and their restore. SQLite: the online backup API, a consistent
 * copy taken while the server keeps writing (WAL). PostgreSQL: pg_dump's custom format of the
 * app's schema, restored with pg_restore through psql in one transaction. The connection
 * parameters reach pg_dump, pg_restore and psql through PG* environment variables, never on
 * their command line (where `ps` would show the password).
 */

/** A backup or restore that could not be done; the message, in Chinese, says why and what to do. */
export class BackupError extends Error {
  override readonly name = 'BackupError';
}

/** Restore would overwrite a database that exists: the caller must confirm (`--yes`). */
export class RestoreNeedsConfirmation extends Error {
  override readonly name = 'RestoreNeedsConfirmation';
}

export interface BackupResult {
  readonly dialect: DatabaseTarget['dialect'];
  /** Absolute path of the backup file. */
  readonly path: string;
  readonly bytes: number;
}

export interface RestoreResult {
  readonly dialect: DatabaseTarget['dialect'];
  /** The SQLite file, or the PostgreSQL schema, that now holds the restored data. */
  readonly target: string;
  /** Migrations applied after the restore (a backup taken by an older version). */
  readonly migrated: readonly string[];
}

/** Kysely's table of applied migrations: a gongkai database has one. */
const MIGRATIONS_TABLE = 'kysely_migration';
const SQLITE_MAGIC = 'SQLite format 3\0';
const PGDMP_MAGIC = 'PGDMP';
const CLIENT_PACKAGE =
  'PostgreSQL 客户端（Debian/Ubuntu：apt-get install postgresql-client，版本不低于服务器）';

/** 20261127T093000Z: the UTC time in a backup file's name. */
export const backupTimestamp = (now: Date): string =>
  now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');

/** Where `gongkai backup` writes without --output: a backups folder beside the SQLite file, or ./backups. */
export function defaultBackupPath(url: string | undefined, now: Date): string {
  const target = parseDatabaseUrl(url);
  const stamp = backupTimestamp(now);
  return target.dialect === 'sqlite'
    ? resolve(dirname(target.path), 'backups', `gongkai-${stamp}.sqlite3`)
    : resolve('backups', `gongkai-${stamp}.dump`);
}

/** A file name beside `path` for writing before the rename that puts it in place. */
const tempBeside = (path: string): string =>
  join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`);

const removeQuietly = (path: string): void => rmSync(path, { force: true });

const firstBytes = (path: string, n: number): string => {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(n);
    const read = readSync(fd, buffer, 0, n, 0);
    return buffer.subarray(0, read).toString('latin1');
  } finally {
    closeSync(fd);
  }
};

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Backs up the database named by `url` (DATABASE_URL) to `output`; an existing file there is replaced. */
export async function backupDatabase(url: string | undefined, output: string): Promise<BackupResult> {
  const target = parseDatabaseUrl(url);
  const path = resolve(output);
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw new BackupError(`无法创建备份目录 ${dirname(path)}：${reason(error)}`);
  }
  if (target.dialect === 'sqlite') await backupSqlite(target.path, path);
  else await backupPostgres(target, path);
  return { dialect: target.dialect, path, bytes: statSync(path).size };
}

/**
 * Restores `file` (a backup made by backupDatabase) over the database named by `url`, then
 * migrates it to the latest schema. The file is checked before anything is touched; an
 * existing database is replaced only with `overwrite`. Stop the server first: it keeps its
 * own view of the old data otherwise.
 */
export async function restoreDatabase(
  url: string | undefined,
  file: string,
  options: { overwrite: boolean },
): Promise<RestoreResult> {
  const target = parseDatabaseUrl(url);
  const source = resolve(file);
  if (!existsSync(source) || !statSync(source).isFile()) throw new BackupError(`备份文件 ${source} 不存在`);
  const restoredTo =
    target.dialect === 'sqlite'
      ? await restoreSqlite(source, resolve(target.path), options.overwrite)
      : await restorePostgres(target, source, options.overwrite);
  const database = openDatabase(url);
  try {
    const migrated = await migrateToLatest(database.db);
    return { dialect: target.dialect, target: restoredTo, migrated };
  } catch (error) {
    throw new BackupError(
      `备份已恢复，但迁移到最新结构失败（请运行 gongkai migrate 查看）：${reason(error)}`,
    );
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------- SQLite

async function backupSqlite(databasePath: string, output: string): Promise<void> {
  if (databasePath === ':memory:') throw new BackupError('内存数据库（:memory:）无法备份');
  if (!existsSync(databasePath))
    throw new BackupError(`数据库文件 ${resolve(databasePath)} 不存在，无可备份`);
  const temp = tempBeside(output);
  let source: SQLite.Database | undefined;
  try {
    source = new SQLite(databasePath, { fileMustExist: true });
    source.pragma('busy_timeout = 5000');
    // All pages in one step: one read transaction, so the copy is one consistent state even
    // while the server writes (WAL lets it go on writing meanwhile), and never restarts.
    await source.backup(temp, { progress: () => 0x7fffffff });
    // The copy stands alone: no -wal file beside it, and it is whole.
    const copy = new SQLite(temp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      checkSqlite(copy, output);
    } finally {
      copy.close();
    }
    renameSync(temp, output);
  } catch (error) {
    removeQuietly(temp);
    if (error instanceof BackupError) throw error;
    throw new BackupError(`备份 SQLite 数据库 ${resolve(databasePath)} 失败：${reason(error)}`);
  } finally {
    source?.close();
  }
}

/** Throws unless `db` passes SQLite's quick check and has gongkai's migrations table. */
function checkSqlite(db: SQLite.Database, label: string): void {
  const problems = (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  if (problems.length !== 1 || problems[0] !== 'ok')
    throw new BackupError(`${label} 已损坏（SQLite 完整性检查：${problems.slice(0, 3).join('；')}）`);
  const table = db
    .prepare("select name from sqlite_master where type = 'table' and name = ?")
    .get(MIGRATIONS_TABLE);
  if (table === undefined)
    throw new BackupError(`${label} 是 SQLite 数据库，但不是 gongkai 的数据库（没有迁移记录表）`);
}

async function restoreSqlite(source: string, targetPath: string, overwrite: boolean): Promise<string> {
  if (targetPath.endsWith(':memory:')) throw new BackupError('无法恢复到内存数据库（:memory:）');
  const magic = firstBytes(source, 16);
  if (magic.startsWith(PGDMP_MAGIC))
    throw new BackupError(`${source} 是 PostgreSQL 的备份（pg_dump），当前数据库是 SQLite，无法恢复到这里`);
  if (magic !== SQLITE_MAGIC) throw new BackupError(`${source} 不是 SQLite 数据库文件，无法恢复`);
  let backup: SQLite.Database | undefined;
  try {
    backup = new SQLite(source, { readonly: true, fileMustExist: true });
    checkSqlite(backup, source);
  } catch (error) {
    backup?.close();
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${source} 无法作为 SQLite 数据库读取：${reason(error)}`);
  }
  if (existsSync(targetPath) && !overwrite) {
    backup.close();
    throw new RestoreNeedsConfirmation(
      `数据库文件 ${targetPath} 已存在，恢复将用备份替换其中的全部数据。请先停止 gongkai 服务，确认后加 --yes 重新执行`,
    );
  }
  mkdirSync(dirname(targetPath), { recursive: true });
  const temp = tempBeside(targetPath);
  try {
    // The backup API, not a file copy: it reads the backup as SQLite sees it, -wal included.
    await backup.backup(temp, { progress: () => 0x7fffffff });
    // A stale -wal of the old database would be replayed onto the new one.
    for (const suffix of ['-wal', '-shm', '-journal']) removeQuietly(`${targetPath}${suffix}`);
    renameSync(temp, targetPath);
  } catch (error) {
    removeQuietly(temp);
    throw new BackupError(`恢复到 ${targetPath} 失败：${reason(error)}`);
  } finally {
    backup.close();
  }
  return targetPath;
}

// ---------------------------------------------------------------- PostgreSQL

/** libpq's environment for the URL: PGHOST, PGPASSWORD… — the password stays off the command line. */
export function postgresEnvironment(connectionString: string): NodeJS.ProcessEnv {
  const url = new URL(connectionString);
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('PG')) env[key] = value;
  const set = (name: string, value: string | null | undefined): void => {
    if (value !== null && value !== undefined && value !== '') env[name] = value;
  };
  set('PGHOST', url.hostname.replace(/^\[(.*)\]$/, '$1'));
  set('PGPORT', url.port);
  set('PGUSER', decodeURIComponent(url.username));
  set('PGPASSWORD', decodeURIComponent(url.password));
  set('PGDATABASE', decodeURIComponent(url.pathname.slice(1)));
  const params: Record<string, string> = {
    host: 'PGHOST',
    port: 'PGPORT',
    user: 'PGUSER',
    password: 'PGPASSWORD',
    dbname: 'PGDATABASE',
    sslmode: 'PGSSLMODE',
    sslrootcert: 'PGSSLROOTCERT',
    sslcert: 'PGSSLCERT',
    sslkey: 'PGSSLKEY',
    connect_timeout: 'PGCONNECT_TIMEOUT',
    application_name: 'PGAPPNAME',
  };
  for (const [param, name] of Object.entries(params)) set(name, url.searchParams.get(param));
  return env;
}

const schemaOf = (target: Extract<DatabaseTarget, { dialect: 'postgres' }>): string =>
  target.schema ?? 'public';

interface Run {
  readonly code: number | null;
  readonly stderr: string;
}

/** Waits for a spawned client; a missing program becomes a BackupError naming the package. */
const finished = (child: ChildProcess, program: string): Promise<Run> =>
  new Promise((resolvePromise, reject) => {
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(
        error.code === 'ENOENT'
          ? new BackupError(`找不到 ${program} 命令：请安装 ${CLIENT_PACKAGE}`)
          : new BackupError(`无法运行 ${program}：${error.message}`),
      );
    });
    child.on('close', (code) => resolvePromise({ code, stderr: stderr.trim() }));
  });

async function backupPostgres(target: Extract<DatabaseTarget, { dialect: 'postgres' }>, output: string) {
  const temp = tempBeside(output);
  const child = spawn(
    'pg_dump',
    ['--format=custom', '--no-password', `--schema=${schemaOf(target)}`, `--file=${temp}`],
    { env: postgresEnvironment(target.connectionString), stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    const run = await finished(child, 'pg_dump');
    if (run.code !== 0) throw new BackupError(`pg_dump 备份失败（退出码 ${run.code}）：${run.stderr}`);
    renameSync(temp, output);
  } catch (error) {
    removeQuietly(temp);
    throw error;
  }
}

/** pg_restore's table of contents: the schemas and tables the archive holds. */
async function archiveContents(file: string, env: NodeJS.ProcessEnv) {
  const child = spawn('pg_restore', ['--list', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  child.stdout?.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  const run = await finished(child, 'pg_restore');
  if (run.code !== 0) throw new BackupError(`${file} 不是有效的 pg_dump 备份：${run.stderr}`);
  const schemas = new Set<string>();
  const tables = new Set<string>();
  for (const line of stdout.split('\n')) {
    const schema = /^\d+; \d+ \d+ SCHEMA - (\S+) /.exec(line);
    if (schema?.[1] !== undefined) schemas.add(schema[1]);
    const table = /^\d+; \d+ \d+ TABLE (?!DATA )(\S+) (\S+) /.exec(line);
    if (table?.[1] !== undefined && table[2] !== undefined) {
      schemas.add(table[1]);
      tables.add(table[2]);
    }
  }
  return { schemas, tables };
}

async function restorePostgres(
  target: Extract<DatabaseTarget, { dialect: 'postgres' }>,
  source: string,
  overwrite: boolean,
): Promise<string> {
  const schema = schemaOf(target);
  const magic = firstBytes(source, 16);
  if (magic === SQLITE_MAGIC)
    throw new BackupError(`${source} 是 SQLite 的备份，当前数据库是 PostgreSQL，无法恢复到这里`);
  if (!magic.startsWith(PGDMP_MAGIC))
    throw new BackupError(`${source} 不是 pg_dump 自定义格式（--format=custom）的备份文件，无法恢复`);
  const env = postgresEnvironment(target.connectionString);
  const contents = await archiveContents(source, env);
  if (!contents.tables.has(MIGRATIONS_TABLE))
    throw new BackupError(`${source} 不是 gongkai 数据库的备份（其中没有迁移记录表）`);
  const others = [...contents.schemas].filter((s) => s !== schema);
  if (others.length > 0 || !contents.schemas.has(schema))
    throw new BackupError(
      `${source} 备份的是模式 ${[...contents.schemas].join('、')}，当前配置的模式是 ${schema}：` +
        '请在 DATABASE_URL 中用 ?schema= 指定与备份相同的模式',
    );
  if (!overwrite && (await schemaHasTables(target.connectionString, schema)))
    throw new RestoreNeedsConfirmation(
      `PostgreSQL 模式 ${schema} 中已有数据，恢复将用备份替换其中的全部数据。请先停止 gongkai 服务，确认后加 --yes 重新执行`,
    );
  await replaceSchema(source, schema, env);
  return schema;
}

async function schemaHasTables(connectionString: string, schema: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  try {
    await client.connect();
    const { rows } = await client.query(
      'select exists (select 1 from information_schema.tables where table_schema = $1) as found',
      [schema],
    );
    return rows[0]?.found === true;
  } catch (error) {
    throw new BackupError(`无法连接 PostgreSQL：${reason(error)}`);
  } finally {
    await client.end().catch(() => {});
  }
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops the schema with everything in it (tables a newer version added too) and loads the
 * archive, all in one transaction: pg_restore writes the SQL, psql runs it and commits only
 * when pg_restore finished well. A failure leaves the database as it was.
 */
async function replaceSchema(source: string, schema: string, env: NodeJS.ProcessEnv): Promise<void> {
  const psql = spawn(
    'psql',
    ['--no-psqlrc', '--quiet', '--no-password', '--set=ON_ERROR_STOP=1', '--file=-'],
    {
      env,
      stdio: ['pipe', 'ignore', 'pipe'],
    },
  );
  const psqlDone = finished(psql, 'psql');
  psql.stdin?.on('error', () => {}); // psql stopped early: its exit code and stderr say why
  psql.stdin?.write(`begin;\ndrop schema if exists ${quoteIdent(schema)} cascade;\n`);
  const restore = spawn(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--file=-', source],
    { env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  restore.stdout?.pipe(psql.stdin as NodeJS.WritableStream, { end: false });
  psql.on('close', () => {
    // psql stopped on an error: let pg_restore write to nowhere and finish instead of blocking.
    restore.stdout?.unpipe();
    restore.stdout?.resume();
  });
  let restoreRun: Run;
  try {
    restoreRun = await finished(restore, 'pg_restore');
  } catch (error) {
    psql.stdin?.end(); // no commit: psql's session ends and the transaction rolls back
    await psqlDone.catch(() => {});
    throw error;
  }
  // Only a complete script is committed.
  psql.stdin?.end(restoreRun.code === 0 ? '\ncommit;\n' : '\nrollback;\n');
  const psqlRun = await psqlDone;
  if (restoreRun.code !== 0)
    throw new BackupError(`pg_restore 读取备份失败（退出码 ${restoreRun.code}）：${restoreRun.stderr}`);
  if (psqlRun.code !== 0)
    throw new BackupError(`恢复到 PostgreSQL 模式 ${schema} 失败，数据库未改变：${psqlRun.stderr}`);
}
