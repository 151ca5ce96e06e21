import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { seesPersonalData } from '../../../applications/application-access.ts';
import { type CaseFileFormat, exportCaseFile } from '../../../applications/case-file-export.ts';
import { AppError } from '../../../errors/app-error.ts';
import { sharedLetterPdf } from '../../../letters/letter-pdf.ts';
import { actorOf, requireLogin } from '../../plugins/auth.ts';
import { sendLetterFile } from '../letter-response.ts';
import { idParams } from '../params.ts';
import { loadApplicationFor } from './application-context.ts';

/**
 * GET /workbench/applications/:id/case-file.pdf and .zip: the application's case file (案卷)
 * for a reconsideration body or a court. It holds the applicant's personal data in clear: only
 * those who see it (the registrars, handlers and admins over the application) may export it;
 * an application the user cannot see is a 404. Each export is audited.
 */
export const caseFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  for (const format of ['pdf', 'zip'] as const satisfies readonly CaseFileFormat[]) {
    app.get(
      `/applications/:id/case-file.${format}`,
      { schema: { params: idParams }, preHandler: requireLogin },
      async (request, reply) => {
        const { principal, agencies } = await loadApplicationFor(db, request, request.params.id);
        if (!seesPersonalData(principal, agencies))
          throw new AppError(
            'FORBIDDEN',
            '案卷含申请人的个人信息，仅本申请的登记员、承办人和管理员可以导出。',
          );
        const file = await exportCaseFile(db, {
          applicationId: request.params.id,
          format,
          pdf: sharedLetterPdf,
          actor: actorOf(request),
          now: new Date(),
        });
        return sendLetterFile(reply, file);
      },
    );
  }
};
