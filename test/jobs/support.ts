import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { type Database, openDatabase } from '../../src/db/database.ts';
import { pgBossSchemaFor } from '../../src/jobs/pg-boss-job-store.ts';
import { PG_URL } from '../support/databases.ts';

/** The URL of the test database, for another connection or another process. */
export const urlOf = async (database: Database): Promise<string> => {
  if (database.dialect === 'sqlite') {
    const { rows } = await sql<{
      file: string;
    }>`select file from pragma_database_list where name = 'main'`.execute(database.db);
    const file = rows[0]?.file;
    if (file === undefined || file === '') throw new Error('the test database has no file');
    return file;
  }
  const url = new URL(PG_URL ?? '');
  url.searchParams.set('schema', await currentSchema(database));
  return url.toString();
};

/** A second connection to the same database: another "process" for the queue. */
export const secondHandle = async (database: Database): Promise<Database> =>
  openDatabase(await urlOf(database));

export interface WorkerProcess {
  /** The ids of the jobs it ran, as it reported them. */
  readonly ran: string[];
  stop(): Promise<void>;
}

/** A real second process running the queue on the same database (worker-process.ts). */
export const startWorkerProcess = async (database: Database, name: string): Promise<WorkerProcess> => {
  const script = fileURLToPath(new URL('./worker-process.ts', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', script, await urlOf(database), name],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const ran: string[] = [];
  let buffer = '';
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the worker process exited (${code})`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve();
        else if (line.startsWith('ran ')) ran.push(line.slice(4));
      }
    });
  });
  await ready;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    ran,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
};

const currentSchema = async (database: Database): Promise<string> => {
  const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
  const schema = rows[0]?.s;
  if (schema === undefined) throw new Error('no current schema');
  return schema;
};

/** pg-boss's schema beside a test database is not dropped with it: drop it after the tests. */
export const dropJobSchema = async (database: Database): Promise<void> => {
  if (database.dialect !== 'postgres') return;
  const schema = pgBossSchemaFor(await currentSchema(database));
  await sql.raw(`drop schema if exists ${schema} cascade`).execute(database.db);
};

/** A job name of its own for each test (the database is shared within a file). */
export const uniqueName = (prefix: string): string => `${prefix}.${randomBytes(3).toString('hex')}`;

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns something other than undefined, or fails after `timeoutMs`. */
export const waitFor = async <T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 10_000,
): Promise<T> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
};

/** Options that keep queue tests fast. */
export const FAST = { pollIntervalMs: 50, maintenanceIntervalMs: 1000, stopTimeoutMs: 5000 } as const;
