import { createHash } from 'node:crypto';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { beijingDateTime } from '../calendar/beijing-time.ts';
import type { CaseFile } from './case-file.ts';
import { applicationFacts } from './case-file-html.ts';

/** The file the manifest is written to: `sha256sum -c manifest-sha256.txt` checks the others. */
export const MANIFEST_NAME = 'manifest-sha256.txt';

/** 案卷-GK2024092700000001.pdf, .zip */
export const caseFileName = (c: CaseFile, extension: 'pdf' | 'zip'): string =>
  `案卷-${c.application.trackingNumber}.${extension}`;

/**
 * A CSV cell for Excel: quoted, and a leading = + - @ (tab, CR) neutralised so that text a
 * member of the public typed cannot become a formula.
 */
const cell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
};

/** UTF-8 with a BOM (Excel reads the Chinese), CRLF lines. */
const csv = (rows: readonly (readonly string[])[]): string =>
  `\ufeff${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;

export const timelineCsv = (c: CaseFile): string =>
  csv([
    ['日期', '事件', '详情', '备注', '记录人', '记录时间'],
    ...c.timeline.map((e) => [e.date, e.label, e.detail, e.note, e.actor, beijingDateTime(e.recordedAt)]),
  ]);

export const deliveriesCsv = (c: CaseFile): string =>
  csv([
    ['送达日期', '送达方式', '送达凭证', '是否逾期'],
    ...c.deliveries.map((d) => [d.date, d.method, d.proof, d.late ? '超过答复期限' : '否']),
  ]);

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** Characters a file name may not hold on Windows or in a ZIP path. */
const safeName = (name: string): string => name.replace(/[\\/:*?"<>|\s]+/g, '_');

/**
 * The originals as one ZIP: the case file's PDF (when one could be printed), the timeline and
 * the deliveries as CSV, the application's particulars as JSON, every stored file of every
 * letter (HTML, DOCX, and the PDF where one was made when it was issued), and a manifest with
 * the SHA-256 of each, in `sha256sum` format.
 */
export const buildCaseFileZip = (
  c: CaseFile,
  options: { pdf: Uint8Array | null; exportedAt: Date },
): Uint8Array => {
  const files = new Map<string, Uint8Array>();
  if (options.pdf !== null) files.set(caseFileName(c, 'pdf'), options.pdf);
  files.set('timeline.csv', strToU8(timelineCsv(c)));
  files.set('deliveries.csv', strToU8(deliveriesCsv(c)));
  files.set(
    'application.json',
    strToU8(`${JSON.stringify(Object.fromEntries(applicationFacts(c)), null, 2)}\n`),
  );
  c.letters.forEach((l, i) => {
    const base = `letters/${String(i + 1).padStart(2, '0')}-${safeName(l.kindLabel)}-${c.application.trackingNumber}-${l.id}`;
    files.set(`${base}.html`, strToU8(l.html));
    files.set(`${base}.docx`, l.docx);
    if (l.pdf !== null) files.set(`${base}.pdf`, l.pdf);
  });
  const manifest = [...files].map(([name, bytes]) => `${sha256(bytes)}  ${name}\n`).join('');
  files.set(MANIFEST_NAME, strToU8(manifest));
  const zippable: Zippable = {};
  for (const [name, bytes] of files) zippable[name] = [bytes, { mtime: options.exportedAt }];
  return zipSync(zippable, { level: 6 });
};
