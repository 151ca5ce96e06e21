import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { saveYearSchedule } from '../../src/calendar/calendar-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { runCli } from './run-cli.ts';

describe('gongkai calendar', () => {
  it('add-working-days prints the date alone', async () => {
    const r = await runCli(['calendar', 'add-working-days', '2024-09-27', '20']);
    expect(r).toEqual({ code: 0, stdout: '2024-10-30\n', stderr: '' });
  });

  it('add-working-days past the last loaded year: the date, a warning, exit 3', async () => {
    const r = await runCli(['calendar', 'add-working-days', '2026-12-20', '10']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('2027-01-01\n');
    expect(r.stderr).toContain('未载入节假日安排');
  });

  it.each([
    [['calendar', 'add-working-days', '2024-9-27', '20'], '日期须为有效的 YYYY-MM-DD'],
    [['calendar', 'add-working-days', '2024-02-30', '1'], '日期须为有效的 YYYY-MM-DD'],
    [['calendar', 'add-working-days', '2024-09-27', '0'], '工作日数须为1至100000的整数'],
    [['calendar', 'add-working-days', '2024-09-27', '1.5'], '工作日数须为1至100000的整数'],
    [['calendar', 'add-working-days', '2024-09-27'], ''],
    [['calendar', 'is-workday', 'tomorrow'], '日期须为有效的 YYYY-MM-DD'],
  ])('bad input %j → exit 64', async (args, message) => {
    const r = await runCli(args);
    expect(r.code).toBe(64);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });

  it.each([
    ['2024-10-12', 'true', 'make-up Saturday'],
    ['2024-10-01', 'false', 'National Day'],
    ['2024-02-09', 'true', '除夕 2024'],
  ])('is-workday %s → %s (%s)', async (date, answer) => {
    const r = await runCli(['calendar', 'is-workday', date]);
    expect(r).toEqual({ code: 0, stdout: `${answer}\n`, stderr: '' });
  });

  it('is-workday in a year not loaded answers by weekends, warns, exit 3', async () => {
    const r = await runCli(['calendar', 'is-workday', '2027-01-01']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('true\n');
    expect(r.stderr).toContain('2027年的节假日安排未载入');
  });
});

describe('the calendar the system uses', () => {
  it("is the database's where DATABASE_URL names one: an admin's new year counts there", async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gongkai-cal-')), 'cal.db');
    const env = { ...process.env, DATABASE_URL: file };
    expect((await runCli(['migrate'], 60_000, env)).code).toBe(0);
    const before = await runCli(['calendar', 'add-working-days', '2026-12-20', '20'], 60_000, env);
    expect(before.code).toBe(3);
    const database = openDatabase(file);
    try {
      await saveYearSchedule(database.db, {
        schedule: {
          year: 2027,
          notices: ['测试用安排'],
          holidays: ['2027-01-01/2027-01-03'],
          makeUpWorkdays: [],
        },
        actor: { userId: null, label: '测试' },
        now: new Date(),
      });
    } finally {
      await database.close();
    }
    const after = await runCli(['calendar', 'add-working-days', '2026-12-20', '20'], 60_000, env);
    expect(after.code).toBe(0);
    // 2026-12-21 … 12-31 are 9 working days; 2027-01-01..03 are off; 11 more from 01-04: 01-18.
    expect(after.stdout).toBe('2027-01-18\n');
    expect(after.stderr).toBe('');
  });
});
