import iconv from 'iconv-lite';

/**
 * Turns the bytes of a text or HTML file into text, whatever encoding the agency saved it in:
 * UTF-8 with or without a byte-order mark, UTF-16 (Word's "save as Unicode text"), or
 * GB18030/GBK, which older government sites use and often declare only in a <meta charset>.
 */

export interface DecodedText {
  readonly text: string;
  /** The encoding the bytes were read as: 'utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030' … */
  readonly encoding: string;
}

const asBuffer = (bytes: Uint8Array): Buffer => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

/** UTF-16 without a byte-order mark: the zero high bytes of ASCII all on one side of each pair. */
export const detectUtf16 = (bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null => {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  // Chinese text has zero bytes on the other side too, now and then (一 is U+4E00).
  if (odd >= Math.max(2, pairs * 0.05) && even * 4 <= odd) return 'utf-16le';
  if (even >= Math.max(2, pairs * 0.05) && odd * 4 <= even) return 'utf-16be';
  return null;
};

/** UTF-8 text of the bytes; an incomplete character at the very end (a cut-off file) is dropped. */
const utf8 = (bytes: Uint8Array, fatal: boolean): string =>
  new TextDecoder('utf-8', { fatal, ignoreBOM: true }).decode(bytes, { stream: true });

/**
 * The text if the bytes are UTF-8. A file cut off inside a character still is; so is one with
 * a stray bad byte among many good multi-byte characters (the bad byte becomes U+FFFD).
 */
const asUtf8 = (bytes: Uint8Array): string | null => {
  try {
    return utf8(bytes, true);
  } catch {
    const text = utf8(bytes, false);
    let bad = 0;
    let wide = 0;
    for (const ch of text) {
      if (ch === '\ufffd') bad++;
      else if (ch.charCodeAt(0) > 0x7f) wide++;
    }
    return wide >= 20 && bad <= Math.max(1, wide / 100) ? text : null;
  }
};

const CHARSET =
  /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)/i;

/** The charset a page declares in its first kilobytes, lower-cased ('gbk', 'gb2312', 'big5' …). */
export const declaredCharset = (bytes: Uint8Array): string | null => {
  const head = asBuffer(bytes.subarray(0, 4096)).toString('latin1');
  const m = CHARSET.exec(head);
  const name = (m?.[1] ?? m?.[2])?.toLowerCase();
  return name && iconv.encodingExists(name) ? name : null;
};

/** GB2312 and GBK pages use characters outside their declared set: read them all as GB18030. */
const GB_FAMILY = new Set(['gb2312', 'gbk', 'gb18030', 'cp936', 'x-gbk', 'euc-cn', 'csgb2312', 'hz-gb-2312']);

export const decodeText = (bytes: Uint8Array): DecodedText => {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    return { text: utf8(bytes.subarray(3), false), encoding: 'utf-8' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) {
    return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  }
  if (startsWith(bytes, [0xfe, 0xff])) {
    return { text: iconv.decode(asBuffer(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  }
  const utf16 = detectUtf16(bytes);
  if (utf16) return { text: iconv.decode(asBuffer(bytes), utf16), encoding: utf16 };
  const text = asUtf8(bytes);
  if (text !== null) return { text, encoding: 'utf-8' };
  const declared = declaredCharset(bytes);
  if (declared && !declared.startsWith('utf')) {
    const decoder = GB_FAMILY.has(declared) ? 'gb18030' : declared;
    return { text: iconv.decode(asBuffer(bytes), decoder), encoding: declared };
  }
  return { text: iconv.decode(asBuffer(bytes), 'gb18030'), encoding: 'gb18030' };
};
