import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { normalizeText, type Synonym } from './tokenize.ts';

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
 * Adds a synonym (an admin's: 一卡通 → 社会保障卡). Searches use it at once; items published
 * before are found through it at query time, and fully after rebuildSearchIndex.
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
