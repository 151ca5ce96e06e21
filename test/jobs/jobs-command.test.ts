import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { openJobQueue } from '../../src/jobs/job-queue.ts';
import { runCli } from '../cli/run-cli.ts';

describe('gongkai jobs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-jobs-'));
  const file = join(dir, 'jobs.db');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the failed jobs and retries one', async () => {
    const database = openDatabase(file);
    let id = '';
    try {
      await migrateToLatest(database.db);
      id = (await openJobQueue(database).send('calendar.recompute')) ?? '';
      await database.db
        .updateTable('jobs')
        .set({
          state: 'failed',
          started_on: new Date().toISOString(),
          output: JSON.stringify({ message: '出错了' }),
        })
        .where('id', '=', id)
        .execute();
    } finally {
      await database.close();
    }
    const env = { ...process.env, DATABASE_URL: file, LOG_LEVEL: 'silent' };
    const listed = await runCli(['jobs', 'list', '--state', 'failed'], 60_000, env);
    expect(listed.code).toBe(0);
    expect(listed.stdout.trim().split('\t')).toEqual(
      expect.arrayContaining([id, '重新计算全部期限', '失败', '1/4', '出错了']),
    );
    const retried = await runCli(['jobs', 'retry', id], 60_000, env);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain('已重新排队');
    const reopened = openDatabase(file);
    try {
      const row = await reopened.db
        .selectFrom('jobs')
        .select(['state', 'retry_limit'])
        .where('id', '=', id)
        .executeTakeFirst();
      expect(row).toEqual({ state: 'retry', retry_limit: 4 });
      const audit = await reopened.db
        .selectFrom('audit_log')
        .select(['action', 'actor_label'])
        .where('entity_id', '=', id)
        .execute();
      expect(audit).toEqual([{ action: 'job.retry', actor_label: '命令行' }]);
    } finally {
      await reopened.close();
    }
    const again = await runCli(['jobs', 'retry', id], 60_000, env);
    expect(again.code).toBe(64);
    expect(again.stderr).toContain('只有失败的任务可以重试');
  });
});
