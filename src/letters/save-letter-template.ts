import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import type { LetterTemplate } from './default-templates.ts';
import type { LetterKind } from './letter-kind.ts';
import { templateProblems } from './letter-placeholders.ts';

export const templateSchema = z.object({
  title: z
    .string({ required_error: '请填写文书标题' })
    .trim()
    .min(1, '请填写文书标题')
    .max(100, '文书标题不能超过 100 个字'),
  body: z
    .string({ required_error: '请填写文书正文' })
    .trim()
    .min(1, '请填写文书正文')
    .max(10_000, '文书正文不能超过 10000 个字'),
});

/** A template as an admin typed it, checked: the fields, then the placeholders (each named). */
export const checkTemplate = (kind: LetterKind, input: unknown): LetterTemplate => {
  const template = parseInput(templateSchema, input);
  const details = templateProblems(kind, template);
  if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);
  return template;
};

/** Stores an agency's own template of one kind (replacing its earlier one), with its audit record. */
export async function saveLetterTemplate(
  db: Kysely<DB>,
  options: { agencyId: number; kind: LetterKind; input: unknown; actor: Actor; now: Date },
): Promise<LetterTemplate> {
  const template = checkTemplate(options.kind, options.input);
  return withTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('letter_templates')
      .select(['id', 'title', 'body'])
      .where('agency_id', '=', options.agencyId)
      .where('kind', '=', options.kind)
      .executeTakeFirst();
    const values = {
      title: template.title,
      body: template.body,
      updated_by: options.actor.userId,
      updated_at: options.now.toISOString(),
    };
    if (existing === undefined)
      await trx
        .insertInto('letter_templates')
        .values({ agency_id: options.agencyId, kind: options.kind, ...values })
        .execute();
    else await trx.updateTable('letter_templates').set(values).where('id', '=', existing.id).execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'letterTemplate.save',
      entityType: 'letterTemplate',
      entityId: `${options.agencyId}:${options.kind}`,
      agencyId: options.agencyId,
      before: existing === undefined ? null : { title: existing.title, body: existing.body },
      after: template,
    });
    return template;
  });
}

/** Removes an agency's own template of one kind: its letters use the shipped default again. */
export async function resetLetterTemplate(
  db: Kysely<DB>,
  options: { agencyId: number; kind: LetterKind; actor: Actor; now: Date },
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const existing = await trx
      .selectFrom('letter_templates')
      .select(['id', 'title', 'body'])
      .where('agency_id', '=', options.agencyId)
      .where('kind', '=', options.kind)
      .executeTakeFirst();
    if (existing === undefined) return;
    await trx.deleteFrom('letter_templates').where('id', '=', existing.id).execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'letterTemplate.reset',
      entityType: 'letterTemplate',
      entityId: `${options.agencyId}:${options.kind}`,
      agencyId: options.agencyId,
      before: { title: existing.title, body: existing.body },
    });
  });
}
