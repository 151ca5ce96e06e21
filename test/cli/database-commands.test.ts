import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { authenticate } from '../../src/orgs/authenticate.ts';
import { runCli } from './run-cli.ts';

describe('gongkai migrate and gongkai demo', () => {
  const file = join(mkdtempSync(join(tmpdir(), 'gongkai-cli-db-')), 'demo.db');
  const env = { ...process.env, DATABASE_URL: file };

  it('migrates once, then says the schema is current', async () => {
    const first = await runCli(['migrate'], 60_000, env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2026112701_orgs');
    expect((await runCli(['migrate'], 60_000, env)).stdout).toContain('数据库已是最新结构');
  });

  it('creates the demo once, with passwords that log in, and recreates it with --reset', async () => {
    const first = await runCli(['demo'], 60_000, env);
    const password = /^\s+admin\s+(\S+)/m.exec(first.stdout)?.[1];
    expect(password).toBeDefined();
    expect((await runCli(['demo'], 60_000, env)).stdout).toContain('未创建演示数据');
    const reset = await runCli(['demo', '--reset'], 60_000, env);
    const newPassword = /^\s+admin\s+(\S+)/m.exec(reset.stdout)?.[1];
    expect(newPassword).not.toBe(password);
    const database = openDatabase(file);
    try {
      const now = new Date();
      expect(
        (await authenticate(database.db, { username: 'admin', password: newPassword ?? '', now })).ok,
      ).toBe(true);
      expect((await authenticate(database.db, { username: 'admin', password: password ?? '', now })).ok).toBe(
        false,
      );
    } finally {
      await database.close();
    }
  });

  it('stops on a bad configuration with a message naming the variable', async () => {
    const bad = await runCli(['demo'], 60_000, { ...env, PORT: 'abc' });
    expect(bad.code).toBe(78);
    expect(bad.stderr).toContain('PORT');
  });
});
