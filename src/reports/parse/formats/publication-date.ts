/**
 * The publication date a page or a document prints: 发布时间：2026-01-15, 发布日期：2026年1月15日,
 * 成文日期：2026/01/15, 成文日期：二〇二六年一月十五日. The first valid one wins, as YYYY-MM-DD.
 */

const LABEL = '(?:发布时间|发布日期|成文日期|发文日期|印发日期|公开日期)';
const SEP = '\\s*[:：]?\\s*';
const ARABIC = new RegExp(`${LABEL}${SEP}(\\d{4})\\s*[-/.年]\\s*(\\d{1,2})\\s*[-/.月]\\s*(\\d{1,2})`, 'g');
const DIGITS: Readonly<Record<string, number>> = {
  〇: 0,
  '○': 0,
  零: 0,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const HAN = new RegExp(
  `${LABEL}${SEP}([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日`,
  'g',
);

const digit = (ch: string | undefined): number => (ch ? (DIGITS[ch] ?? 0) : 0);

/** 二〇二一 → 2021 (digit by digit); 二十九 → 29, 十二 → 12, 三 → 3. */
const hanNumber = (s: string): number => {
  if (!s.includes('十')) return [...s].reduce((n, ch) => n * 10 + digit(ch), 0);
  const [tens, ones] = s.split('十');
  return (tens ? digit(tens) : 1) * 10 + digit(ones);
};

const isoDate = (y: number, m: number, d: number): string | undefined => {
  const date = new Date(Date.UTC(y, m - 1, d));
  const valid = y >= 1990 && y <= 2100 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  return valid ? date.toISOString().slice(0, 10) : undefined;
};

const halfWidthDigits = (text: string): string =>
  text
    .replace(/[０-９]/g, (ch) => String(ch.charCodeAt(0) - 0xff10))
    .replace(/[／－]/g, (ch) => (ch === '／' ? '/' : '-'));

export const findPublicationDate = (text: string): string | undefined => {
  const s = halfWidthDigits(text);
  const found: { at: number; date: string }[] = [];
  for (const m of s.matchAll(ARABIC)) {
    const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (date) found.push({ at: m.index, date });
  }
  for (const m of s.matchAll(HAN)) {
    const date = isoDate(hanNumber(m[1] ?? ''), hanNumber(m[2] ?? ''), hanNumber(m[3] ?? ''));
    if (date) found.push({ at: m.index, date });
  }
  found.sort((a, b) => a.at - b.at);
  return found[0]?.date;
};
