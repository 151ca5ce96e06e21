import { Inflate } from 'fflate';

/**
 * Just enough of the zip format to find one entry and inflate it safely: sizes are read
 * from the central directory before anything is inflated, and inflating stops at a byte
 * limit whatever the headers claim (a zip bomb can lie about its sizes).
 */

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  /** As the headers claim it; not to be trusted. */
  readonly size: number;
  readonly localOffset: number;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;

const u16 = (b: Uint8Array, i: number): number => (b[i] ?? 0) | ((b[i + 1] ?? 0) << 8);
const u32 = (b: Uint8Array, i: number): number => (u16(b, i) + u16(b, i + 2) * 0x10000) >>> 0;

const NAMES = new TextDecoder('utf-8');

export const isZip = (bytes: Uint8Array): boolean => u32(bytes, 0) === LOCAL || u32(bytes, 0) === END;

/** The entries listed by the central directory, or null where there is none (a cut-off file). */
export const readCentralDirectory = (bytes: Uint8Array): ZipEntry[] | null => {
  const stop = Math.max(0, bytes.length - 22 - 0xffff);
  let end = -1;
  for (let i = bytes.length - 22; i >= stop; i--) {
    if (u32(bytes, i) === END) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = u16(bytes, end + 10);
  let at = u32(bytes, end + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || u32(bytes, at) !== CENTRAL) return null;
    const nameLength = u16(bytes, at + 28);
    entries.push({
      name: NAMES.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: u16(bytes, at + 10),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      localOffset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
};

/**
 * The entries found by their local headers, for a file whose end (and directory) is missing.
 * Sizes written after the data (flag bit 3) are unknown here: 0.
 */
export const scanLocalHeaders = (bytes: Uint8Array, maxEntries: number): ZipEntry[] => {
  const entries: ZipEntry[] = [];
  for (let at = 0; at + 30 <= bytes.length && entries.length < maxEntries; at++) {
    if (bytes[at] !== 0x50 || u32(bytes, at) !== LOCAL) continue;
    const nameLength = u16(bytes, at + 26);
    if (nameLength === 0 || at + 30 + nameLength > bytes.length) continue;
    entries.push({
      name: NAMES.decode(bytes.subarray(at + 30, at + 30 + nameLength)),
      method: u16(bytes, at + 8),
      compressedSize: u32(bytes, at + 18),
      size: u32(bytes, at + 22),
      localOffset: at,
    });
    at += 29 + nameLength;
  }
  return entries;
};

export class ZipTooLargeError extends Error {
  override readonly name = 'ZipTooLargeError';
}

export class ZipEntryError extends Error {
  override readonly name = 'ZipEntryError';
}

export interface InflatedEntry {
  readonly data: Uint8Array;
  /** False when the data ended early (a cut-off or damaged file): `data` is what could be read. */
  readonly complete: boolean;
}

const CHUNK = 16 * 1024;

const concat = (chunks: readonly Uint8Array[], total: number): Uint8Array => {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/** Inflates one entry, throwing ZipTooLargeError as soon as its output passes `maxBytes`. */
export const inflateEntry = (bytes: Uint8Array, entry: ZipEntry, maxBytes: number): InflatedEntry => {
  const at = entry.localOffset;
  if (u32(bytes, at) !== LOCAL) throw new ZipEntryError('local header missing');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const known = entry.compressedSize > 0 && start + entry.compressedSize <= bytes.length;
  const end = known ? start + entry.compressedSize : bytes.length;
  const data = bytes.subarray(start, end);
  if (entry.method === 0) {
    if (data.length > maxBytes) throw new ZipTooLargeError('entry too large');
    return { data, complete: known };
  }
  if (entry.method !== 8) throw new ZipEntryError(`compression method ${entry.method}`);

  const chunks: Uint8Array[] = [];
  let total = 0;
  const inflater = new Inflate((chunk) => {
    total += chunk.length;
    if (total > maxBytes) throw new ZipTooLargeError('entry too large');
    chunks.push(chunk);
  });
  let complete = false;
  try {
    for (let i = 0; i < data.length; i += CHUNK) inflater.push(data.subarray(i, i + CHUNK), false);
    inflater.push(new Uint8Array(0), true);
    complete = true;
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw e;
    // A damaged or cut-off stream: keep what inflated before the damage.
  }
  return { data: concat(chunks, total), complete };
};
