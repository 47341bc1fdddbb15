import type { FastifyReply } from 'fastify';

/** A file sent to be saved, never shown in place: its name in any script, its type as given, kept in no cache. */
export function sendDownload(reply: FastifyReply, file: { fileName: string; mediaType: string; content: Buffer }) {
  return reply
    .type(file.mediaType)
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(file.content);
}
