import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DEFAULT_TEMPLATES, type LetterTemplate } from './default-templates.ts';
import { isLetterKind, type LetterKind } from './letter-kind.ts';

export interface EffectiveTemplate extends LetterTemplate {
  /** True when the agency's own template replaces the shipped one. */
  readonly custom: boolean;
  readonly updatedAt: string | null;
}

/** The template a letter of this agency and kind is made from: the agency's own, else the default. */
export async function effectiveTemplate(
  db: Kysely<DB>,
  agencyId: number,
  kind: LetterKind,
): Promise<EffectiveTemplate> {
  const row = await db
    .selectFrom('letter_templates')
    .select(['title', 'body', 'updated_at'])
    .where('agency_id', '=', agencyId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row === undefined
    ? { ...DEFAULT_TEMPLATES[kind], custom: false, updatedAt: null }
    : { title: row.title, body: row.body, custom: true, updatedAt: row.updated_at };
}

/** Which kinds each of these agencies has its own template for, and when it was last changed. */
export async function customTemplates(
  db: Kysely<DB>,
  agencyIds: readonly number[],
): Promise<Map<number, Map<LetterKind, string>>> {
  const byAgency = new Map<number, Map<LetterKind, string>>(agencyIds.map((id) => [id, new Map()]));
  if (agencyIds.length === 0) return byAgency;
  const rows = await db
    .selectFrom('letter_templates')
    .select(['agency_id', 'kind', 'updated_at'])
    .where('agency_id', 'in', agencyIds)
    .execute();
  for (const row of rows)
    if (isLetterKind(row.kind)) byAgency.get(row.agency_id)?.set(row.kind, row.updated_at);
  return byAgency;
}
