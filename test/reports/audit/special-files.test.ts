import { execFileSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeParseError } from '../../../src/reports/audit/audit-file.ts';
import type { AuditResult } from '../../../src/reports/audit/audit-result.ts';
import { runAudit } from '../../../src/reports/audit/run-audit.ts';
import { AuditState } from '../../../src/reports/audit/state.ts';
import { AuditPool } from '../../../src/reports/audit/worker-pool.ts';

/**
 * What the fault test of the audit batch (scripts/audit-fault-test.ts) found in the batch
 * itself: entries of a tree that are not regular files vanished from the output unreported (or,
 * given by name, a FIFO hung its worker for ever); workers kept the memory a big file made them
 * take; a resumed run hashed gigabytes of a file refused by its size alone.
 */

const SAMPLE = new URL('../../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

const audit = async (paths: string[], timeoutMs = 20_000): Promise<Map<string, AuditResult>> => {
  const results = new Map<string, AuditResult>();
  await runAudit(paths, { jobs: 2, timeoutMs, onResult: (r) => results.set(r.file, r) });
  return results;
};

const errorOf = (r: AuditResult | undefined): string =>
  r?.status === 'failed' ? r.error : `not failed: ${r?.status ?? 'missing'}`;

describe('entries of a tree that are not regular files', () => {
  let dir: string;
  const at = (name: string) => join(dir, name);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-special-'));
    writeFileSync(at('a-good.txt'), readFileSync(SAMPLE));
    symlinkSync(at('a-good.txt'), at('b-link-to-good.txt'));
    symlinkSync(at('c-loop-2.txt'), at('c-loop-1.txt'));
    symlinkSync(at('c-loop-1.txt'), at('c-loop-2.txt'));
    symlinkSync('/dev/zero', at('d-zero.docx'));
    symlinkSync(at('missing.html'), at('e-dangling.html'));
    symlinkSync(dir, at('f-link-to-dir.txt'));
    execFileSync('mkfifo', [at('g-fifo.txt')]);
    symlinkSync('/proc/self/mem', at('h-mem.txt'));
    mkdirSync(at('i-dir.docx'));
    writeFileSync(join(at('i-dir.docx'), 'inside.txt'), readFileSync(SAMPLE));
  });

  it('reports each one, in the walk, with its reason, and reads a link to a report', async () => {
    const results = await audit([dir]);
    expect([...results.keys()].map((f) => f.slice(dir.length + 1))).toEqual([
      'a-good.txt',
      'b-link-to-good.txt',
      'c-loop-1.txt',
      'c-loop-2.txt',
      'd-zero.docx',
      'e-dangling.html',
      'f-link-to-dir.txt',
      'g-fifo.txt',
      'h-mem.txt',
      join('i-dir.docx', 'inside.txt'),
    ]);
    expect(results.get(at('a-good.txt'))?.status).toBe('parsed');
    expect(results.get(at('b-link-to-good.txt'))?.status).toBe('parsed');
    expect(errorOf(results.get(at('c-loop-1.txt')))).toMatch(/符号链接循环/);
    expect(errorOf(results.get(at('d-zero.docx')))).toMatch(/设备文件/);
    expect(errorOf(results.get(at('e-dangling.html')))).toMatch(/文件不存在/);
    expect(errorOf(results.get(at('f-link-to-dir.txt')))).toMatch(/目录/);
    expect(errorOf(results.get(at('g-fifo.txt')))).toMatch(/命名管道（FIFO）/);
    expect(errorOf(results.get(at('h-mem.txt')))).toMatch(/输入输出错误/);
    expect(results.get(join(at('i-dir.docx'), 'inside.txt'))?.status).toBe('parsed');
  }, 60_000);

  it('fails a FIFO given by name at once, without waiting for a writer', async () => {
    const results = await audit([at('g-fifo.txt'), at('a-good.txt')], 3_000);
    expect(errorOf(results.get(at('g-fifo.txt')))).toMatch(/命名管道/);
    expect(results.get(at('a-good.txt'))?.status).toBe('parsed');
  }, 30_000);
});

describe('the worker pool', () => {
  it('replaces a worker whose heap stays large after a file, and loses no file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-recycle-'));
    const files = Array.from({ length: 6 }, (_, i) => join(dir, `r${i}.txt`));
    for (const f of files) writeFileSync(f, readFileSync(SAMPLE));
    // Every worker's heap is over 1 MB after a file: each is replaced after every file.
    const small = new AuditPool({ size: 2, recycleHeapMb: 1 });
    const results = await Promise.all(files.map((file, id) => small.run({ id, file })));
    await small.close();
    expect(small.recycled).toBe(files.length);
    expect(results.map((r) => [r.file, r.status])).toEqual(files.map((f) => [f, 'parsed']));
    const usual = new AuditPool({ size: 1 });
    await usual.run({ id: 0, file: files[0] ?? '' });
    await usual.close();
    expect(usual.recycled).toBe(0);
  }, 120_000);

  it('words a stack overflow for the reader', () => {
    expect(describeParseError(new RangeError('Maximum call stack size exceeded'))).toBe(
      '解析出错：文档结构嵌套过深，无法解析',
    );
    expect(describeParseError(new Error('坏了'))).toBe('解析出错：坏了');
  });
});

describe('a resumed batch with a file over the size limit', () => {
  it('knows the file by its size and does not read it again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gongkai-oversize-'));
    const big = join(dir, 'big.pdf');
    const fd = openSync(big, 'w');
    writeSync(fd, Buffer.from('x'), 0, 1, 30 * 1024 * 1024);
    closeSync(fd);
    const statePath = join(dir, 'state.jsonl');
    const run = async () => {
      const state = await AuditState.open(statePath, { timeoutMs: 30_000 });
      const results: AuditResult[] = [];
      await runAudit([big], {
        jobs: 1,
        known: state.known,
        onAudited: state.onAudited,
        onResult: (r) => results.push(r),
      });
      await state.close();
      return { state, results };
    };
    const first = await run();
    expect(errorOf(first.results[0])).toMatch(/文件过大/);
    // The same size, other content: the result depends on the size alone, the file is not hashed.
    const again = openSync(big, 'r+');
    writeSync(again, Buffer.from('changed'), 0, 7, 1000);
    closeSync(again);
    const second = await run();
    expect(second.state.skipped).toBe(1);
    expect(second.results).toEqual(first.results);
  }, 60_000);
});
