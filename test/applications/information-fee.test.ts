import { describe, expect, it } from 'vitest';
import { perApplicationFee, perQuantityFee } from '../../src/applications/information-fee.ts';

describe('信息处理费, 按件计收 (国办函〔2020〕109号)', () => {
  it.each([
    [1, 0],
    [10, 0],
    [11, 100],
    [30, 100],
    [31, 200],
    [40, 200],
    [41, 300],
    [50, 300],
    [51, 400],
    [65, 500],
    [75, 600],
  ])('the %ith application of the month costs %i yuan', (nth, amount) => {
    expect(perApplicationFee(nth).amount).toBe(amount);
  });

  it('explains the band', () => {
    expect(perApplicationFee(45).steps).toEqual([
      { text: '本申请为该申请人当月向本机关提出的第45件申请：当月第41至50件，每件300元', amount: 300 },
    ]);
    expect(() => perApplicationFee(0)).toThrow(RangeError);
  });
});

describe('信息处理费, 按量计收', () => {
  it.each([
    [30, 0],
    [31, 10],
    [100, 700],
    [101, 720],
    [150, 1700],
    [200, 2700],
    [201, 2740],
    [250, 4700],
  ])('%i pages cost %i yuan', (pages, amount) => {
    expect(perQuantityFee({ pages }).amount).toBe(amount);
  });

  it('prices electronic files as pages, ten files a page rounded up, and shows each band', () => {
    const quote = perQuantityFee({ pages: 25, electronicFiles: 101 });
    // 101 files → 11 pages; 36 pages in all: 30 free, 6 at 10 yuan.
    expect(quote.amount).toBe(60);
    expect(quote.steps.map((s) => s.text)).toEqual([
      '电子文件101个，按每10个折合1页计，折合11页',
      '第1至30页免费',
      '第31至36页，共6页，每页10元',
    ]);
  });
});
