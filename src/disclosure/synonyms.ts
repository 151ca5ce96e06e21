import { type Kysely, sql } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import { isPostgres } from '../db/migrations/dialect.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { ftsQuery, reindexItems, tsQuery } from './search-index.ts';
import { normalizeText, parseQuery, type Synonym } from './tokenize.ts';

/** The synonyms search expands (a few dozen rows: read whole, at each search and each index write). */
export async function loadSynonyms(db: Kysely<DB>): Promise<Synonym[]> {
  return db.selectFrom('search_synonyms').select(['term', 'expansion']).orderBy('id').execute();
}

const side = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(30, `${label}不能超过 30 个字`)
    .refine((v) => v === '' || /[\p{L}\p{N}]/u.test(v), `${label}应含有文字或数字`);

const synonymSchema = z
  .object({ term: side('简称'), expansion: side('全称') })
  .refine((s) => normalizeText(s.term) !== normalizeText(s.expansion), {
    message: '简称与全称不能相同',
    path: ['expansion'],
  });

/**
 * Adds a synonym (an admin's: 一卡通 → 社会保障卡). Searches use it at once (query-time
 * expansion), and the published items that hold either side are indexed again in the same
 * transaction (index-time expansion), so that the index agrees with the list.
 */
export async function addSynonym(
  db: Kysely<DB>,
  options: { input: unknown; actor: Actor; now: Date },
): Promise<Synonym> {
  const synonym = parseInput(synonymSchema, options.input);
  return withTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('search_synonyms')
      .select('id')
      .where('term', '=', synonym.term)
      .where('expansion', '=', synonym.expansion)
      .executeTakeFirst();
    if (existing !== undefined)
      throw new AppError('CONFLICT', `同义词“${synonym.term}—${synonym.expansion}”已存在`);
    const row = await trx
      .insertInto('search_synonyms')
      .values({ ...synonym, created_at: options.now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await reindexItemsMentioning(trx, [synonym.term, synonym.expansion]);
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'searchSynonym.add',
      entityType: 'searchSynonym',
      entityId: row.id,
      agencyId: null,
      after: synonym,
    });
    return synonym;
  });
}

export interface SynonymRow extends Synonym {
  readonly id: number;
  readonly createdAt: string;
}

/** Every synonym, by abbreviation (the admin page's list: a few dozen rows). */
export async function listSynonyms(db: Kysely<DB>): Promise<SynonymRow[]> {
  const rows = await db
    .selectFrom('search_synonyms')
    .select(['id', 'term', 'expansion', 'created_at'])
    .orderBy('term')
    .orderBy('expansion')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ id: r.id, term: r.term, expansion: r.expansion, createdAt: r.created_at }));
}

/**
 * Deletes a synonym; the items indexed with it are indexed again without it, in the same
 * transaction, so that the abbreviation no longer finds them.
 */
export async function deleteSynonym(
  db: Kysely<DB>,
  options: { synonymId: number; actor: Actor; now: Date },
): Promise<Synonym> {
  return withTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('search_synonyms')
      .select(['id', 'term', 'expansion'])
      .where('id', '=', options.synonymId)
      .executeTakeFirst();
    if (row === undefined) throw new AppError('NOT_FOUND', '未找到该同义词，可能已被删除。');
    await trx.deleteFrom('search_synonyms').where('id', '=', row.id).execute();
    const synonym = { term: row.term, expansion: row.expansion };
    await reindexItemsMentioning(trx, [synonym.term, synonym.expansion]);
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'searchSynonym.delete',
      entityType: 'searchSynonym',
      entityId: row.id,
      agencyId: null,
      before: synonym,
    });
    return synonym;
  });
}

const HAN_CHAR = /^\p{Script=Han}$/u;

/**
 * Indexes again the published items that hold one of these words, with the synonyms as they
 * now stand: those the index finds for each word as written (the items holding it, and those
 * indexed with it as another word's synonym), and, for a single Han character, which the index
 * may hold only inside its pairs, those whose text contains it. Returns how many.
 */
export async function reindexItemsMentioning(db: Kysely<DB>, words: readonly string[]): Promise<number> {
  const ids = new Set<number>();
  for (const word of words) {
    const text = normalizeText(word.trim());
    const parsed = parseQuery(text);
    if (parsed.clauses.length > 0) {
      const { rows } = isPostgres(db)
        ? await sql<{ item_id: number | string }>`select item_id from disclosure_search
            where document @@ to_tsquery('simple', ${tsQuery(parsed)})`.execute(db)
        : await sql<{ item_id: number | string }>`select rowid as item_id from disclosure_search
            where disclosure_search match ${ftsQuery(parsed)}`.execute(db);
      for (const r of rows) ids.add(Number(r.item_id));
    }
    if (HAN_CHAR.test(text)) {
      const like = `%${text}%`;
      const rows = await db
        .selectFrom('disclosure_items')
        .select('id')
        .where('status', '=', 'published')
        .where((eb) => eb.or([eb('title', 'like', like), eb('body_text', 'like', like)]))
        .execute();
      for (const r of rows) ids.add(r.id);
    }
  }
  if (ids.size === 0) return 0;
  await reindexItems(db, [...ids]);
  return ids.size;
}
