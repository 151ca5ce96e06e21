import type { FastifyReply } from 'fastify';
import type { LetterFile } from '../../letters/letter-file.ts';

/** `attachment` with the Chinese file name (RFC 5987) and an ASCII fallback for old clients. */
export const attachment = (file: LetterFile): string => {
  const ascii = file.fileName.replace(/[^\x20-\x7e]+/g, '').replace(/["\\]/g, '') || 'letter';
  return `attachment; filename="${ascii.replace(/^-+/, 'letter-')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`;
};

/** Sends a letter's file: never cached; the HTML may show its own styles and nothing else. */
export const sendLetterFile = (reply: FastifyReply, file: LetterFile) => {
  reply
    .header('content-type', file.contentType)
    .header('content-disposition', attachment(file))
    .header('cache-control', 'no-store')
    .header('x-content-type-options', 'nosniff');
  if (file.contentType.startsWith('text/html'))
    reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; font-src 'self'");
  return reply.send(file.body);
};
