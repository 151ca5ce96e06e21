import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { BIN } from '../cli/run-cli.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

interface Server {
  readonly child: ChildProcess;
  readonly output: () => string;
  readonly exited: Promise<number | null>;
}

/** Starts `gongkai serve` and resolves once it says it is listening. */
const start = async (env: Record<string, string>, args: string[] = []): Promise<Server> => {
  const child = spawn(process.execPath, [BIN, 'serve', ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 30_000);
    const onData = (d: Buffer) => {
      out += d.toString('utf8');
      if (out.includes('gongkai 已启动')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('close', () => reject(new Error(`serve exited: ${out}`)));
  });
  return { child, output: () => out, exited };
};

describe('gongkai serve', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-serve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates, seeds the demo, prints the accounts once, serves, and stops on SIGTERM', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: join(dir, 'demo.db'), PORT: String(port), HOST: '127.0.0.1' };
    const first = await start(env);
    expect(first.output()).toContain('已创建演示数据');
    expect(first.output()).toMatch(/admin\s+\S{12}\s+赵建国，鼓楼区人民政府管理员/);
    expect(first.output()).toContain(`http://127.0.0.1:${port}/workbench/login`);
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('鼓楼区人民政府');
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const second = await start(env);
    expect(second.output()).not.toContain('已创建演示数据');
    expect(second.output()).toContain(`gongkai 已启动：http://127.0.0.1:${port}`);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('serves from several processes whose page caches empty together, and stops them all', async () => {
    const port = await freePort();
    const env = {
      DATABASE_URL: join(dir, 'workers.db'),
      PORT: String(port),
      HOST: '127.0.0.1',
      PORTAL_CACHE_SECONDS: '600',
    };
    const server = await start(env, ['--workers', '2']);
    onTestFinished(() => {
      if (server.child.exitCode === null) server.child.kill('SIGTERM');
    });
    expect(server.output()).toContain('已创建演示数据');
    expect(server.output()).toContain(`gongkai 已启动：http://127.0.0.1:${port}（2 个工作进程）`);
    // A new connection each time: the primary hands connections to the workers in turn.
    const get = (path: string) =>
      new Promise<{ status: number; hit: boolean; body: string }>((resolve, reject) => {
        request({ host: '127.0.0.1', port, path, agent: false }, (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (d: string) => {
            body += d;
          });
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, hit: res.headers['x-page-cache'] === 'hit', body }),
          );
        })
          .on('error', reject)
          .end();
      });
    const pages = [];
    for (let i = 0; i < 4; i++) pages.push(await get('/agencies'));
    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200]);
    // Each worker rendered the page once and serves it from its own cache after that.
    expect(pages.map((p) => p.hit)).toEqual([false, false, true, true]);

    const agencies = await get('/agencies');
    const agencyId = /\/agencies\/(\d+)/.exec(agencies.body)?.[1];
    const submitted = await fetch(`http://127.0.0.1:${port}/api/v1/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'workers-test-1' },
      body: JSON.stringify({
        agencyId: Number(agencyId),
        applicantType: 'natural',
        applicantName: '王小明',
        idType: 'residentId',
        idNumber: '11010519491231002X',
        phone: '13812345678',
        description: '2023年度最低生活保障资金发放情况',
        formWanted: 'electronic',
      }),
    });
    expect(submitted.status).toBe(201);
    // The worker that took the write told the other one (through the primary) to forget too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const after = [await get('/agencies'), await get('/agencies')];
    expect(after.map((p) => p.hit)).toEqual([false, false]);

    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    await expect(get('/agencies')).rejects.toThrow();
  }, 60_000);
});
