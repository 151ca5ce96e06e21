import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../../src/reports/parse/formats/decode.ts';
import { readFixture } from './gulou-expected.ts';

const GULOU_TXT = readFileSync(
  new URL('../../../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url),
  'utf8',
);
const bytes = (s: string, encoding: string, addBOM = false): Uint8Array =>
  new Uint8Array(iconv.encode(s, encoding, { addBOM }));

describe('decodeText', () => {
  it('reads Word’s "save as Unicode text" (UTF-16LE behind a BOM) as the same text as the UTF-8 file', () => {
    const decoded = decodeText(readFixture('gulou-2019.word-unicode-text.utf16le.txt'));
    expect(decoded.encoding).toBe('utf-16le');
    expect(decoded.text).toBe(GULOU_TXT);
  });

  it('reads the GBK page, declared in <meta charset="gbk">, as the same text as the UTF-8 page', () => {
    const gbk = decodeText(readFixture('gulou-2019.cms.gbk.html'));
    const utf8 = decodeText(readFixture('gulou-2019.cms.utf8.html'));
    expect(gbk.encoding).toBe('gbk');
    expect(utf8.encoding).toBe('utf-8');
    const meta = /<meta[^>]*charset[^>]*>/;
    expect(gbk.text.replace(meta, '')).toBe(utf8.text.replace(meta, ''));
  });

  it('strips a UTF-8 byte-order mark', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('年度报告')]))).toEqual({
      text: '年度报告',
      encoding: 'utf-8',
    });
  });

  it('reads UTF-16 big-endian behind its BOM, and UTF-16 without a BOM by its zero bytes', () => {
    const text = '一、总体情况\n2019年，共受理27件。\n';
    expect(decodeText(bytes(text, 'utf-16be', true))).toEqual({ text, encoding: 'utf-16be' });
    expect(decodeText(bytes(text, 'utf-16le'))).toEqual({ text, encoding: 'utf-16le' });
    expect(decodeText(bytes(text, 'utf-16be'))).toEqual({ text, encoding: 'utf-16be' });
  });

  it('uses the charset a page declares in http-equiv when the bytes are not UTF-8', () => {
    const page =
      '<meta http-equiv="Content-Type" content="text/html; charset=gb2312"><p>政府信息公开工作年度报告</p>';
    expect(decodeText(bytes(page, 'gbk'))).toEqual({ text: page, encoding: 'gb2312' });
  });

  it('falls back to GB18030 for undeclared text that is not UTF-8', () => {
    const text = '鼓楼区人民政府2019年政府信息公开工作年度报告';
    expect(decodeText(bytes(text, 'gb18030'))).toEqual({ text, encoding: 'gb18030' });
  });

  it('prefers valid UTF-8 over a wrong declaration', () => {
    const page = '<meta charset="gbk"><p>年度报告</p>';
    expect(decodeText(new Uint8Array(Buffer.from(page)))).toEqual({ text: page, encoding: 'utf-8' });
  });

  it('reads UTF-8 cut off inside a character, or with one stray bad byte, as UTF-8', () => {
    const full = Buffer.from('收到和处理政府信息公开申请情况，本年新收政府信息公开申请数量');
    expect(decodeText(new Uint8Array(full.subarray(0, full.length - 1)))).toEqual({
      text: '收到和处理政府信息公开申请情况，本年新收政府信息公开申请数',
      encoding: 'utf-8',
    });
    const damaged = new Uint8Array([...full.subarray(0, 30), 0xff, ...full.subarray(30)]);
    expect(decodeText(damaged).encoding).toBe('utf-8');
    expect(decodeText(damaged).text).toContain('\ufffd');
  });

  it('reads nothing as empty UTF-8', () => {
    expect(decodeText(new Uint8Array(0))).toEqual({ text: '', encoding: 'utf-8' });
  });
});
