import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { findApplicantProgress } from '../../../applications/applicant-progress.ts';
import type { DB } from '../../../db/schema.ts';
import { LETTER_FORMATS, letterFile } from '../../../letters/letter-file.ts';
import { sharedLetterPdf } from '../../../letters/letter-pdf.ts';
import { listLetters } from '../../../letters/list-letters.ts';
import { formValues, parseForm } from '../../forms/parse-form.ts';
import { anonymousCsrfToken } from '../../plugins/csrf.ts';
import { formRateLimit } from '../../plugins/rate-limit.ts';
import { type TrackFound, TrackPage } from '../../views/portal/track.tsx';
import { sendLetterFile } from '../letter-response.ts';

/** The applicant's view of their application and their letters, or null for a wrong number or code. */
export async function trackApplication(
  db: Kysely<DB>,
  credentials: { trackingNumber: string; secretCode: string },
): Promise<TrackFound | null> {
  const progress = await findApplicantProgress(db, credentials);
  if (progress === null) return null;
  const letters = (await listLetters(db, progress.applicationId)).filter((l) => l.toApplicant);
  return {
    progress,
    letters,
    secretCode: credentials.secretCode.trim(),
    pdfAvailable: sharedLetterPdf.available,
  };
}

const downloadForm = z.object({
  trackingNumber: z.string().trim().min(1, '请填写申请编号').max(40, '申请编号过长'),
  secretCode: z.string().trim().min(1, '请填写查询码').max(100, '查询码过长'),
  letterId: z.coerce.number().int().positive().max(2_147_483_647),
  format: z.enum(LETTER_FORMATS),
});

/**
 * POST /track/letters — an applicant downloads one of their letters, without an account: the
 * form carries the tracking number and secret code. A wrong number or code, or a letter that
 * is not theirs, gets exactly the answer of a wrong lookup on /track: nothing tells which.
 */
export const trackLetterRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('onClose', () => sharedLetterPdf.close());

  app.post('/track/letters', { config: formRateLimit(app.config) }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const values = formValues(request.body);
    const refused = (status: number, errors = {}) =>
      reply.page(
        '查询申请',
        <TrackPage
          csrfToken={anonymousCsrfToken(request, reply)}
          trackingNumber={values.trackingNumber ?? ''}
          errors={errors}
          notFound={status === 404}
          found={null}
        />,
        status,
      );
    const form = parseForm(downloadForm, request.body);
    if (!form.ok) {
      const { trackingNumber, secretCode } = form.errors;
      const errors = { ...(trackingNumber ? { trackingNumber } : {}), ...(secretCode ? { secretCode } : {}) };
      return Object.keys(errors).length > 0 ? refused(400, errors) : refused(404);
    }
    const progress = await findApplicantProgress(app.database.db, form.data);
    const file =
      progress === null
        ? null
        : await letterFile(app.database.db, {
            applicationId: progress.applicationId,
            letterId: form.data.letterId,
            format: form.data.format,
            pdf: sharedLetterPdf,
            applicantOnly: true,
          });
    return file === null ? refused(404) : sendLetterFile(reply, file);
  });
};
