/**
 * `npm run deploy:local -- --pg URL [--processes N] [--port P]`: the production shape on one
 * machine — N separate `gongkai serve` processes on one PostgreSQL database behind nginx
 * (Debian's package), loopback only. Migrates once, seeds the demo once if the database is
 * empty, starts the processes on ports P+1…P+N and nginx on P with deploy/nginx/gongkai.conf,
 * and stops everything at Ctrl-C. The deployment test (test/deploy/nginx.test.ts) drives it.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { REPO, type Served, startServer, stopServer } from './support/serve.ts';

export const NGINX = '/usr/sbin/nginx';

export interface DeploymentOptions {
  /** The PostgreSQL database every process shares. */
  readonly databaseUrl: string;
  readonly processes: number;
  /** nginx listens here; the app processes on the ports after it. */
  readonly port: number;
  /** More environment for the app processes (limits, log level). */
  readonly env?: NodeJS.ProcessEnv;
  readonly quiet?: boolean;
}

export interface Deployment {
  readonly url: string;
  readonly processes: readonly Served[];
  /** nginx's access log: one line per request, with the upstream that answered it. */
  readonly accessLog: () => string;
  stop(): Promise<void>;
}

/** deploy/nginx/gongkai.conf with the upstream servers and the runtime paths filled in. */
export const nginxConfig = (options: {
  port: number;
  upstreams: readonly number[];
  runtime: string;
}): string =>
  readFileSync(join(REPO, 'deploy', 'nginx', 'gongkai.conf'), 'utf8')
    .replaceAll('{{listen}}', `127.0.0.1:${options.port}`)
    .replaceAll('{{runtime}}', options.runtime)
    .replaceAll(
      '{{upstreams}}',
      options.upstreams.map((port) => `server 127.0.0.1:${port} max_fails=1 fail_timeout=5s;`).join('\n    '),
    );

const gongkai = (args: string[], env: NodeJS.ProcessEnv): void => {
  execFileSync(process.execPath, ['bin/gongkai.js', ...args], { cwd: REPO, env, stdio: 'pipe' });
};

const waitForHttp = async (url: string, timeoutMs = 30_000): Promise<void> => {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} 在 ${timeoutMs / 1000} 秒内没有应答`);
    await sleep(100);
  }
};

export const startDeployment = async (options: DeploymentOptions): Promise<Deployment> => {
  if (!existsSync(NGINX)) throw new Error('未找到 nginx：apt-get install nginx');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: options.databaseUrl,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    // nginx is the one hop before the app: the client's address is the one nginx saw.
    TRUST_PROXY: '127.0.0.1',
    // Audits run in worker threads: without it glibc keeps what each thread's arenas grew to.
    MALLOC_ARENA_MAX: '2',
    ...options.env,
  };
  // Once, before any process starts: N processes migrating and seeding at once would race.
  gongkai(['migrate'], env);
  gongkai(['demo'], env);

  const runtime = mkdtempSync(join(tmpdir(), 'gongkai-nginx-'));
  mkdirSync(join(runtime, 'temp'), { recursive: true });
  // Started as root, nginx's worker runs as nobody: it must reach its temporary files.
  chmodSync(runtime, 0o755);
  chmodSync(join(runtime, 'temp'), 0o777);
  const upstreams = Array.from({ length: options.processes }, (_, i) => options.port + 1 + i);
  const processes: Served[] = [];
  let nginx: ReturnType<typeof spawn> | undefined;
  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await Promise.race([exited, sleep(5000)]);
    }
    await Promise.all(processes.map((p) => stopServer(p.child)));
    rmSync(runtime, { recursive: true, force: true });
  };
  try {
    for (const port of upstreams)
      processes.push(await startServer({ ...env, PORT: String(port) }, { workers: 1, quiet: options.quiet }));
    const configFile = join(runtime, 'nginx.conf');
    writeFileSync(configFile, nginxConfig({ port: options.port, upstreams, runtime }));
    execFileSync(NGINX, ['-t', '-q', '-p', runtime, '-c', configFile], { stdio: 'pipe' });
    nginx = spawn(NGINX, ['-p', runtime, '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    nginx.stderr?.on('data', (chunk: Buffer) => {
      if (!options.quiet) process.stderr.write(`  [nginx] ${chunk}`);
    });
    await waitForHttp(`http://127.0.0.1:${options.port}/healthz`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    url: `http://127.0.0.1:${options.port}`,
    processes,
    accessLog: () => {
      try {
        return readFileSync(join(runtime, 'access.log'), 'utf8');
      } catch {
        return '';
      }
    },
    stop,
  };
};

const main = async () => {
  const args = process.argv.slice(2);
  const flag = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const databaseUrl = flag('--pg') ?? process.env.DATABASE_URL;
  if (!databaseUrl?.startsWith('postgres')) {
    console.error(
      '用法：npm run deploy:local -- --pg postgres://用户:密码@127.0.0.1:5432/数据库 [--processes 2] [--port 8080]',
    );
    process.exit(64);
  }
  const deployment = await startDeployment({
    databaseUrl,
    processes: Number(flag('--processes') ?? 2),
    port: Number(flag('--port') ?? 8080),
  });
  console.log(
    `gongkai 已启动：${deployment.url}（nginx → ${deployment.processes.length} 个应用进程，PostgreSQL）；Ctrl-C 停止`,
  );
  const stopAll = () => {
    deployment.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stopAll);
  process.once('SIGTERM', stopAll);
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
