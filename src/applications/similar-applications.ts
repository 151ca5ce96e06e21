import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type Application, toApplication } from './application.repository.ts';

/** How far back, and how many earlier applications of the agency, are compared. */
const LOOK_BACK_DAYS = 3 * 366;
const CANDIDATES = 5_000;
/** Below this share of common character pairs two descriptions are not called similar. */
export const SIMILARITY_THRESHOLD = 0.35;

/** The words every application says ("申请公开…的情况"): alike in all, they tell nothing. */
const BOILERPLATE =
  /申请公开|依法公开|请求公开|申请获取|申请提供|要求公开|政府信息|相关信息|有关情况|的情况|情况|本人|贵单位|贵机关/g;

/**
 * The character bigrams of a description, without punctuation and spaces: Chinese has no word
 * breaks, and pairs of characters are what a clerk recognises as "the same request" (最低生活
 * 保障 ~ 低保 aside).
 */
export const bigrams = (text: string): Set<string> => {
  const chars = [
    ...text
      .normalize('NFKC')
      .toLowerCase()
      .replace(BOILERPLATE, '')
      .replace(/[\s\p{P}\p{S}]/gu, ''),
  ];
  const pairs = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) pairs.add(`${chars[i]}${chars[i + 1]}`);
  if (chars.length === 1 && chars[0] !== undefined) pairs.add(chars[0]);
  return pairs;
};

/** Jaccard similarity of two bigram sets, 0 to 1. */
export const similarity = (a: ReadonlySet<string>, b: ReadonlySet<string>): number => {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const x of a) if (b.has(x)) common++;
  return common / (a.size + b.size - common);
};

export interface SimilarApplication {
  readonly application: Application;
  readonly score: number;
  /** The same identity document: a repeated application (Art. 36(6)) is likely. */
  readonly sameApplicant: boolean;
}

/**
 * Earlier applications to the same agency whose description resembles this one's, the most
 * similar first: shown at intake so that the office answers alike and notices repeats.
 */
export async function findSimilarApplications(
  db: Kysely<DB>,
  application: Application,
  limit = 5,
): Promise<SimilarApplication[]> {
  const since = new Date(Date.parse(application.receivedOn) - LOOK_BACK_DAYS * 86_400_000)
    .toISOString()
    .slice(0, 10);
  // Compare on the descriptions alone; read whole rows only for the few that are shown.
  const candidates = await db
    .selectFrom('applications')
    .select(['id', 'description', 'id_number', 'received_on'])
    .where('agency_id', '=', application.agencyId)
    .where('id', '!=', application.id)
    .where('received_on', '>=', since)
    .where('received_on', '<=', application.receivedOn)
    .orderBy('received_on', 'desc')
    .limit(CANDIDATES)
    .execute();
  const mine = bigrams(application.description);
  const best = candidates
    .map((c) => ({ c, score: similarity(mine, bigrams(c.description)) }))
    .filter((s) => s.score >= SIMILARITY_THRESHOLD)
    .sort((a, b) => b.score - a.score || (a.c.received_on < b.c.received_on ? 1 : -1))
    .slice(0, limit);
  if (best.length === 0) return [];
  const rows = new Map(
    (
      await db
        .selectFrom('applications')
        .selectAll()
        .where(
          'id',
          'in',
          best.map((s) => s.c.id),
        )
        .execute()
    ).map((r) => [r.id, toApplication(r)]),
  );
  return best.flatMap(({ c, score }) => {
    const found = rows.get(c.id);
    return found ? [{ application: found, score, sameApplicant: c.id_number === application.idNumber }] : [];
  });
}
