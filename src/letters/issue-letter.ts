import type { Kysely } from 'kysely';
import { z } from 'zod';
import { appendWorkflowEvent } from '../applications/workflow-event.repository.ts';
import { beijingToday, optionalText } from '../applications/workflow-input.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { composeLetter, type LetterDocument } from './compose-letter.ts';
import { renderLetterDocx } from './letter-docx.ts';
import { renderLetterHtml } from './letter-html.ts';
import { isLetterKind, LETTER_KIND_LABELS, type LetterKind, replyKindOf } from './letter-kind.ts';
import type { LetterPdf } from './letter-pdf.ts';
import { effectiveTemplate } from './letter-template.repository.ts';
import { type LetterData, letterValues } from './letter-values.ts';
import { loadLetterData } from './load-letter-data.ts';

const issueSchema = z.object({
  kind: z
    .string({ required_error: '请选择要出具的文书' })
    .trim()
    .refine((k) => k === 'reply' || isLetterKind(k), '请选择要出具的文书'),
  particulars: optionalText('补充说明', 1000),
  thirdParty: optionalText('第三方名称', 100),
});

/** 'reply' stands for the reply letter of the application's outcome. */
const resolveKind = (kind: string, data: LetterData): LetterKind => {
  if (kind !== 'reply') return kind as LetterKind;
  if (data.application.outcome === null) {
    const message = '本申请尚未作出答复决定，作出决定后才能出具答复告知书';
    throw new AppError('VALIDATION', message, [{ field: 'kind', message }]);
  }
  return replyKindOf(data.application.outcome);
};

/** The letter of this kind for this case, from the agency's template (or the default). */
export async function composeApplicationLetter(
  db: Kysely<DB>,
  kind: LetterKind,
  data: LetterData,
): Promise<LetterDocument> {
  const values = letterValues(kind, data);
  return composeLetter(await effectiveTemplate(db, data.agency.id, kind), values);
}

export interface IssuedLetter {
  readonly letterId: number;
  readonly kind: LetterKind;
  readonly title: string;
  /** Whether the PDF was made (Chromium at hand) and stored with it. */
  readonly pdf: boolean;
}

/**
 * Issues a letter of an application: made from the case's record and the agency's template,
 * rendered to HTML, DOCX and (where Chromium is at hand) PDF, then stored in one transaction
 * with its 'letterIssued' event and its audit record. A letter is never changed: issuing the
 * same kind again stores a new version. Refuses (VALIDATION, field 'kind') a letter the
 * record does not allow yet, saying why.
 */
export async function issueLetter(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date; pdf: LetterPdf | null },
): Promise<IssuedLetter> {
  const input = parseInput(issueSchema, options.input);
  const today = beijingToday(options.now);
  // Rendering (the PDF takes about a second) happens before the transaction, which only writes.
  const data = await loadLetterData(db, options.applicationId, {
    today,
    extras: { particulars: input.particulars, thirdParty: input.thirdParty },
  });
  const kind = resolveKind(input.kind, data);
  const doc = await composeApplicationLetter(db, kind, data);
  const html = renderLetterHtml(doc);
  const docx = await renderLetterDocx(doc);
  let pdf: Buffer | null = null;
  if (options.pdf?.available) {
    try {
      pdf = await options.pdf.render(html);
    } catch {
      // The letter is issued without it; a download of the PDF prints it again from the HTML.
      pdf = null;
    }
  }
  const application = data.application;
  return withTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('application_letters')
      .values({
        application_id: application.id,
        kind,
        title: doc.title,
        html,
        docx,
        pdf,
        created_by: options.actor.userId,
        created_at: options.now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'letterIssued',
      date: today,
      detail: { letterId: id, kind, summary: `出具《${LETTER_KIND_LABELS[kind]}》` },
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'letter.issue',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      after: { letterId: id, kind, title: doc.title, pdf: pdf !== null },
    });
    return { letterId: id, kind, title: doc.title, pdf: pdf !== null };
  });
}
