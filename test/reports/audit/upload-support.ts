import { readFileSync } from 'node:fs';
import { type Zippable, zipSync } from 'fflate';
import iconv from 'iconv-lite';

const shared = (name: string) => new URL(`../../../../shared/fixtures/reports/${name}`, import.meta.url);
const own = (name: string) => new URL(`../../fixtures/formats/${name}`, import.meta.url);

/** Real published reports: the four of ../shared/fixtures/reports and a DOCX of the project's own. */
export const REAL_REPORTS = {
  'gulou-2019.txt': readFileSync(shared('gulou-2019.txt')),
  'hanyang-2022-partial.txt': readFileSync(shared('hanyang-2022-partial.txt')),
  'longgang-department-2024-partial.txt': readFileSync(shared('longgang-department-2024-partial.txt')),
  'donghu-office-2025-partial.txt': readFileSync(shared('donghu-office-2025-partial.txt')),
  'gulou-2019.docx-package.docx': readFileSync(own('gulou-2019.docx-package.docx')),
} as const;

/** A ZIP of the given entries (fflate; names as given, `..` and absolute ones included). */
export const zip = (entries: Record<string, Uint8Array | string>): Uint8Array => {
  const files: Zippable = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  }
  return zipSync(files, { level: 6 });
};

const indexesOf = (haystack: Uint8Array, needle: Uint8Array): number[] => {
  const found: number[] = [];
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    found.push(i);
  }
  return found;
};

/**
 * The ZIP as Windows' "compressed folder" writes it on a Chinese system: the entry's name in
 * GBK without the UTF-8 flag. Made by writing an ASCII stand-in of the same length, then
 * replacing its bytes in the local and the central header.
 */
export const zipWithGbkName = (name: string, content: Uint8Array): Uint8Array => {
  const gbk = iconv.encode(name, 'gbk');
  const standIn = 'X'.repeat(gbk.length);
  const bytes = zip({ [standIn]: content });
  const at = indexesOf(bytes, new TextEncoder().encode(standIn));
  if (at.length !== 2) throw new Error('expected the name twice');
  for (const i of at) bytes.set(gbk, i);
  return bytes;
};

/** Central directory records of a ZIP: where each starts. */
export const centralRecords = (bytes: Uint8Array): number[] =>
  indexesOf(bytes, Uint8Array.of(0x50, 0x4b, 0x01, 0x02));

/** The same ZIP with a 32-bit field of every central record changed (e.g. a lying size). */
export const patchCentral = (bytes: Uint8Array, offset: number, value: number): Uint8Array => {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (const at of centralRecords(copy)) view.setUint32(at + offset, value, true);
  return copy;
};

/** The general-purpose flags of every central record or'ed with `bits`. */
export const patchFlags = (bytes: Uint8Array, bits: number): Uint8Array => {
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  for (const at of centralRecords(copy)) view.setUint16(at + 8, view.getUint16(at + 8, true) | bits, true);
  return copy;
};
