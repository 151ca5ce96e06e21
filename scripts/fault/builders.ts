import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, createDeflateRaw, deflateRawSync } from 'node:zlib';

/**
 * Byte builders for the fault test's hostile files: a zip written by hand (so that its headers
 * can lie about sizes), a deflate stream of gigabytes of zeros made a chunk at a time, and PDFs
 * of many pages or one very heavy page.
 */

export interface ZipPart {
  readonly name: string;
  /** Raw deflate data (method 8) or the bytes themselves (method 0). */
  readonly data: Uint8Array;
  readonly method: 0 | 8;
  /** The uncompressed size the headers claim. */
  readonly claimedSize: number;
}

const u16 = (n: number): Buffer => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
};

/** A zip of the parts, CRCs left 0 (gongkai does not check them), sizes as claimed. */
export const zipParts = (parts: readonly ZipPart[]): Buffer => {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const common = [
      u16(20),
      u16(0x0800),
      u16(p.method),
      u16(0),
      u16(0x21),
      u32(0),
      u32(p.data.length),
      u32(p.claimedSize),
    ];
    const local = Buffer.concat([u32(0x04034b50), ...common, u16(name.length), u16(0), name, p.data]);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16(20),
        ...common,
        u16(name.length),
        u16(0),
        u16(0),
        u16(0),
        u16(0),
        u32(0),
        u32(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(parts.length),
    u16(parts.length),
    u32(central.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, central, end]);
};

export const deflated = (name: string, text: string | Uint8Array): ZipPart => {
  const data = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text);
  return { name, data: deflateRawSync(data), method: 8, claimedSize: data.length };
};

/** Raw deflate of `bytes` bytes: '<w:t>' … spaces, made 64 MB at a time (about 1 MB per GB). */
export const deflatedZeros = async (bytes: number, prefix: string): Promise<Uint8Array> => {
  const deflate = createDeflateRaw({ level: constants.Z_BEST_COMPRESSION });
  const out: Buffer[] = [];
  deflate.on('data', (d: Buffer) => out.push(d));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const chunk = Buffer.alloc(64 * 1024 * 1024, 0x20);
  deflate.write(prefix);
  for (let left = bytes; left > 0; left -= chunk.length) {
    const ok = deflate.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
    if (!ok) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  return Buffer.concat(out);
};

/** A file that claims `bytes` bytes and takes none on disk (truncate's sparse file). */
export const sparseFile = (path: string, bytes: number): void => {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, Buffer.from('x'), 0, 1, bytes - 1);
  } finally {
    closeSync(fd);
  }
};

const pdfFrom = (objects: readonly string[]): Buffer => {
  const chunks: string[] = ['%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n'];
  let length = Buffer.byteLength(chunks[0] ?? '', 'latin1');
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(length);
    const obj = `${i + 1} 0 obj\n${body}\nendobj\n`;
    chunks.push(obj);
    length += Buffer.byteLength(obj, 'latin1');
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`];
  for (const o of offsets) xref.push(`${String(o).padStart(10, '0')} 00000 n \n`);
  xref.push(`trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`);
  return Buffer.from(chunks.join('') + xref.join(''), 'latin1');
};

const streamObject = (content: string): string =>
  `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

/**
 * A PDF of `pages` pages sharing one content stream of `ops` text lines. Objects: 1 catalog,
 * 2 pages, 3 font, 4 content, then the pages.
 */
export const pdfDocument = (pages: number, ops: number): Buffer => {
  const lines: string[] = ['BT /F1 10 Tf'];
  for (let i = 0; i < ops; i++)
    lines.push(`1 0 0 1 ${50 + (i % 7) * 60} ${780 - ((i * 11) % 740)} Tm (${i % 1000} row) Tj`);
  lines.push('ET');
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    streamObject(lines.join('\n')),
    ...Array.from(
      { length: pages },
      () =>
        '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>',
    ),
  ];
  return pdfFrom(objects);
};
