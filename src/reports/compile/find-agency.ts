import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AgencyCandidate {
  readonly id: number;
  readonly name: string;
  /** The agency above it, to tell two of the same name apart; null for a root. */
  readonly parentName: string | null;
}

export type AgencyLookup =
  | { readonly ok: true; readonly agency: AgencyCandidate }
  | { readonly ok: false; readonly reason: 'unknown' | 'ambiguous'; readonly candidates: AgencyCandidate[] };

const MAX_CANDIDATES = 20;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The agency a user means by `text`: its id, or a name (or short name) that only one agency
 * bears. Otherwise the candidates: every agency of that name (ambiguous), or those whose name
 * contains the text (unknown).
 */
export async function findAgencyByIdOrName(db: Kysely<DB>, text: string): Promise<AgencyLookup> {
  const wanted = text.trim();
  const base = db
    .selectFrom('agencies as a')
    .leftJoin('agencies as p', 'p.id', 'a.parent_id')
    .select(['a.id as id', 'a.name as name', 'p.name as parentName'])
    .orderBy('a.path')
    .orderBy('a.id')
    .limit(MAX_CANDIDATES);
  if (/^\d{1,15}$/.test(wanted)) {
    const byId = await base.where('a.id', '=', Number(wanted)).execute();
    if (byId[0] !== undefined) return { ok: true, agency: byId[0] };
  }
  if (wanted === '') return { ok: false, reason: 'unknown', candidates: [] };
  let named = await base.where('a.name', '=', wanted).execute();
  if (named.length === 0) named = await base.where('a.short_name', '=', wanted).execute();
  if (named.length === 1 && named[0] !== undefined) return { ok: true, agency: named[0] };
  if (named.length > 1) return { ok: false, reason: 'ambiguous', candidates: named };
  const pattern = `%${escapeLike(wanted)}%`;
  const like = await base.where('a.name', 'like', sql<string>`${pattern} escape '\\'`).execute();
  return { ok: false, reason: 'unknown', candidates: like };
}
