import { describe, expect, it } from 'vitest';
import { highlight, highlightTerms, snippet } from '../../src/disclosure/highlight.ts';
import { ftsQuery, tsQuery } from '../../src/disclosure/search-index.ts';
import {
  indexTokens,
  matchesTokens,
  normalizeText,
  parseQuery,
  queryTokens,
  textMatcher,
} from '../../src/disclosure/tokenize.ts';

const SYNONYMS = [
  { term: '低保', expansion: '最低生活保障' },
  { term: '医保', expansion: '医疗保障' },
  { term: '医保', expansion: '医疗保险' },
];

/** A query as text: clauses joined by ' ; ', alternatives by ' | ', tokens by '&', phrases in <>. */
const shape = (query: string) =>
  parseQuery(query, SYNONYMS)
    .clauses.map((c) =>
      c.alternatives
        .map((a) => [...a.tokens, ...a.phrases.map((p) => `<${p.join(' ')}>`)].join('&'))
        .join(' | '),
    )
    .join(' ; ');

/** True when the index tokens of `text` satisfy the query (what FTS5 and tsquery compute). */
const matches = (text: string, query: string): boolean => {
  const tokens = indexTokens(text, SYNONYMS);
  const joined = ` ${tokens.join(' ')} `;
  return parseQuery(query, SYNONYMS).clauses.every((c) =>
    c.alternatives.some(
      (a) =>
        a.tokens.every((t) => tokens.includes(t)) &&
        a.phrases.every((p) => joined.includes(` ${p.join(' ')} `)),
    ),
  );
};

describe('index tokens', () => {
  it('holds the bigrams of each Han run in order, the segmenter words, numbers and number+character', () => {
    const tokens = indexTokens('鼓楼区最低生活保障，汴政〔2019〕12号');
    expect(tokens.slice(0, 8)).toEqual(['鼓楼', '楼区', '区最', '最低', '低生', '生活', '活保', '保障']);
    for (const t of ['汴政', '2019', '12', '12号']) expect(tokens).toContain(t);
    // Two-character words are bigrams already; no punctuation ever becomes a token.
    expect(tokens.filter((t) => t === '最低')).toHaveLength(1);
    expect(tokens.some((t) => /[〔〕，]/.test(t))).toBe(false);
  });

  it('folds full-width forms and case', () => {
    expect(normalizeText('２０１９ＡＢＣ')).toBe('2019abc');
    expect(indexTokens('汴政〔２０１９〕１２号')).toContain('12号');
  });

  it('adds the other side of a synonym, both ways', () => {
    expect(indexTokens('2019年最低生活保障金发放', SYNONYMS)).toContain('低保');
    const short = indexTokens('低保对象名单', SYNONYMS);
    for (const t of ['最低', '低生', '生活', '活保', '保障']) expect(short).toContain(t);
    expect(indexTokens('城镇职工医疗保险', SYNONYMS)).toContain('医保');
  });
});

describe('matching a text as the index would', () => {
  const texts = [
    '汴民〔2019〕598号\n关于最低生活保障资金发放情况的通知\n鼓楼区民政局',
    '城乡居民医疗保险缴费标准',
    '低保对象名单公示',
    '关于发放资金的通知 汴鼓民〔2024〕12号',
    '鼓楼区人民政府办公室',
  ];
  const queries = [
    '低保',
    '资金发放',
    '"资金发放"',
    '发放 资金',
    '598号',
    '2019 低保',
    '医保',
    '区',
    '汴',
    '人民政府',
    '"名单公示"',
  ];

  it('finds with textMatcher exactly what the index tokens match, with or without the segmenter', () => {
    let matched = 0;
    for (const query of queries) {
      const parsed = parseQuery(query, SYNONYMS);
      const matcher = textMatcher(parsed, SYNONYMS);
      for (const text of texts) {
        const expected = matchesTokens(parsed, indexTokens(text, SYNONYMS));
        expect(matcher(text), `${query} in ${text}`).toBe(expected);
        if (expected) matched++;
      }
    }
    expect(matched).toBeGreaterThan(8);
  });

  it('needs a phrase as consecutive tokens, not only present', () => {
    const tokens = indexTokens('发放资金 资金发放前');
    expect(matchesTokens(parseQuery('"资金发放"'), tokens)).toBe(true);
    expect(matchesTokens(parseQuery('"资金发放"'), indexTokens('发放资金'))).toBe(false);
    expect(matchesTokens(parseQuery('资金 发放'), indexTokens('发放资金'))).toBe(true);
  });
});

describe('queries', () => {
  it('splits typed text into words, each a run of bigrams; lone characters join their neighbour', () => {
    expect(shape('就业创业')).toBe('就业 ; 创业');
    expect(shape('开封市鼓楼区')).toBe('开封&封市&市鼓&鼓楼&楼区');
    expect(shape('鼓楼区 就业')).toBe('鼓楼&楼区 ; 就业');
    expect(shape('市')).toBe('市');
  });

  it('makes a synonym one clause of all its spellings, from either side', () => {
    expect(shape('低保')).toBe('低保 | 最低&低生&生活&活保&保障');
    expect(shape('最低生活保障')).toBe('最低&低生&生活&活保&保障 | 低保');
    expect(shape('医保')).toBe('医保 | 医疗&疗保&保障 | 医疗&疗保&保险');
    expect(shape('低保金发放')).toBe('低保 | 最低&低生&生活&活保&保障 ; 发放');
  });

  it('reads a document number as its parts, the number with its character as one token', () => {
    expect(shape('汴政〔2019〕12号')).toBe('汴政 ; 2019 ; 12号');
    expect(shape('12号')).toBe('12号');
    expect(shape('2019年度')).toBe('2019年 ; 年度');
  });

  it('keeps a quoted phrase as adjacent bigrams', () => {
    expect(shape('“政府信息公开” 2019')).toBe('<政府 府信 信息 息公 公开> ; 2019');
    expect(shape('"低保"')).toBe('低保');
  });

  it('gives nothing for punctuation alone', () => {
    expect(parseQuery('！？。…', SYNONYMS).clauses).toEqual([]);
  });

  it('finds two-character words, document numbers, phrases and synonyms in indexed text', () => {
    const notice = '关于2019年鼓楼区最低生活保障资金发放情况的公示 汴政〔2019〕12号';
    expect(matches(notice, '低保')).toBe(true);
    expect(matches(notice, '低保资金')).toBe(true);
    expect(matches(notice, '资金')).toBe(true);
    expect(matches(notice, '2019')).toBe(true);
    expect(matches(notice, '12号')).toBe(true);
    expect(matches(notice, '汴政〔2019〕12号')).toBe(true);
    expect(matches(notice, '“最低生活保障资金”')).toBe(true);
    expect(matches(notice, '“最低生活资金”')).toBe(false);
    expect(matches(notice, '13号')).toBe(false);
    expect(matches(notice, '医保')).toBe(false);
    expect(matches('低保对象名单公示', '最低生活保障')).toBe(true);
    expect(matches('城乡居民医疗保险缴费标准', '医保缴费')).toBe(true);
  });

  it('renders FTS5 and tsquery text with every token quoted', () => {
    const parsed = parseQuery('低保 “发放情况”', SYNONYMS);
    expect(ftsQuery(parsed)).toBe(
      '(("发放 放情 情况")) AND (("低保") OR ("最低" AND "低生" AND "生活" AND "活保" AND "保障"))',
    );
    expect(tsQuery(parsed)).toBe(
      "((('发放' <-> '放情' <-> '情况'))) & (('低保') | ('最低' & '低生' & '生活' & '活保' & '保障'))",
    );
    expect(queryTokens(parsed)).toEqual([
      '发放',
      '放情',
      '情况',
      '低保',
      '最低',
      '低生',
      '生活',
      '活保',
      '保障',
    ]);
  });
});

describe('highlighting', () => {
  it('marks the words typed and their synonyms, in the original text', () => {
    const terms = highlightTerms(parseQuery('低保 发放', SYNONYMS));
    expect(highlight('２０１９年最低生活保障金发放', terms)).toEqual([
      { text: '２０１９年', hit: false },
      { text: '最低生活保障', hit: true },
      { text: '金', hit: false },
      { text: '发放', hit: true },
    ]);
    expect(highlight('ABC 低保', highlightTerms(parseQuery('abc', SYNONYMS)))).toEqual([
      { text: 'ABC', hit: true },
      { text: ' 低保', hit: false },
    ]);
  });

  it('cuts a snippet around the first hit, with ellipses', () => {
    const text = `${'前言'.repeat(100)}这里说的是低保资金的发放。${'后记'.repeat(100)}`;
    const parts = snippet(text, highlightTerms(parseQuery('低保', SYNONYMS)), 60);
    expect(parts[0]).toEqual({ text: '…', hit: false });
    expect(parts.at(-1)).toEqual({ text: '…', hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['低保']);
    expect(parts.map((p) => p.text).join('').length).toBeLessThanOrEqual(62);
    expect(snippet('短文', [])).toEqual([{ text: '短文', hit: false }]);
  });
});
