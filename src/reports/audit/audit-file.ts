import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
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
  if (code === 'EACCES') return '没有读取该文件的权限';
  if (code === 'EISDIR') return '这是一个目录，不是文件';
  return `读取文件出错：${e instanceof Error ? e.message : String(e)}`;
};

/**
 * Reads a file, refusing one over the size limit before reading it. Synchronously: it runs in
 * an audit worker with nothing else to do, and the promise API costs more than the read.
 */
const readLimited = (file: string, maxBytes: number): Uint8Array | string => {
  const fd = openSync(file, 'r');
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) return '不是普通文件';
    const size = stat.size;
    if (size > maxBytes) {
      return `文件过大（${(size / MB).toFixed(1)} MB），超过单个文件 ${maxBytes / MB} MB 的上限`;
    }
    return new Uint8Array(readFileSync(fd));
  } finally {
    closeSync(fd);
  }
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
    return failed(file, `解析出错：${e instanceof Error ? e.message : String(e)}`);
  }
};
