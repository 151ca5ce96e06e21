/**
 * PostgreSQL for the crash and load tests: a throwaway schema on the server a URL names, and
 * the Debian cluster (pg_lsclusters) that serves it, to restart it under load.
 */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

const withoutSchema = (pgUrl: string): string => {
  const url = new URL(pgUrl);
  url.searchParams.delete('schema');
  return url.toString();
};

const admin = async <T>(pgUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> => {
  const client = new pg.Client({ connectionString: withoutSchema(pgUrl) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
};

export interface ThrowawaySchema {
  readonly schema: string;
  /** The URL with `?schema=…`: what DATABASE_URL is set to. */
  readonly databaseUrl: string;
  drop(): Promise<void>;
}

/** A new, empty schema named `prefix_<pid>_<time>`; drop() removes it with everything in it. */
export const createSchema = async (pgUrl: string, prefix: string): Promise<ThrowawaySchema> => {
  const schema = `${prefix}_${process.pid}_${Date.now()}`;
  await admin(pgUrl, (c) => c.query(`create schema ${schema}`));
  const url = new URL(withoutSchema(pgUrl));
  url.searchParams.set('schema', schema);
  return {
    schema,
    databaseUrl: url.toString(),
    drop: async () => {
      await admin(pgUrl, (c) => c.query(`drop schema if exists ${schema} cascade`));
    },
  };
};

export interface Cluster {
  readonly version: string;
  readonly name: string;
  readonly port: number;
}

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/**
 * The Debian cluster serving the URL's port on this machine (`pg_lsclusters -h`: version,
 * name, port, status, …). Throws when the URL is not local or no cluster has that port.
 */
export const findCluster = (pgUrl: string): Cluster => {
  const url = new URL(pgUrl);
  const host = url.searchParams.get('host') ?? url.hostname;
  if (!LOCAL_HOSTS.has(host) && !host.startsWith('/'))
    throw new Error(`只能重启本机的 PostgreSQL：${host} 不是本机地址`);
  const port = Number(url.port || '5432');
  const lines = execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' }).split('\n');
  for (const line of lines) {
    const [version, name, clusterPort] = line.trim().split(/\s+/);
    if (version && name && Number(clusterPort) === port) return { version, name, port };
  }
  throw new Error(`pg_lsclusters 中没有监听端口 ${port} 的集群`);
};

/** `pg_ctlcluster VERSION NAME restart` (fast shutdown: every session is terminated), asynchronously. */
export const restartCluster = async (cluster: Cluster): Promise<void> => {
  await run('pg_ctlcluster', [cluster.version, cluster.name, 'restart'], { timeout: 120_000 });
};
