import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from 'node:fs';
import { parseReport } from '../parse/index.ts';
import { validateReport } from '../validate/index.ts';
import type { AuditResult } from './audit-result.ts';
import { AUDIT_LIMITS } from './limits.ts';

const MB = 1024 * 1024;

const failed = (file: string, error: string): AuditResult => ({
  file,
  status: 'failed',
  error,
  findings: [],
  diagnostics: [],
});

const describeError = (e: unknown): string => {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return '文件不存在';
  if (code === 'EACCES' || code === 'EPERM') return '没有读取该文件的权限';
  if (code === 'EISDIR') return '这是一个目录，不是文件';
  if (code === 'ELOOP') return '符号链接循环（链接最终指回自己），无法打开';
  if (code === 'ENXIO') return '不是普通文件（无法打开的特殊文件），未读取';
  if (code === 'EIO') return '读取文件时出现输入输出错误（EIO）';
  return `读取文件出错：${e instanceof Error ? e.message : String(e)}`;
};

/** Why a path that is not a regular file is not read. */
const notAFile = (stat: Stats): string => {
  if (stat.isDirectory()) return '这是一个目录，不是文件（指向目录的符号链接不跟随）';
  if (stat.isFIFO()) return '不是普通文件：是命名管道（FIFO），未读取';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return '不是普通文件：是设备文件，未读取';
  if (stat.isSocket()) return '不是普通文件：是套接字，未读取';
  return '不是普通文件，未读取';
};

/**
 * The bytes of an open file, or null past `maxBytes`. Read up to the limit, not to the end the
 * file claims: a file whose stat says 0 bytes may stream for ever (a /proc or /sys file).
 */
const readAtMost = (fd: number, size: number, maxBytes: number): Uint8Array | null => {
  let buffer = new Uint8Array(Math.min(Math.max(size + 1, 64 * 1024), maxBytes + 1));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > maxBytes) return null;
      const bigger = new Uint8Array(Math.min(buffer.length * 2, maxBytes + 1));
      bigger.set(buffer);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return length > maxBytes ? null : buffer.subarray(0, length);
};

/**
 * Reads a file, refusing one over the size limit before reading it. Synchronously: it runs in
 * an audit worker with nothing else to do, and the promise API costs more than the read.
 * Opened without blocking: opening a FIFO for reading otherwise waits for a writer, for ever,
 * in a system call that no time limit can interrupt; the checks below then refuse it.
 */
const readLimited = (file: string, maxBytes: number): Uint8Array | string => {
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return notAFile(stat);
    const size = stat.size;
    if (size > maxBytes) {
      return `文件过大（${(size / MB).toFixed(1)} MB），超过单个文件 ${maxBytes / MB} MB 的上限`;
    }
    return readAtMost(fd, size, maxBytes) ?? `文件过大：读出的内容超过单个文件 ${maxBytes / MB} MB 的上限`;
  } finally {
    closeSync(fd);
  }
};

/** A parser's failure on input it was not written for, in words for the person reading the audit. */
export const describeParseError = (e: unknown): string => {
  if (e instanceof RangeError && /call stack/i.test(e.message)) return '解析出错：文档结构嵌套过深，无法解析';
  return `解析出错：${e instanceof Error ? e.message : String(e)}`;
};

export interface AuditFileOptions {
  /** Publication date the caller knows, 'YYYY-MM-DD' (the LATE rule); else the document's own. */
  readonly publishedOn?: string;
  readonly maxFileBytes?: number;
}

/** Parses and validates one file. Cross-year rules need the rest of the batch: see run-audit. */
export const auditFile = async (file: string, options: AuditFileOptions = {}): Promise<AuditResult> => {
  let bytes: Uint8Array | string;
  try {
    bytes = readLimited(file, options.maxFileBytes ?? AUDIT_LIMITS.maxFileBytes);
  } catch (e) {
    return failed(file, describeError(e));
  }
  if (typeof bytes === 'string') return failed(file, bytes);
  return auditBytes(file, bytes, options);
};

export const auditBytes = async (
  file: string,
  bytes: Uint8Array,
  options: AuditFileOptions = {},
): Promise<AuditResult> => {
  try {
    const parsed = await parseReport(bytes);
    if (!parsed.ok)
      return { file, status: 'failed', error: parsed.error, findings: [], diagnostics: parsed.diagnostics };
    const publishedOn = options.publishedOn ?? parsed.publishedOn;
    const findings = validateReport(parsed.report, publishedOn ? { publishedOn } : {});
    return {
      file,
      status: 'parsed',
      report: parsed.report,
      findings,
      diagnostics: parsed.diagnostics,
      ...(publishedOn ? { publishedOn } : {}),
    };
  } catch (e) {
    return failed(file, describeParseError(e));
  }
};
