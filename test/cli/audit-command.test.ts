import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURE_DIR, ndjson, runCli, SAMPLE } from './run-cli.ts';

interface Line {
  file: string;
  status: string;
  error?: string;
  report?: { schema: string; edition: string | null; year: number | null; agency: string | null };
  findings: {
    rule: string;
    severity: string;
    cells: string[];
    expected?: number;
    actual?: number;
    message: string;
  }[];
  diagnostics: { level: string; message: string; cell?: string }[];
}

const lines = (stdout: string) => ndjson(stdout) as unknown as Line[];

describe('gongkai audit --json on the sample report', () => {
  it('gives exactly the four errors of the spec, and exits 1', async () => {
    const run = await runCli(['audit', SAMPLE, '--json']);
    expect(run.code).toBe(1);
    const [line, ...rest] = lines(run.stdout);
    expect(rest).toEqual([]);
    expect(line?.file).toBe(SAMPLE);
    expect(line?.status).toBe('parsed');
    expect(line?.report).toMatchObject({
      schema: 'gongkai.annual-report/1',
      edition: '2019',
      year: 2019,
      agency: '鼓楼区人民政府',
    });
    const errors = line?.findings.filter((f) => f.severity === 'error') ?? [];
    const summary = errors.map((f) => `${f.rule} ${f.cells[0]} ${f.expected}/${f.actual}`).sort();
    expect(summary).toEqual([
      'S3-BALANCE s3.new.natural 25/15',
      'S3-BALANCE s3.new.total 27/17',
      'S3-TOTAL-ROW s3.total.natural 25/15',
      'S3-TOTAL-ROW s3.total.total 27/17',
    ]);
    const balance = errors.find((f) => f.rule === 'S3-BALANCE' && f.cells[0] === 's3.new.natural');
    expect(balance?.cells).toEqual([
      's3.new.natural',
      's3.carried.natural',
      's3.total.natural',
      's3.forward.natural',
    ]);
    for (const f of errors) expect(f.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('gongkai audit over a batch', () => {
  it('walks a directory in sorted order, keeps the order with --jobs, and reports each cut-off file', async () => {
    const one = await runCli(['audit', FIXTURE_DIR, '--json']);
    const two = await runCli(['audit', FIXTURE_DIR, '--json', '--jobs', '2']);
    const files = lines(one.stdout).map((l) => l.file);
    expect(files).toEqual(
      [
        'README.md',
        'donghu-office-2025-partial.txt',
        'gulou-2019.txt',
        'hanyang-2022-partial.txt',
        'longgang-department-2024-partial.txt',
      ].map((f) => join(FIXTURE_DIR, f)),
    );
    expect(lines(two.stdout).map((l) => l.file)).toEqual(files);
    const byName: Record<string, Line> = Object.fromEntries(
      lines(one.stdout).map((l) => [l.file.split('/').pop(), l]),
    );
    expect(byName['README.md']?.status).toBe('failed');
    expect(byName['README.md']?.findings).toEqual([]);
    expect(byName['README.md']?.report).toBeUndefined();
    expect(byName['hanyang-2022-partial.txt']?.findings.some((f) => f.rule === 'CELL-MISSING')).toBe(true);
    // A failed file wins over errors: exit 2.
    expect(one.code).toBe(2);
    expect(two.code).toBe(2);
  });

  it('fails one bad file clearly and still audits the others', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-audit-'));
    writeFileSync(join(dir, 'a-empty.txt'), '');
    writeFileSync(
      join(dir, 'b-random.bin'),
      Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)),
    );
    writeFileSync(
      join(dir, 'c-news.html'),
      '<html><body><h1>区长调研春耕生产</h1><p>3月5日，区长一行到田间地头调研。</p></body></html>',
    );
    const run = await runCli(['audit', dir, SAMPLE, '--json']);
    const out = lines(run.stdout);
    expect(out.map((l) => l.status)).toEqual(['failed', 'failed', 'failed', 'parsed']);
    expect(out[0]?.error).toBe('文件为空');
    expect(out[1]?.error).toMatch(/格式/);
    expect(out[2]?.error).toMatch(/不是政府信息公开工作年度报告/);
    expect(run.code).toBe(2);
  });

  it('says a missing file failed rather than stopping', async () => {
    const run = await runCli(['audit', '/nonexistent/report.txt', '--json']);
    expect(lines(run.stdout)).toEqual([
      {
        file: '/nonexistent/report.txt',
        status: 'failed',
        error: '文件不存在',
        findings: [],
        diagnostics: [],
      },
    ]);
    expect(run.code).toBe(2);
  });
});

describe('gongkai audit usage', () => {
  it('exits 64 for an unknown flag or no file', async () => {
    expect((await runCli(['audit', '--no-such-flag', SAMPLE])).code).toBe(64);
    expect((await runCli(['audit'])).code).toBe(64);
    expect((await runCli(['audit', SAMPLE, '--jobs', 'zero'])).code).toBe(64);
    expect((await runCli(['audit', SAMPLE, '--format', 'xml'])).code).toBe(64);
  });

  it('prints a table for people and CSV for spreadsheets', async () => {
    const table = await runCli(['audit', SAMPLE]);
    expect(table.stdout).toContain('鼓楼区人民政府');
    expect(table.stdout).toContain('S3-BALANCE');
    expect(table.stdout).toMatch(/共 1 个文件/);
    const csv = await runCli(['audit', SAMPLE, '--format', 'csv']);
    const rows = csv.stdout
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n');
    expect(rows[0]).toBe('file,status,edition,year,agency,rule,severity,cells,expected,actual,message');
    expect(rows.filter((r) => r.includes(',error,'))).toHaveLength(4);
  });

  it('prints one HTML page with each finding on its table cell', async () => {
    const html = await runCli(['audit', SAMPLE, '--format', 'html']);
    expect(html.code).toBe(1);
    expect(html.stdout).toMatch(/^<!doctype html>/i);
    expect(html.stdout).toMatch(
      /data-cell="s3\.total\.natural"[^>]*class="[^"]*finding-error|class="[^"]*finding-error[^"]*"[^>]*data-cell="s3\.total\.natural"/,
    );
  });
});
