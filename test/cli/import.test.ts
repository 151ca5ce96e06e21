import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/database.ts';
import {
  APPLICATION_HEADERS,
  applicationRow,
  BAD_CHECK_ID,
  csvBytes,
  csvText,
  EVENT_HEADERS,
  xlsxOf,
} from '../applications/import/import-files.ts';
import { PG_URL } from '../support/databases.ts';
import { makeAgency } from '../support/factories.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';
import { runCli } from './run-cli.ts';

skipIfNoPostgres();

const dir = mkdtempSync(join(tmpdir(), 'gongkai-cli-import-'));
const write = (name: string, bytes: Uint8Array): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** A database URL of its own for the CLI: a SQLite file, or a fresh schema on the test PostgreSQL. */
const targets: { name: string; url: () => Promise<{ url: string; drop: () => Promise<void> }> }[] = [
  {
    name: 'sqlite',
    url: async () => ({ url: join(dir, `${randomBytes(4).toString('hex')}.db`), drop: async () => {} }),
  },
  ...(PG_URL === undefined
    ? []
    : [
        {
          name: 'postgres',
          url: async () => {
            const schema = `t_${randomBytes(6).toString('hex')}`;
            const admin = async (sql: string) => {
              const client = new pg.Client({ connectionString: PG_URL });
              await client.connect();
              try {
                await client.query(sql);
              } finally {
                await client.end();
              }
            };
            await admin(`create schema ${schema}`);
            const url = new URL(PG_URL ?? '');
            url.searchParams.set('schema', schema);
            return { url: url.toString(), drop: () => admin(`drop schema if exists ${schema} cascade`) };
          },
        },
      ]),
];

describe.each(targets)('gongkai import applications ($name)', (target) => {
  let env: NodeJS.ProcessEnv;
  let database: Database;
  let agencyId: number;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const made = await target.url();
    drop = made.drop;
    env = { ...process.env, DATABASE_URL: made.url };
    expect((await runCli(['migrate'], 60_000, env)).code).toBe(0);
    database = openDatabase(made.url);
    agencyId = (await makeAgency(database.db)).id;
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  const count = async () =>
    (await database.db.selectFrom('applications').select('id').where('agency_id', '=', agencyId).execute())
      .length;
  const run = (...args: string[]) => runCli(['import', 'applications', ...args], 60_000, env);

  it('exits 64 for wrong usage', async () => {
    expect((await run(write('u.csv', csvBytes('导入编号\n', 'utf-8')))).code).toBe(64);
    expect((await run('x.csv', '--agency', 'abc')).code).toBe(64);
    const missing = await run(write('u2.csv', csvBytes('导入编号\n', 'utf-8')), '--agency', '999999');
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('机关 999999 不存在');
  });

  it('exits 2 for a file it cannot read', async () => {
    const gone = await run(join(dir, 'nothing-here.xlsx'), '--agency', String(agencyId));
    expect(gone.code).toBe(2);
    expect(gone.stderr).toContain('无法读取文件');
    const png = write('p.xlsx', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    expect((await run(png, '--agency', String(agencyId))).code).toBe(2);
  });

  it('exits 1 with the row errors in Chinese and stores nothing', async () => {
    const file = write(
      'bad.xlsx',
      await xlsxOf([
        applicationRow('B001', '2026-03-02'),
        applicationRow('B002', '2026-03-02', { 证件号码: BAD_CHECK_ID }),
      ]),
    );
    const res = await run(file, '--agency', String(agencyId));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('「申请」表第 3 行「证件号码」列：居民身份证号码的校验码不正确');
    expect(res.stderr).toContain('未导入任何数据');
    expect(await count()).toBe(0);
  });

  it('checks only with --dry-run, imports otherwise, and refuses the same references again', async () => {
    const apps = write(
      'apps.csv',
      csvBytes(
        csvText(APPLICATION_HEADERS, [
          applicationRow('K001', '2025-12-18'),
          applicationRow('K002', '2026-05-06', {
            答复结果: '予以公开',
            答复日期: '2026-05-20',
            送达日期: '2026-05-21',
            送达方式: '电子邮件',
            送达凭证: '已发送',
          }),
        ]),
        'gbk',
      ),
    );
    const events = write(
      'events.csv',
      csvBytes(
        csvText(EVENT_HEADERS, [
          { 导入编号: 'K001', 事件类型: '征求第三方或其他机关意见', 日期: '2025-12-22' },
        ]),
        'utf-8-bom',
      ),
    );
    const dry = await run(apps, events, '--agency', String(agencyId), '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stderr).toContain('可导入申请 2 件：未办结 1 件');
    expect(dry.stderr).toContain('上年结转）1 件');
    expect(await count()).toBe(0);

    const real = await run(apps, events, '--agency', String(agencyId));
    expect(real.code).toBe(0);
    expect(real.stdout).toContain('已导入 2 件申请、1 个办理事件');
    expect(await count()).toBe(2);
    const open = await database.db
      .selectFrom('applications')
      .select(['status', 'waiting_for'])
      .where('agency_id', '=', agencyId)
      .where('received_on', '=', '2025-12-18')
      .executeTakeFirst();
    expect(open).toEqual({ status: 'open', waiting_for: 'consultation' });

    const again = await run(apps, events, '--agency', String(agencyId));
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已在此前导入');
    expect(await count()).toBe(2);
  });
});
