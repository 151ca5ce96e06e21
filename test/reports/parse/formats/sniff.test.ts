import { randomBytes } from 'node:crypto';
import { strToU8, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sniffFormat } from '../../../../src/reports/parse/formats/sniff.ts';
import { readFixture } from './gulou-expected.ts';

describe('sniffFormat on the fixtures', () => {
  it.each([
    ['gulou-2019.cms.utf8.html', 'html'],
    ['gulou-2019.cms.gbk.html', 'html'],
    ['gulou-2019.flattened.utf8.html', 'html'],
    ['gulou-2019.word-unicode-text.utf16le.txt', 'text'],
    ['gulou-2019.docx-package.docx', 'docx'],
    ['gulou-2019.libreoffice-from-html.docx', 'docx'],
    ['gulou-2019.chromium-print.pdf', 'pdf'],
    ['gulou-2019.libreoffice-from-docx.pdf', 'pdf'],
  ])('%s is %s', (name, format) => {
    expect(sniffFormat(readFixture(name))).toBe(format);
  });
});

describe('sniffFormat by content, not by name', () => {
  const u8 = (s: string) => new Uint8Array(Buffer.from(s));

  it('finds a PDF header behind leading junk', () => {
    expect(sniffFormat(u8('\r\n\r\n%PDF-1.4\n'))).toBe('pdf');
  });

  it('tells a Word document from any other zip', () => {
    expect(sniffFormat(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toBe('docx');
    expect(sniffFormat(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') }))).toBe('binary');
  });

  it('finds a cut-off DOCX by its local headers', () => {
    const docx = readFixture('gulou-2019.docx-package.docx');
    expect(sniffFormat(docx.subarray(0, Math.floor(docx.length / 2)))).toBe('docx');
  });

  it('tells HTML from text by its tags, in any encoding', () => {
    expect(sniffFormat(u8('<table><tr><td>自然人</td></tr></table>'))).toBe('html');
    expect(sniffFormat(u8('<!DOCTYPE html><title>报告</title>'))).toBe('html');
    expect(
      sniffFormat(new Uint8Array(iconv.encode('<html><body><p>报告</p>', 'utf-16le', { addBOM: true }))),
    ).toBe('html');
    expect(sniffFormat(u8('一、总体情况\n自然人 < 法人\n'))).toBe('text');
  });

  it('calls random bytes, NUL-heavy data, images and the old .doc binary', () => {
    expect(sniffFormat(new Uint8Array(randomBytes(4096)))).toBe('binary');
    expect(
      sniffFormat(new Uint8Array([...Buffer.from('一、总体情况'), 0, 0, 0, 1, 2, 3, 0, 0, 0, 0, 5, 0, 0, 0])),
    ).toBe('binary');
    expect(sniffFormat(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]))).toBe('binary');
    expect(sniffFormat(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('binary');
  });

  it('calls an empty file text (the parser says it is empty)', () => {
    expect(sniffFormat(new Uint8Array(0))).toBe('text');
  });
});
