import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { findPublishedAttachment } from '../../../disclosure/attachments.ts';
import { AppError } from '../../../errors/app-error.ts';
import { idParams } from '../params.ts';

const dbId = z.coerce.number().int().positive().max(2_147_483_647);
const attachmentParams = idParams.extend({ itemId: dbId, attachmentId: dbId });

/**
 * GET /agencies/:id/items/:itemId/attachments/:attachmentId — an attachment of a published item,
 * as the file it is (its type told by its content when it was uploaded); a 404 once the item
 * is withdrawn, or before it is published.
 */
export const portalAttachmentRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/agencies/:id/items/:itemId/attachments/:attachmentId',
    { schema: { params: attachmentParams } },
    async (request, reply) => {
      const { id, itemId, attachmentId } = request.params;
      const found = await findPublishedAttachment(app.database.db, { agencyId: id, itemId, attachmentId });
      if (found === null) throw new AppError('NOT_FOUND', '该附件不存在，或已不再公开。');
      const { attachment, bytes } = found;
      const ascii = attachment.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
      return reply
        .header('content-type', attachment.mediaType)
        .header(
          'content-disposition',
          `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
        )
        .header('content-length', String(bytes.length))
        .header('etag', `"${attachment.sha256}"`)
        .header('x-content-type-options', 'nosniff')
        .send(Buffer.from(bytes));
    },
  );
};
