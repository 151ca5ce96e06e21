import { closeSync, ftruncateSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Inflate } from 'fflate';
import iconv from 'iconv-lite';
import { AppError } from '../../errors/app-error.ts';
import { AUDIT_LIMITS } from './limits.ts';

const MB = 1024 * 1024;

/**
 * The limits of an upload for a batch audit, all checked before anything is audited. The
 * request limit is enforced by the route (Content-Length and the multipart limits); the rest
 * here, on the archive's central directory first (nothing is written for a refused archive)
 * and again on the bytes actually inflated (a header may lie).
 */
export const AUDIT_UPLOAD_LIMITS = {
  /** One request: the archive(s) and loose report files together. */
  maxUploadBytes: 200 * MB,
  /** Files in one request (archives and loose report files). */
  maxUploadFiles: 100,
  /** Entries of one archive (files, folders, hidden files: every record counts). */
  maxEntries: 20_000,
  /** Report files of one upload, after the archives are opened. */
  maxFiles: 20_000,
  /** Bytes written to disk for one upload, all entries inflated (a zip bomb stops here). */
  maxTotalBytes: 2 * 1024 * MB,
  /** A report larger than the audit reads is not inflated: the audit reports it as too large. */
  maxFileBytes: AUDIT_LIMITS.maxFileBytes,
  /** Characters of a path inside an archive. */
  maxPathLength: 1000,
} as const;

export type AuditUploadLimits = { readonly [K in keyof typeof AUDIT_UPLOAD_LIMITS]: number };

/** The form field the files come in, and its label in error messages. */
export const UPLOAD_FIELD = 'files';
export const UPLOAD_FIELD_LABEL = '压缩包或报告文件';

export const refuseUpload = (why: string): AppError =>
  new AppError('VALIDATION', `${UPLOAD_FIELD_LABEL}：${why}`, [
    { field: UPLOAD_FIELD, message: `${UPLOAD_FIELD_LABEL}：${why}` },
  ]);

export interface IncomingFile {
  /** The name the browser sent. */
  readonly filename: string;
  readonly bytes: Uint8Array;
}

/** One report file of the upload: its name as shown in the batch, and its file on disk. */
export interface StagedFile {
  readonly path: string;
  readonly disk: string;
}

export interface StagedUpload {
  /** In the order the audit reads them (`files/` sorted by name): by path, folder by folder. */
  readonly files: readonly StagedFile[];
  readonly uploadBytes: number;
  readonly writtenBytes: number;
}

/** `files/` (the reports, named by position) and `manifest.json` (their shown paths) in `dir`. */
export const FILES_DIR = 'files';
export const MANIFEST = 'manifest.json';

// ---------------------------------------------------------------------------------------------
// Reading a ZIP's central directory.

interface ZipEntry {
  readonly name: string;
  readonly flags: number;
  readonly method: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

const crc32 = (bytes: Uint8Array): number => {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};

const utf8 = new TextDecoder('utf-8');
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * An entry's name: UTF-8 when flagged or when an Info-ZIP Unicode path field (0x7075) vouches
 * for it; otherwise UTF-8 if it is valid UTF-8 (macOS and most tools), else GB18030 — what
 * Windows' own "send to compressed folder" writes on a Chinese system.
 */
const decodeName = (raw: Uint8Array, flags: number, unicodePath: Uint8Array | null): string => {
  if (flags & 0x800) return utf8.decode(raw);
  if (unicodePath !== null && unicodePath.length > 5 && unicodePath[0] === 1) {
    const view = new DataView(unicodePath.buffer, unicodePath.byteOffset, unicodePath.byteLength);
    if (view.getUint32(1, true) === crc32(raw)) return utf8.decode(unicodePath.subarray(5));
  }
  if (raw.every((b) => b < 0x80)) return utf8.decode(raw);
  try {
    return strictUtf8.decode(raw);
  } catch {
    return iconv.decode(Buffer.from(raw), 'gb18030');
  }
};

class NotAZip extends Error {}

const readEntries = (bytes: Uint8Array, archive: string, limits: AuditUploadLimits): ZipEntry[] => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => {
    if (at + 2 > bytes.length) throw new NotAZip();
    return view.getUint16(at, true);
  };
  const u32 = (at: number) => {
    if (at + 4 > bytes.length) throw new NotAZip();
    return view.getUint32(at, true);
  };
  const u64 = (at: number) => {
    if (at + 8 > bytes.length) throw new NotAZip();
    const n = view.getBigUint64(at, true);
    if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new NotAZip();
    return Number(n);
  };

  // The end-of-central-directory record: the last one in the final 64 KB (after it, a comment).
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new NotAZip();
  let count = u16(eocd + 10);
  let cdSize = u32(eocd + 12);
  let cdOffset = u32(eocd + 16);
  if (u16(eocd + 4) !== 0 || u16(eocd + 6) !== 0) {
    throw refuseUpload(`压缩包"${archive}"是分卷压缩包，请合并为一个 ZIP 文件后上传`);
  }
  // ZIP64: the locator just before the record points at the 64-bit record.
  if (eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const at = u64(eocd - 12);
    if (u32(at) !== 0x06064b50) throw new NotAZip();
    count = u64(at + 32);
    cdSize = u64(at + 40);
    cdOffset = u64(at + 48);
  }
  if (count > limits.maxEntries) {
    throw refuseUpload(
      `压缩包"${archive}"中有 ${count} 个条目，超过每个压缩包 ${limits.maxEntries} 个的上限`,
    );
  }
  if (cdOffset + cdSize > bytes.length) throw new NotAZip();

  const entries: ZipEntry[] = [];
  let at = cdOffset;
  for (let i = 0; i < count; i++) {
    if (u32(at) !== 0x02014b50) throw new NotAZip();
    const flags = u16(at + 8);
    const method = u16(at + 10);
    let compressedSize = u32(at + 20);
    let size = u32(at + 24);
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    const commentLength = u16(at + 32);
    let offset = u32(at + 42);
    const raw = bytes.subarray(at + 46, at + 46 + nameLength);
    const extraStart = at + 46 + nameLength;
    const extraEnd = extraStart + extraLength;
    if (extraEnd > bytes.length) throw new NotAZip();
    let unicodePath: Uint8Array | null = null;
    for (let e = extraStart; e + 4 <= extraEnd; ) {
      const id = u16(e);
      const length = u16(e + 2);
      const data = e + 4;
      if (data + length > extraEnd) break;
      if (id === 0x0001) {
        // ZIP64 sizes and offset, each present only when its 32-bit field is saturated.
        let f = data;
        if (size === 0xffffffff) {
          size = u64(f);
          f += 8;
        }
        if (compressedSize === 0xffffffff) {
          compressedSize = u64(f);
          f += 8;
        }
        if (offset === 0xffffffff) offset = u64(f);
      } else if (id === 0x7075) unicodePath = bytes.subarray(data, data + length);
      e = data + length;
    }
    entries.push({ name: decodeName(raw, flags, unicodePath), flags, method, compressedSize, size, offset });
    at = extraEnd + commentLength;
  }
  return entries;
};

/** Where an entry's compressed bytes are: after its local header (whose lengths may differ). */
const dataOf = (bytes: Uint8Array, entry: ZipEntry): Uint8Array => {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.offset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw new NotAZip();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  if (end > bytes.length) throw new NotAZip();
  return bytes.subarray(start, end);
};

// ---------------------------------------------------------------------------------------------
// Names.

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
const CONTROL = /[\u0000-\u001f\u007f]/;

/**
 * An entry's path split into folders and name, or null for what is not a report (a folder,
 * a hidden file, macOS's __MACOSX). Refuses a path that leaves the archive: `..`, an absolute
 * path, a drive letter; backslashes count as separators (archives made on Windows).
 */
const entryPath = (name: string, archive: string, limits: AuditUploadLimits): string[] | null => {
  const shown = name.length > 80 ? `${name.slice(0, 80)}…` : name;
  if (CONTROL.test(name)) throw refuseUpload(`压缩包"${archive}"中的"${shown}"的名称含有控制字符，不允许`);
  if (name.length > limits.maxPathLength) {
    throw refuseUpload(`压缩包"${archive}"中的"${shown}"路径过长（超过 ${limits.maxPathLength} 个字符）`);
  }
  const normal = name.replaceAll('\\', '/');
  if (normal.startsWith('/') || /^[A-Za-z]:/.test(normal)) {
    throw refuseUpload(
      `压缩包"${archive}"中的"${shown}"是绝对路径，不允许；请只打包报告文件及其所在的文件夹`,
    );
  }
  const segments = normal.split('/');
  if (segments.includes('..')) {
    throw refuseUpload(`压缩包"${archive}"中的"${shown}"含有上级目录（..），会写到压缩包以外，不允许`);
  }
  if (normal.endsWith('/')) return null;
  const parts = segments.filter((s) => s !== '' && s !== '.');
  if (parts.length === 0) return null;
  if (parts.some((s) => s.startsWith('.')) || parts[0] === '__MACOSX') return null;
  return parts;
};

/** A browser's file name: no folders, no control characters. */
const baseName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(-200) || '未命名文件';

const isArchive = (file: IncomingFile): boolean => /\.zip$/i.test(file.filename.trim());

/** Folder by folder, by name (the order `gongkai audit DIR` walks a directory in). */
const comparePaths = (a: readonly string[], b: readonly string[]): number => {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
};

const extensionOf = (name: string): string => {
  const m = /\.[A-Za-z0-9]{1,10}$/.exec(name);
  return m ? m[0].toLowerCase() : '';
};

// ---------------------------------------------------------------------------------------------
// Staging.

interface Planned {
  readonly path: string[];
  readonly write: (fd: number) => Promise<number>;
}

/**
 * Checks the uploaded files and writes the report files into `dir` (`files/`, `manifest.json`).
 * A ZIP (by its name, .zip) is opened and its entries checked before any is written; other
 * files are reports as they are. Every refusal is a VALIDATION error naming the field. On a
 * refusal part of `dir` may be written: the caller removes it. The entries are inflated a
 * small chunk at a time, giving the event loop back after each: a 2 GB batch does not stall
 * the other requests of the process for the seconds it takes.
 */
export const stageUploadFiles = async (
  dir: string,
  files: readonly IncomingFile[],
  limits: AuditUploadLimits = AUDIT_UPLOAD_LIMITS,
): Promise<StagedUpload> => {
  if (files.length === 0) throw refuseUpload('请选择要核查的 ZIP 压缩包或报告文件');
  if (files.length > limits.maxUploadFiles) {
    throw refuseUpload(`一次最多上传 ${limits.maxUploadFiles} 个文件，请打包为 ZIP 压缩包后上传`);
  }
  const uploadBytes = files.reduce((n, f) => n + f.bytes.length, 0);
  if (uploadBytes > limits.maxUploadBytes) {
    throw refuseUpload(
      `上传的文件共 ${(uploadBytes / MB).toFixed(1)} MB，超过 ${limits.maxUploadBytes / MB} MB 的上限`,
    );
  }
  // One archive alone: its entries keep their own paths; else each under its archive's name.
  const prefixed = !(files.length === 1 && files[0] !== undefined && isArchive(files[0]));

  const planned: Planned[] = [];
  let declared = 0;
  for (const file of files) {
    const name = baseName(file.filename);
    if (!isArchive(file)) {
      const bytes = file.bytes;
      planned.push({ path: [name], write: async (fd) => writeAll(fd, bytes) });
      continue;
    }
    let entries: ZipEntry[];
    try {
      entries = readEntries(file.bytes, name, limits);
    } catch (error) {
      if (error instanceof NotAZip || error instanceof RangeError)
        throw refuseUpload(`"${name}"不是有效的 ZIP 压缩包，或已损坏`);
      throw error;
    }
    for (const entry of entries) {
      const parts = entryPath(entry.name, name, limits);
      if (parts === null) continue;
      const shown = parts.join('/');
      if (entry.flags & 0x1) throw refuseUpload(`压缩包"${name}"中的"${shown}"已加密，无法核查`);
      if (entry.method !== 0 && entry.method !== 8) {
        throw refuseUpload(
          `压缩包"${name}"中的"${shown}"使用了不支持的压缩方法（${entry.method}），请用常见的 ZIP（Deflate）格式重新打包`,
        );
      }
      const path = prefixed ? [name, ...parts] : parts;
      // Larger than the audit reads: not inflated; an empty file of the declared size (sparse,
      // it takes no disk) lets the audit report it as too large, in the batch like any other.
      if (entry.size > limits.maxFileBytes) {
        planned.push({
          path,
          write: async (fd) => {
            ftruncateSync(fd, entry.size);
            return 0;
          },
        });
        continue;
      }
      declared += entry.size;
      if (declared > limits.maxTotalBytes) {
        throw refuseUpload(
          `压缩包解压后超过 ${(limits.maxTotalBytes / MB).toFixed(0)} MB 的上限（可能是"压缩炸弹"），请分批上传`,
        );
      }
      const archiveBytes = file.bytes;
      planned.push({ path, write: (fd) => inflateEntry(fd, archiveBytes, entry, name, shown) });
    }
  }
  if (planned.length === 0) throw refuseUpload('压缩包中没有可核查的报告文件（只有文件夹或隐藏文件）');
  if (planned.length > limits.maxFiles) {
    throw refuseUpload(`共 ${planned.length} 个报告文件，超过一次 ${limits.maxFiles} 个的上限，请分批上传`);
  }

  planned.sort((a, b) => comparePaths(a.path, b.path));
  const filesDir = join(dir, FILES_DIR);
  mkdirSync(filesDir, { recursive: true });
  const width = Math.max(6, String(planned.length).length);
  const staged: StagedFile[] = [];
  let writtenBytes = 0;
  for (const [i, p] of planned.entries()) {
    const path = p.path.join('/');
    const disk = `${String(i + 1).padStart(width, '0')}${extensionOf(path)}`;
    const fd = openSync(join(filesDir, disk), 'wx', 0o600);
    try {
      writtenBytes += await p.write(fd);
    } finally {
      closeSync(fd);
    }
    staged.push({ path, disk });
  }
  writeFileSync(join(dir, MANIFEST), JSON.stringify({ files: staged }), { mode: 0o600 });
  return { files: staged, uploadBytes, writtenBytes };
};

const writeAll = (fd: number, bytes: Uint8Array): number => {
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
  return bytes.length;
};

/** Compressed bytes inflated at a time (at most some 16 MB of output, at deflate's 1032:1). */
const CHUNK = 16 * 1024;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Inflates one entry into `fd`, a chunk at a time; more (or fewer) bytes than declared refuse the upload. */
const inflateEntry = async (
  fd: number,
  archive: Uint8Array,
  entry: ZipEntry,
  name: string,
  shown: string,
): Promise<number> => {
  const corrupt = () => refuseUpload(`压缩包"${name}"中的"${shown}"已损坏，无法解压`);
  const lying = () =>
    refuseUpload(`压缩包"${name}"中的"${shown}"解压后的大小与声明的不符，压缩包可能已损坏或是恶意构造的`);
  let data: Uint8Array;
  try {
    data = dataOf(archive, entry);
  } catch {
    throw corrupt();
  }
  if (entry.method === 0) {
    if (data.length !== entry.size) throw lying();
    return writeAll(fd, data);
  }
  let written = 0;
  let over = false;
  const inflater = new Inflate((chunk) => {
    written += chunk.length;
    if (written > entry.size) {
      over = true;
      throw lying();
    }
    writeAll(fd, chunk);
  });
  try {
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
    for (let at = 0; at < data.length; at += CHUNK) {
      inflater.push(data.subarray(at, at + CHUNK), at + CHUNK >= data.length);
      await yieldToEventLoop();
    }
  } catch (error) {
    if (over) throw lying();
    if (error instanceof AppError) throw error;
    throw corrupt();
  }
  if (written !== entry.size) throw lying();
  return written;
};
