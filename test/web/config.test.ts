import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';
import { BIN } from '../cli/run-cli.ts';

const problemsOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('the config was accepted');
};

describe('configuration from the environment', () => {
  it('has working defaults for the demo', () => {
    const config = loadConfig({});
    expect(config).toEqual({
      databaseUrl: undefined,
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      nodeEnv: 'development',
      cookieSecure: false,
      rateLimitMax: 300,
      loginRateLimitMax: 10,
      trustProxy: false,
      sessionSecret: undefined,
      portalCacheSeconds: 60,
      portalCacheBytes: 64 * 1024 * 1024,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://u:p@db:5432/gongkai',
      PORT: '8080',
      HOST: '0.0.0.0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      COOKIE_SECURE: 'true',
      RATE_LIMIT_MAX: '5000',
      LOGIN_RATE_LIMIT_MAX: '5',
      TRUST_PROXY: '10.0.0.1, 10.1.0.0/16',
      SESSION_SECRET: 'x'.repeat(40),
      PORTAL_CACHE_SECONDS: '0',
      PORTAL_CACHE_MB: '8',
    });
    expect(config).toMatchObject({
      port: 8080,
      cookieSecure: true,
      trustProxy: ['10.0.0.1', '10.1.0.0/16'],
      portalCacheSeconds: 0,
      portalCacheBytes: 8 * 1024 * 1024,
    });
    expect(() => loadConfig({ PORTAL_CACHE_SECONDS: '-1' })).toThrow(/PORTAL_CACHE_SECONDS/);
    expect(() => loadConfig({ PORTAL_CACHE_MB: '0' })).toThrow(/PORTAL_CACHE_MB/);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ PORT: '' }).port).toBe(3000);
  });

  it('names a bad variable in Chinese and in English, with the value it got', () => {
    const message = problemsOf({ PORT: 'abc' });
    expect(message).toBe(
      '配置错误：PORT 必须是 1–65535 之间的整数（收到 "abc"） — PORT must be an integer from 1 to 65535 (got "abc")',
    );
  });

  it('lists every problem at once', () => {
    const message = problemsOf({
      PORT: '70000',
      LOG_LEVEL: 'loud',
      COOKIE_SECURE: 'maybe',
      RATE_LIMIT_MAX: '-1',
      LOGIN_RATE_LIMIT_MAX: '1.5',
      TRUST_PROXY: 'everyone',
      NODE_ENV: 'staging',
      DATABASE_URL: 'mysql://root:hunter2@db/gk',
      SESSION_SECRET: 'short',
    });
    expect(message).toMatch(/^配置错误（9 处）：/);
    for (const name of [
      'PORT',
      'LOG_LEVEL',
      'COOKIE_SECURE',
      'RATE_LIMIT_MAX',
      'LOGIN_RATE_LIMIT_MAX',
      'TRUST_PROXY',
      'NODE_ENV',
      'DATABASE_URL',
      'SESSION_SECRET',
    ]) {
      expect(message).toContain(`  - ${name} 必须是`);
    }
    // Secrets never go into the message.
    expect(message).not.toContain('hunter2');
    expect(message).not.toContain('"short"');
  });

  it('stops `gongkai serve` with the message and exit status 78 before anything starts', async () => {
    const run = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, 'serve'], {
        env: {
          ...process.env,
          PORT: 'abc',
          LOG_LEVEL: 'loud',
          DATABASE_URL: '/nonexistent/should-not-be-created.db',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => {
        stderr += d;
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });
    expect(run.code).toBe(78);
    expect(run.stderr).toContain('PORT 必须是 1–65535 之间的整数（收到 "abc"）');
    expect(run.stderr).toContain('LOG_LEVEL');
  });
});
