import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AuditResult } from '../../../src/reports/audit/audit-result.ts';
import { runAudit } from '../../../src/reports/audit/run-audit.ts';

const SAMPLE = new URL('../../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url);

const audit = async (paths: string[], options: { jobs?: number; timeoutMs?: number } = {}) => {
  const results: AuditResult[] = [];
  const summary = await runAudit(paths, {
    jobs: options.jobs ?? 2,
    ...options,
    onResult: (r) => results.push(r),
  });
  return { results, summary };
};

describe('a batch with broken and hostile files', () => {
  let dir: string;
  const sample = readFileSync(SAMPLE);

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gongkai-bad-'));
    writeFileSync(join(dir, '01-empty.txt'), '');
    writeFileSync(
      join(dir, '02-random.bin'),
      Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 2654435761) >>> 24)),
    );
    // Cut off before its body: nothing of the report arrived.
    writeFileSync(
      join(dir, '03-truncated.html'),
      '<!doctype html><html><head><meta charset="utf-8"><title>鼓楼区人民政府2019年政府信息公开工作年度报告</title><style>td{border:1px',
    );
    writeFileSync(
      join(dir, '04-news.html'),
      '<!doctype html><html><body><h1>我区召开春季防火工作会议</h1><p>会议要求，各单位要压实责任。</p></body></html>',
    );
    // A DOCX whose document.xml inflates to 300 MB of spaces: a zip bomb.
    const bomb = zipSync(
      {
        '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
        'word/document.xml': new Uint8Array(300 * 1024 * 1024).fill(32),
      },
      { level: 9 },
    );
    writeFileSync(join(dir, '05-bomb.docx'), bomb);
    // 100 MB: refused by size before it is read.
    const fd = openSync(join(dir, '06-huge.txt'), 'w');
    ftruncateSync(fd, 100 * 1024 * 1024);
    closeSync(fd);
    writeFileSync(join(dir, '07-zip-not-docx.docx'), zipSync({ 'a.txt': new TextEncoder().encode('hello') }));
    writeFileSync(
      join(dir, '08-garbage.pdf'),
      Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(5000, 0xab)]),
    );
    writeFileSync(join(dir, '09-gulou.txt'), sample);
    // Cut off inside section 二's first table: a report, read as far as it goes.
    writeFileSync(
      join(dir, '10-cut-in-table.html'),
      '<html><head><meta charset="utf-8"></head><body><h1>鼓楼区人民政府2019年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>二、主动公开政府信息情况</p><table><tr><td colspan="4">第二十条第（一）项</td></tr><tr><td>信息内容</td><td>本年新制作数量</td><td>本年新公开数量</td><td>对外公开总数量</td></tr><tr><td>规章</td><td>3</td><td>2',
    );
  }, 120_000);

  it('reports each bad file as failed with a clear reason and audits the good one', async () => {
    const { results, summary } = await audit([dir]);
    const byName = Object.fromEntries(results.map((r) => [r.file.split('/').pop() ?? '', r]));
    const error = (name: string) => {
      const r = byName[name];
      return r?.status === 'failed' ? r.error : `not failed: ${r?.status}`;
    };
    expect(error('01-empty.txt')).toBe('文件为空');
    expect(error('02-random.bin')).toMatch(/无法识别的文件格式/);
    expect(error('03-truncated.html')).toMatch(/不是政府信息公开工作年度报告|不完整|截断/);
    expect(error('04-news.html')).toMatch(/不是政府信息公开工作年度报告/);
    expect(error('05-bomb.docx')).toMatch(/压缩炸弹|过大/);
    expect(error('06-huge.txt')).toMatch(/文件过大（100\.0 MB）/);
    expect(error('07-zip-not-docx.docx')).toMatch(/格式|DOCX/);
    expect(error('08-garbage.pdf')).toMatch(/PDF/);
    expect(byName['09-gulou.txt']?.status).toBe('parsed');
    const cut = byName['10-cut-in-table.html'];
    expect(cut?.status).toBe('parsed');
    if (cut?.status === 'parsed') {
      expect(cut.report.cells).toEqual({ 's2.rules.made': 3, 's2.rules.published': 2 });
      expect(cut.findings.filter((f) => f.rule === 'CELL-MISSING').length).toBeGreaterThan(0);
      expect(cut.findings.some((f) => f.severity === 'error')).toBe(false);
    }
    expect(summary).toEqual({ files: 10, failed: 8, withErrors: 1 });
  }, 120_000);

  it('gives up a file past the time limit, alone, and goes on with the next', async () => {
    const { results } = await audit([join(dir, '09-gulou.txt'), join(dir, '09-gulou.txt')], {
      jobs: 1,
      timeoutMs: 1,
    });
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.status).toBe('failed');
      if (r.status === 'failed') expect(r.error).toMatch(/解析超时/);
    }
    const after = await audit([join(dir, '09-gulou.txt')], { jobs: 1 });
    expect(after.results[0]?.status).toBe('parsed');
  }, 60_000);
});
