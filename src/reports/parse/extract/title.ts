import type { Token } from './tokens.ts';

const TITLE = /^(.*?)(\d{4})\s*年(?:度)?\s*(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/;
/** '2019年鼓楼区人民政府政府信息公开工作年度报告': the year first. */
const TITLE_YEAR_FIRST = /^(\d{4})\s*年(?:度)?\s*(.+?)(?:政府)?信息公开(?:工作)?(?:年度)?(?:报告|年报)/;
const YEAR_HINTS = [
  /统计期限为(\d{4})年1月1日/,
  /(\d{4})年度政府信息公开/,
  /(\d{4})年(?:度)?政府信息公开工作年度报告/,
  /(\d{4})年1月1日至\1年12月31日/,
];

export interface TitleFacts {
  readonly agency: string | null;
  readonly year: number | null;
  readonly titleIndex: number;
}

const plausibleYear = (y: number): boolean => y >= 2008 && y <= 2100;

const cleanAgency = (raw: string): string | null => {
  const name = raw
    .replace(/[\s\u00a0\u3000]+/g, '')
    .replace(/^关于/, '')
    .replace(/关于$/, '')
    .replace(/[《》“”"]/g, '');
  return name.length >= 2 && name.length <= 60 ? name : null;
};

/** Agency and year from the title ('鼓楼区人民政府2019年政府信息公开工作年度报告') or the text. */
export const findTitle = (tokens: readonly Token[]): TitleFacts => {
  const scan = Math.min(tokens.length, 60);
  for (let i = 0; i < scan; i++) {
    const t = tokens[i];
    if (!t || t.text.length > 80) continue;
    const text = t.text.trim();
    const m = TITLE.exec(text);
    if (m && m[1] === '') {
      const y = TITLE_YEAR_FIRST.exec(text);
      if (y) {
        const year = Number(y[1]);
        return { agency: cleanAgency(y[2] ?? ''), year: plausibleYear(year) ? year : null, titleIndex: i };
      }
    }
    if (m) {
      const year = Number(m[2]);
      return {
        agency: cleanAgency(m[1] ?? ''),
        year: plausibleYear(year) ? year : null,
        titleIndex: i,
      };
    }
  }
  for (const t of tokens.slice(0, 200)) {
    for (const hint of YEAR_HINTS) {
      const m = hint.exec(t.text);
      if (m && plausibleYear(Number(m[1]))) return { agency: null, year: Number(m[1]), titleIndex: -1 };
    }
  }
  return { agency: null, year: null, titleIndex: -1 };
};
