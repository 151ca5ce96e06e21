import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/app-error.ts';
import {
  AUDIT_UPLOAD_LIMITS,
  FILES_DIR,
  MANIFEST,
  stageUploadFiles,
} from '../../../src/reports/audit/upload-archive.ts';
import { patchCentral, patchFlags, REAL_REPORTS, zip, zipWithGbkName } from './upload-support.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-upload-archive-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let dir: string;
let n = 0;
beforeEach(() => {
  // Each upload directory sits inside a parent of its own: what a traversal would write is seen there.
  dir = join(root, `case-${n++}`, 'upload');
  mkdirSync(dir, { recursive: true });
});

const refusal = async (
  fn: () => Promise<unknown>,
): Promise<{ field: string | undefined; message: string }> => {
  const error = await fn().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code).toBe('VALIDATION');
  return { field: e.details?.[0]?.field, message: e.details?.[0]?.message ?? e.message };
};

const written = (): string[] =>
  existsSync(join(dir, FILES_DIR)) ? readdirSync(join(dir, FILES_DIR)).sort() : [];

describe('staging the files of an upload', () => {
  it('writes the reports of a ZIP byte for byte, in folder-by-folder name order, skipping folders and hidden files', async () => {
    const archive = zip({
      '各区/鼓楼区/gulou-2019.txt': REAL_REPORTS['gulou-2019.txt'],
      '各区/汉阳区/hanyang-2022-partial.txt': REAL_REPORTS['hanyang-2022-partial.txt'],
      '部门/longgang-department-2024-partial.txt': REAL_REPORTS['longgang-department-2024-partial.txt'],
      'donghu-office-2025-partial.txt': REAL_REPORTS['donghu-office-2025-partial.txt'],
      '各区/鼓楼区/gulou-2019.docx': REAL_REPORTS['gulou-2019.docx-package.docx'],
      '__MACOSX/各区/._gulou-2019.txt': 'resource fork',
      '部门/.DS_Store': 'finder',
      '空文件夹/': new Uint8Array(0),
    });
    const staged = await stageUploadFiles(dir, [{ filename: '2025年报.zip', bytes: archive }]);
    expect(staged.files.map((f) => f.path)).toEqual([
      'donghu-office-2025-partial.txt',
      '各区/汉阳区/hanyang-2022-partial.txt',
      '各区/鼓楼区/gulou-2019.docx',
      '各区/鼓楼区/gulou-2019.txt',
      '部门/longgang-department-2024-partial.txt',
    ]);
    expect(written()).toEqual(['000001.txt', '000002.txt', '000003.docx', '000004.txt', '000005.txt']);
    expect(readFileSync(join(dir, FILES_DIR, '000004.txt'))).toEqual(REAL_REPORTS['gulou-2019.txt']);
    expect(readFileSync(join(dir, FILES_DIR, '000003.docx'))).toEqual(
      REAL_REPORTS['gulou-2019.docx-package.docx'],
    );
    expect(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')).files).toEqual(staged.files);
    expect(staged.uploadBytes).toBe(archive.length);
  });

  it('reads a GBK entry name written without the UTF-8 flag (Windows on a Chinese system)', async () => {
    const archive = zipWithGbkName('鼓楼区2019年报.txt', REAL_REPORTS['gulou-2019.txt']);
    const staged = await stageUploadFiles(dir, [{ filename: 'gbk.zip', bytes: archive }]);
    expect(staged.files.map((f) => f.path)).toEqual(['鼓楼区2019年报.txt']);
  });

  it('puts each archive under its own name when several files come together', async () => {
    const staged = await stageUploadFiles(dir, [
      { filename: 'C:\\报告\\鼓楼.txt', bytes: REAL_REPORTS['gulou-2019.txt'] },
      { filename: '部门.zip', bytes: zip({ 'a/hanyang.txt': REAL_REPORTS['hanyang-2022-partial.txt'] }) },
    ]);
    expect(staged.files.map((f) => f.path)).toEqual(['部门.zip/a/hanyang.txt', '鼓楼.txt']);
  });

  it.each([
    ['../evil.txt', '上级目录'],
    ['reports/../../evil.txt', '上级目录'],
    ['..\\evil.txt', '上级目录'],
    ['/etc/evil.txt', '绝对路径'],
    ['C:\\Windows\\evil.txt', '绝对路径'],
    ['\\\\server\\share\\evil.txt', '绝对路径'],
  ])('refuses an entry named %s, naming the field, before writing anything', async (name, why) => {
    const archive = zip({ 'ok.txt': REAL_REPORTS['gulou-2019.txt'], [name]: 'pwned' });
    const { field, message } = await refusal(() =>
      stageUploadFiles(dir, [{ filename: 'evil.zip', bytes: archive }]),
    );
    expect(field).toBe('files');
    expect(message).toContain('压缩包或报告文件');
    expect(message).toContain(why);
    expect(message).toContain('evil.zip');
    expect(written()).toEqual([]);
    expect(readdirSync(join(dir, '..'))).toEqual(['upload']);
  });

  it('refuses more entries than the limit (20,000 by default)', async () => {
    const entries: Record<string, string> = {};
    for (let i = 0; i <= AUDIT_UPLOAD_LIMITS.maxEntries; i++) entries[`r/${i}.txt`] = '';
    const { field, message } = await refusal(() =>
      stageUploadFiles(dir, [{ filename: 'many.zip', bytes: zip(entries) }]),
    );
    expect(field).toBe('files');
    expect(message).toContain('20001 个条目，超过每个压缩包 20000 个的上限');
    expect(written()).toEqual([]);
  });

  it('refuses a zip bomb by the sizes it declares, before inflating anything', async () => {
    const limits = { ...AUDIT_UPLOAD_LIMITS, maxTotalBytes: 3 * 1024 * 1024 };
    const zeros = new Uint8Array(2 * 1024 * 1024);
    const archive = zip({ 'a.txt': zeros, 'b.txt': zeros });
    expect(archive.length).toBeLessThan(20_000);
    const { message } = await refusal(() =>
      stageUploadFiles(dir, [{ filename: 'bomb.zip', bytes: archive }], limits),
    );
    expect(message).toContain('压缩炸弹');
    expect(written()).toEqual([]);
  });

  it('refuses an entry that inflates to more than it declares, and stops there', async () => {
    const archive = patchCentral(zip({ 'a.txt': new Uint8Array(1024 * 1024) }), 24, 1000);
    const { message } = await refusal(() => stageUploadFiles(dir, [{ filename: 'lie.zip', bytes: archive }]));
    expect(message).toContain('与声明的不符');
    expect(statSync(join(dir, FILES_DIR, '000001.txt')).size).toBeLessThanOrEqual(1000 + 256 * 1024);
  });

  it('does not inflate a report larger than the audit reads: an empty file of its size is left for the audit to report', async () => {
    const limits = { ...AUDIT_UPLOAD_LIMITS, maxFileBytes: 1000 };
    const archive = zip({ 'big.txt': new Uint8Array(5000), 'small.txt': 'x' });
    const staged = await stageUploadFiles(dir, [{ filename: 'big.zip', bytes: archive }], limits);
    expect(staged.files.map((f) => f.path)).toEqual(['big.txt', 'small.txt']);
    expect(statSync(join(dir, FILES_DIR, '000001.txt')).size).toBe(5000);
    expect(staged.writtenBytes).toBe(1);
  });

  it('refuses what is not a ZIP, an encrypted entry, an empty archive and no files at all', async () => {
    const messageOf = async (
      files: { filename: string; bytes: Uint8Array }[],
      limits = AUDIT_UPLOAD_LIMITS,
    ) => (await refusal(() => stageUploadFiles(dir, files, limits))).message;
    expect(await messageOf([{ filename: 'x.zip', bytes: REAL_REPORTS['gulou-2019.txt'] }])).toContain(
      '不是有效的 ZIP 压缩包',
    );
    expect(
      await messageOf([{ filename: 'enc.zip', bytes: patchFlags(zip({ 'a.txt': 'secret' }), 1) }]),
    ).toContain('已加密');
    expect(await messageOf([{ filename: 'dirs.zip', bytes: zip({ 'a/': new Uint8Array(0) }) }])).toContain(
      '没有可核查的报告文件',
    );
    expect(await messageOf([])).toContain('请选择');
    const limits = { ...AUDIT_UPLOAD_LIMITS, maxUploadBytes: 100 };
    expect(await messageOf([{ filename: 'a.txt', bytes: new Uint8Array(101) }], limits)).toContain('超过');
  });
});
