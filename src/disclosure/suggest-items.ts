import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import { pathIds } from '../orgs/agency-path.ts';
import { itemsMatchingAny } from './search-index.ts';
import { agencyNames } from './search-items.ts';
import { loadSynonyms } from './synonyms.ts';
import { type Clause, normalizeText, parseQuery } from './tokenize.ts';

/**
 * Words every application says and that tell nothing about what is asked for: they neither
 * find an item nor count towards one being relevant.
 */
const BOILERPLATE = new Set([
  '申请',
  '公开',
  '申请公开',
  '依申请',
  '政府',
  '信息',
  '政府信息',
  '信息公开',
  '政府信息公开',
  '我想',
  '了解',
  '想了解',
  '请求',
  '要求',
  '提供',
  '获取',
  '相关',
  '有关',
  '关于',
  '本人',
  '单位',
  '贵单位',
  '贵机关',
  '机关',
  '依法',
  '根据',
  '条例',
  '规定',
  '以及',
  '希望',
  '查询',
  '复印件',
  '电子版',
  '纸质',
  '文件',
  '资料',
  '内容',
  '具体',
  '情况',
  '是否',
  '如何',
  '哪些',
]);

/** The clauses that say something: not boilerplate, not a lone character, not a short number. */
const informative = (clause: Clause): boolean =>
  clause.surfaces.every((s) => !BOILERPLATE.has(s)) &&
  !clause.surfaces.every((s) => [...s].length <= 1) &&
  !clause.surfaces.every((s) => /^\d{1,3}$/.test(s));

/**
 * An item is relevant from this score on: a word of the description in its title counts 2, in
 * its body 1. So two words in the title, or one there and one in the body, or three in the body;
 * a description of one word needs it in the title.
 */
const MIN_SCORE = 3;
/** The best candidates by rank that are weighed; the rest are not relevant enough to show. */
const CANDIDATES = 100;
/** Words (with their synonyms) of a long description that are looked for. */
const MAX_TERMS = 48;

export interface SuggestedItem {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly title: string;
  readonly documentNumber: string | null;
  readonly publishedOn: string;
  /** How many of the description's words the item has (in its title counted twice). */
  readonly score: number;
}

/** True when every token of some alternative of the clause is in the text (normalised). */
const clauseIn = (clause: Clause, norm: string): boolean =>
  clause.alternatives.some(
    (a) =>
      a.tokens.every((t) => norm.includes(t)) && a.phrases.every((p) => p.every((t) => norm.includes(t))),
  );

/**
 * The published items of the agency and the agencies above it that answer an application's
 * description, best first: shown at intake, since information already published need not be
 * applied for (Art. 36(1)). Candidates are the items holding any of the description's words
 * (boilerplate such as 申请公开 aside); one is kept when its score reaches MIN_SCORE, best
 * score first, then by search rank. An unrelated description gets nothing.
 */
export async function suggestPublishedItems(
  db: Kysely<DB>,
  options: { agencyId: number; text: string; limit?: number },
): Promise<SuggestedItem[]> {
  const limit = Math.min(Math.max(1, options.limit ?? 5), 20);
  const parsed = parseQuery(options.text, await loadSynonyms(db), { maxLength: 1000, maxClauses: 200 });
  const clauses = parsed.clauses.filter(informative);
  const alternatives = clauses.flatMap((c) => c.alternatives).slice(0, MAX_TERMS);
  if (alternatives.length === 0) return [];

  const agency = await getAgency(db, options.agencyId);
  const agencyIds = pathIds(agency.path);
  const candidates = await db
    .selectFrom('disclosure_items as i')
    .innerJoin(itemsMatchingAny(db, alternatives), 'm.item_id', 'i.id')
    .select([
      'i.id',
      'i.agency_id',
      'i.title',
      'i.document_number',
      'i.published_on',
      'i.body_text',
      'm.rank',
    ])
    .where('i.status', '=', 'published')
    .where('i.agency_id', 'in', agencyIds)
    .orderBy('m.rank')
    .orderBy('i.published_on', 'desc')
    .limit(CANDIDATES)
    .execute();

  const needed = Math.min(MIN_SCORE, 2 * clauses.length);
  const scored = candidates
    .map((c, order) => {
      const title = normalizeText(`${c.title} ${c.document_number ?? ''}`);
      const body = normalizeText(c.body_text);
      let score = 0;
      for (const clause of clauses) score += clauseIn(clause, title) ? 2 : clauseIn(clause, body) ? 1 : 0;
      return { c, score, order };
    })
    .filter((s) => s.score >= needed)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit);

  const names = await agencyNames(
    db,
    scored.map((s) => s.c.agency_id),
  );
  return scored.map(({ c, score }) => ({
    id: c.id,
    agencyId: c.agency_id,
    agencyName: names.get(c.agency_id) ?? '',
    title: c.title,
    documentNumber: c.document_number,
    publishedOn: c.published_on ?? '',
    score,
  }));
}
