import { decodeText, detectUtf16 } from './decode.ts';
import { LIMITS } from './limits.ts';
import { isZip, readCentralDirectory, scanLocalHeaders } from './zip.ts';

/**
 * Tells the format of a file from its content, not its name: published reports come with the
 * wrong extension (a .doc that is HTML, a .pdf that is a Word file) often enough.
 */

export type SniffedFormat = 'text' | 'html' | 'docx' | 'pdf' | 'binary';

const ascii = (bytes: Uint8Array, n: number): string => Buffer.from(bytes.subarray(0, n)).toString('latin1');

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

/** Formats that are certainly not a report we read: images, archives, the old binary Word. */
const BINARY_MAGIC: readonly (readonly number[])[] = [
  [0xd0, 0xcf, 0x11, 0xe0], // OLE2: .doc, .xls, .wps
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x1f, 0x8b], // gzip
  [0x52, 0x61, 0x72, 0x21], // RAR
  [0x37, 0x7a, 0xbc, 0xaf], // 7z
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];

const isDocx = (bytes: Uint8Array): boolean => {
  const entries = readCentralDirectory(bytes) ?? scanLocalHeaders(bytes, LIMITS.maxZipEntries);
  return entries.some((e) => /^word\/document\d*\.xml$/i.test(e.name));
};

/** Control characters that text files do not contain (tab, line breaks, form feed, ESC are fine). */
const isControl = (b: number): boolean =>
  (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) || b === 0x7f;

const looksBinary = (head: Uint8Array): boolean => {
  if (startsWith(head, [0xff, 0xfe]) || startsWith(head, [0xfe, 0xff]) || detectUtf16(head)) return false;
  let controls = 0;
  for (const b of head) if (isControl(b)) controls++;
  if (controls > head.length * 0.01) return true;
  const { text } = decodeText(head);
  let bad = 0;
  for (const ch of text) if (ch === '\ufffd') bad++;
  return bad > text.length * 0.02;
};

const HTML =
  /<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|meta\s|title>|table[\s>]|tr[\s>]|td[\s>]|p[\s>]|div[\s>]|span[\s>]|br\s*\/?>|h[1-6][\s>])/i;

export const sniffFormat = (bytes: Uint8Array): SniffedFormat => {
  if (bytes.length === 0) return 'text';
  if (ascii(bytes, 1024).includes('%PDF-')) return 'pdf';
  if (isZip(bytes)) return isDocx(bytes) ? 'docx' : 'binary';
  if (BINARY_MAGIC.some((magic) => startsWith(bytes, magic))) return 'binary';
  const head = bytes.subarray(0, LIMITS.sniffBytes);
  if (looksBinary(head)) return 'binary';
  return HTML.test(decodeText(head).text) ? 'html' : 'text';
};
