import { type Kysely, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isApplicantLetter, isLetterKind, LETTER_KIND_LABELS } from './letter-kind.ts';

export interface LetterSummary {
  readonly id: number;
  readonly applicationId: number;
  readonly kind: string;
  /** 补正告知书, 答复告知书（不予公开）… */
  readonly kindLabel: string;
  readonly title: string;
  /** 1 for the first letter of its kind, 2 for the one issued after it … */
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: number | null;
  readonly hasPdf: boolean;
  /** Addressed to the applicant (every letter but the consultation of a third party). */
  readonly toApplicant: boolean;
}

/** The letters issued for an application, oldest first, without their files. */
export async function listLetters(db: Kysely<DB>, applicationId: number): Promise<LetterSummary[]> {
  const rows = await db
    .selectFrom('application_letters')
    .select([
      'id',
      'application_id',
      'kind',
      'title',
      'created_at',
      'created_by',
      sql<number>`case when pdf is null then 0 else 1 end`.as('has_pdf'),
    ])
    .where('application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  const seen = new Map<string, number>();
  return rows.map((r) => {
    const version = (seen.get(r.kind) ?? 0) + 1;
    seen.set(r.kind, version);
    return {
      id: r.id,
      applicationId: r.application_id,
      kind: r.kind,
      kindLabel: isLetterKind(r.kind) ? LETTER_KIND_LABELS[r.kind] : r.kind,
      title: r.title,
      version,
      createdAt: r.created_at,
      createdBy: r.created_by,
      hasPdf: Number(r.has_pdf) === 1,
      toApplicant: isApplicantLetter(r.kind),
    };
  });
}
