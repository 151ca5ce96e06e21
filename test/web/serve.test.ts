import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
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
const start = async (env: Record<string, string>): Promise<Server> => {
  const child = spawn(process.execPath, [BIN, 'serve'], {
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
});
