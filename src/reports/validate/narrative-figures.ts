import type { SectionNumber } from '../model/edition.ts';
import type { NarrativeSection } from '../model/report.ts';

/** What a narrative figure counts, by the table cells it is compared with. */
export type Measure = 'applications' | 'reconsideration' | 'litigation';

export interface NarrativeFigure {
  readonly measure: Measure;
  readonly value: number;
  /** The words the figure was read from, quoted in the message. */
  readonly phrase: string;
  readonly section: SectionNumber;
}

const NUM = String.raw`(?<num>\d{1,3}(?:,\d{3})+|\d+)`;
const NO_BREAK = String.raw`[^。；;，,：:！？!?\n（(]`;
const VERB = '(?:受理|收到|接收|接到|新收)';

/**
 * The phrases read, each naming a whole count, never a part of one:
 * "共受理依申请公开27件", "收到公民提出的政府信息公开申请2份", "共收到8份政府信息公开申请",
 * "行政复议3件", "行政诉讼7件", "无因政府信息公开申请引起的行政复议和行政诉讼" (both 0).
 */
const PATTERNS: readonly { measure: Measure | 'both'; re: RegExp; zero?: boolean }[] = [
  {
    measure: 'applications',
    re: new RegExp(
      `${VERB}(?<gap>${NO_BREAK}{0,20}?)(?:依申请公开|政府信息公开申请|公开申请|申请)(?!人)(?:共计|共|合计)?${NUM}[件份个条]`,
      'g',
    ),
  },
  {
    measure: 'applications',
    re: new RegExp(`${VERB}了?${NUM}[件份个条](?<gap>${NO_BREAK}{0,10}?)申请(?!人)`, 'g'),
  },
  {
    measure: 'reconsideration',
    re: new RegExp(`行政复议(?:申请|案件)?(?:共计|共|合计)?${NUM}[件起宗个]`, 'g'),
  },
  { measure: 'litigation', re: new RegExp(`行政诉讼(?:案件)?(?:共计|共|合计)?${NUM}[件起宗个]`, 'g') },
  {
    measure: 'both',
    zero: true,
    re: new RegExp(
      `(?:无|没有|未发生|未出现|未有)(?!法|论|正当)(?<gap>${NO_BREAK}{0,24}?)行政复议(?:案件)?(?:和|及|与|、|或|以及)行政诉讼(?:案件|情况)?(?=[。；;，,！？!?\n]|$)`,
      'g',
    ),
  },
  {
    measure: 'reconsideration',
    zero: true,
    re: new RegExp(
      `(?:无|没有|未发生|未出现|未有)(?!法|论|正当)(?<gap>${NO_BREAK}{0,24}?)行政复议(?:案件|情况)?(?=[。；;，,！？!?\n]|$)`,
      'g',
    ),
  },
  {
    measure: 'litigation',
    zero: true,
    re: new RegExp(
      `(?:无|没有|未发生|未出现|未有)(?!法|论|正当)(?<gap>${NO_BREAK}{0,24}?)行政诉讼(?:案件|情况)?(?=[。；;，,！？!?\n]|$)`,
      'g',
    ),
  },
];

/** Words that make a figure a part (by channel, by applicant, by stage) or another year's. */
const PART_OF =
  /其中|包括|包含|含|上年|去年|上一年|同比|较|自然人|法人|组织|企业|机构|信函|网上|网站|网络|当面|现场|传真|邮件|邮寄|电话|结转|办结|答复|直接起诉|复议后/;

/** The sentence before the match, from the last full stop or semicolon. */
const sentenceBefore = (text: string, index: number): string => {
  const head = text.slice(0, index);
  const cut = Math.max(...['。', '；', ';', '！', '？', '!', '?', '\n'].map((d) => head.lastIndexOf(d)));
  return head.slice(cut + 1);
};

const otherYear = (words: string, year: number | null): boolean =>
  year !== null && [...words.matchAll(/(\d{4})年/g)].some((m) => Number(m[1]) !== year);

/**
 * Every figure the narrative states for a measure, skipping any whose sentence or wording
 * makes it a part of the whole or another year's count. Better to miss a figure than to
 * compare a part with the whole.
 */
export const findNarrativeFigures = (
  narrative: readonly NarrativeSection[],
  year: number | null,
): NarrativeFigure[] => {
  const figures: NarrativeFigure[] = [];
  const ends = new Set<string>();
  for (const { section, text } of narrative) {
    for (const { measure, re, zero } of PATTERNS) {
      for (const m of text.matchAll(re)) {
        const before = sentenceBefore(text, m.index);
        const gap = m.groups?.gap ?? '';
        if (PART_OF.test(before) || PART_OF.test(gap) || otherYear(before + m[0], year)) continue;
        const value = zero ? 0 : Number((m.groups?.num ?? '').replaceAll(',', ''));
        const measures: Measure[] = measure === 'both' ? ['reconsideration', 'litigation'] : [measure];
        for (const each of measures) {
          // "无…行政复议和行政诉讼" also reads as "无…行政诉讼": count a phrase once.
          const seen = `${section}|${m.index + m[0].length}|${each}`;
          if (ends.has(seen)) continue;
          ends.add(seen);
          figures.push({ measure: each, value, phrase: m[0], section });
        }
      }
    }
  }
  return figures;
};
