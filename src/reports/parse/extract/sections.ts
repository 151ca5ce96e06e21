import type { SectionNumber } from '../../model/edition.ts';
import { SECTION_NUMERALS } from '../../model/section-headings.ts';
import type { Token } from './tokens.ts';

export interface Heading {
  readonly index: number;
  readonly section: SectionNumber;
  /** The heading as the document words it, without its numeral. */
  readonly text: string;
}

/** Section headings as published: the forms' own, and the wordings real reports use. */
const SECTION_WORDS: Readonly<Record<SectionNumber, RegExp>> = {
  1: /总体情况|概述|基本情况/,
  2: /主动公开/,
  3: /申请/,
  4: /复议|诉讼/,
  5: /问题|不足|改进/,
  6: /其他|下一步|打算|事项/,
};

const HEADING = /^([一二三四五六七])\s*[、.．,，]\s*(.{2,40})$/;

/** Table row labels that look like headings ('一、本年新收政府信息公开申请数量'). */
const ROW_LABEL = /本年新收|上年结转|本年度办理结果|结转下年度/;

const numeralValue = (n: string): number => ['一', '二', '三', '四', '五', '六', '七'].indexOf(n) + 1;

/**
 * Finds the six top-level headings. The numeral decides the section; the words must fit one
 * of the six, so that a table row or a list item that starts with '一、' is not taken for one.
 */
export const findHeadings = (tokens: readonly Token[]): Heading[] => {
  const headings: Heading[] = [];
  tokens.forEach((t, index) => {
    if (t.kind !== 'paragraph') return;
    const m = HEADING.exec(t.text.trim());
    if (!m || ROW_LABEL.test(t.text)) return;
    const n = numeralValue(m[1] ?? '');
    const text = (m[2] ?? '').trim().replace(/[。:：]$/, '');
    if (n < 1) return;
    if (n > 6) {
      // A seventh part is read into the sixth, and said so by the parser.
      if (SECTION_WORDS[6].test(text) || headings.length > 0) headings.push({ index, section: 6, text });
      return;
    }
    const section = n as SectionNumber;
    if (SECTION_WORDS[section].test(text)) headings.push({ index, section, text });
  });
  return headings;
};

export const sectionNumeral = (n: SectionNumber): string => SECTION_NUMERALS[n - 1] ?? '';
