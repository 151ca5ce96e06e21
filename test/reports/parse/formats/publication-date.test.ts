import { describe, expect, it } from 'vitest';
import { findPublicationDate } from '../../../../src/reports/parse/formats/publication-date.ts';

describe('findPublicationDate', () => {
  it.each([
    ['发布时间：2026-01-15 10:32:11 来源：区政府办', '2026-01-15'],
    ['发布日期：2026年1月15日', '2026-01-15'],
    ['成文日期: 2026/01/15', '2026-01-15'],
    ['[ 发布时间 ：2020.01.20 ]', '2020-01-20'],
    ['发布日期：２０２１年３月５日', '2021-03-05'],
    ['成文日期：二〇二一年三月二十九日', '2021-03-29'],
    ['成文日期：二〇二〇年十二月十日', '2020-12-10'],
  ])('%s → %s', (text, date) => {
    expect(findPublicationDate(text)).toBe(date);
  });

  it('needs a label: a date in the text is not its publication date', () => {
    expect(findPublicationDate('本报告中所列数据的统计时限为2019年1月1日至2019年12月31日')).toBeUndefined();
  });

  it('skips an impossible date and takes the first valid one', () => {
    expect(findPublicationDate('发布时间：2021-02-30 成文日期：2021-02-27')).toBe('2021-02-27');
  });
});
