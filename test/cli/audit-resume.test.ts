import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { randomReport, seeded } from '../../bench/audit/random-report.ts';
import { writeReportText } from '../../bench/audit/text-writer.ts';
import { BIN, FIXTURE_DIR, runCli } from './run-cli.ts';

const makeBatch = (count: number): string => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-resume-'));
  for (const name of ['gulou-2019.txt', 'hanyang-2022-partial.txt', 'longgang-department-2024-partial.txt']) {
    copyFileSync(join(FIXTURE_DIR, name), join(dir, name));
  }
  const rand = seeded(7);
  for (let i = 0; i < count; i++) {
    writeFileSync(
      join(dir, `gen-${String(i).padStart(4, '0')}.txt`),
      writeReportText(randomReport(rand, i % 3 === 0 ? '2019' : '2021', i)),
    );
  }
  writeFileSync(join(dir, 'zz-broken.txt'), '不是报告');
  return dir;
};

const completeLines = (path: string): number =>
  existsSync(path) ? readFileSync(path, 'utf8').split('\n').slice(0, -1).length : 0;

const SKIPPED = /续跑：跳过 (\d+) 个未改动的文件.*核查 (\d+) 个/;

describe('gongkai audit --state', () => {
  it('resumes a killed run: skips what was done, and prints what a fresh run prints', async () => {
    const dir = makeBatch(150);
    const state = join(mkdtempSync(join(tmpdir(), 'gongkai-resume-state-')), 'state.jsonl');
    const fresh = await runCli(['audit', dir, '--json', '--jobs', '2']);
    expect(fresh.code).toBe(2);
    expect(fresh.stderr).toBe('');

    // kill -9 part way, once some results are in the state file.
    const child = spawn(process.execPath, [BIN, 'audit', dir, '--json', '--state', state], {
      stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    const started = Date.now();
    while (completeLines(state) < 20 && Date.now() - started < 60_000)
      await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    await exited;
    const done = completeLines(state);
    expect(done).toBeGreaterThanOrEqual(20);

    const resumed = await runCli(['audit', dir, '--json', '--jobs', '2', '--state', state]);
    expect(resumed.code).toBe(2);
    expect(resumed.stdout).toBe(fresh.stdout);
    const [, skipped, audited] = SKIPPED.exec(resumed.stderr) ?? [];
    expect(Number(skipped)).toBe(done);
    expect(Number(skipped) + Number(audited)).toBe(154);

    // The other formats come out the same too, all from the state file.
    for (const format of ['csv', 'table']) {
      const plain = await runCli(['audit', dir, '--format', format, '--no-progress']);
      const again = await runCli(['audit', dir, '--format', format, '--no-progress', '--state', state]);
      expect(again.stdout).toBe(plain.stdout);
      expect(again.code).toBe(plain.code);
      expect(SKIPPED.exec(again.stderr)?.slice(1)).toEqual(['154', '0']);
    }
  }, 180_000);

  it('audits a changed file again', async () => {
    const dir = makeBatch(3);
    const state = join(dir, '.state.jsonl');
    const first = await runCli(['audit', dir, '--json', '--state', state]);
    expect(SKIPPED.exec(first.stderr)?.slice(1)).toEqual(['0', '7']);
    writeFileSync(join(dir, 'zz-broken.txt'), readFileSync(join(FIXTURE_DIR, 'gulou-2019.txt')));
    const second = await runCli(['audit', dir, '--json', '--state', state]);
    expect(SKIPPED.exec(second.stderr)?.slice(1)).toEqual(['6', '1']);
    expect(second.code).toBe(1);
    expect(second.stdout).toBe((await runCli(['audit', dir, '--json'])).stdout);
  }, 60_000);
});
