import { describe, expect, it } from 'vitest';
import { foldLabel, labelMatcher, matchesLabel } from '../../../src/reports/parse/extract/normalize.ts';
import { readCell } from '../../../src/reports/parse/extract/number.ts';

describe('reading a number as reports print it', () => {
  it.each([
    ['1,066', 'count', 1066],
    ['\u3000\u300058', 'count', 58],
    ['\u00a00\u00a0', 'count', 0],
    ['+112', 'signed', 112],
    ['-8', 'signed', -8],
    ['６３', 'count', 63],
    ['6,356.8000', 'amount', 6356.8],
    ['251000元', 'amount', 25.1],
    ['35.5万元', 'amount', 35.5],
  ] as const)('%j as %s → %d', (raw, kind, value) => {
    expect(readCell(raw, kind)).toMatchObject({ kind: 'number', value });
  });

  it('converts a yuan amount to 万元 where the column is headed in yuan, and says so', () => {
    const read = readCell('251000', 'amount', true);
    expect(read).toEqual({ kind: 'number', value: 25.1, note: expect.stringContaining('万元') });
  });

  it('keeps marks and blanks apart from numbers, and never reads text as 0', () => {
    expect(readCell('', 'count')).toEqual({ kind: 'blank' });
    expect(readCell('  ', 'count')).toEqual({ kind: 'blank' });
    for (const mark of ['/', '—', '-', '无', '／']) expect(readCell(mark, 'count').kind).toBe('mark');
    expect(readCell('约20', 'count')).toEqual({ kind: 'text', text: '约20' });
    expect(readCell('1,06', 'count').kind).toBe('text');
  });
});

describe('matching the form labels tolerantly', () => {
  const secret = labelMatcher(['1.属于国家秘密']);
  const safety = labelMatcher(['3.危及“三安全一稳定”']);
  const partial = labelMatcher(['（二）部分公开（区分处理的，只计这一情形，不计其他情形）']);
  const docs = labelMatcher(['行政规范性文件', '规范性文件']);
  const total = labelMatcher(['（七）总计']);

  it('folds brackets, quotes, spaces, numbering and full-width forms', () => {
    expect(matchesLabel(foldLabel('1、属于国家秘密'), secret)).toBe(true);
    expect(matchesLabel(foldLabel('１．属于 国家 秘密'), secret)).toBe(true);
    expect(matchesLabel(foldLabel('属于国家秘密'), secret)).toBe(true);
    expect(matchesLabel(foldLabel('(三)不予公开 1.属于国家秘密'), secret)).toBe(true);
    expect(matchesLabel(foldLabel('3.危及"三安全一稳定"'), safety)).toBe(true);
    expect(matchesLabel(foldLabel('(二)部分公开(区分处理的,只计这一情形,不计其他情形)'), partial)).toBe(true);
    expect(matchesLabel(foldLabel('（二）部分公开'), partial)).toBe(true);
    expect(matchesLabel(foldLabel('规范性文件'), docs)).toBe(true);
  });

  it('does not take a column heading for a row whose number it lacks', () => {
    expect(matchesLabel(foldLabel('总计'), total)).toBe(false);
    expect(matchesLabel(foldLabel('(七)总计'), total)).toBe(true);
    expect(matchesLabel(foldLabel('属于国家秘密的信息有3件'), secret)).toBe(false);
  });
});
