/** POST /api/extract: an uploaded file's bytes in, its text out (nothing is stored). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/access.js';
import { ApiError } from '../../errors.js';
import { extractText } from './service.js';
import { safeFileName } from './names.js';
import { ErrorReply, ExtractReply } from './schemas.js';

export const extractRoutes: FastifyPluginAsyncZod<{ uploadLimit: number }> = async (app, { uploadLimit }) => {
  // Any body of this type arrives whole as a Buffer, up to the route's limit.
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/extract',
    {
      bodyLimit: uploadLimit,
      preValidation: async (request) => {
        requireUser(request);
        if (!Buffer.isBuffer(request.body))
          throw new ApiError(415, 'unsupported_type', 'Send the file itself as the body, with content-type application/octet-stream.');
      },
      schema: {
        consumes: ['application/octet-stream'],
        summary: 'The text of an uploaded DOCX, PDF (with a text layer), plain-text or Markdown file',
        description:
          'Send the raw bytes with content-type application/octet-stream and the file name in the x-file-name header (URI-encoded if it is not ASCII). The format is decided by the first bytes, then the name.',
        tags: ['extract'],
        headers: z.object({ 'x-file-name': z.string().max(1000).optional().describe('The uploaded file name, e.g. job.docx') }),
        body: z
          .custom<Buffer>((b) => Buffer.isBuffer(b), 'Send the file as application/octet-stream.')
          .meta({
            type: 'string',
            format: 'binary',
          }),
        response: {
          200: ExtractReply,
          400: ErrorReply,
          401: ErrorReply,
          413: ErrorReply,
          415: ErrorReply,
          422: ErrorReply,
          429: ErrorReply,
        },
      },
    },
    async (request) => {
      const name = safeFileName(request.headers['x-file-name'], '');
      if (request.body.length === 0) throw new ApiError(422, 'unreadable', 'The file is empty.');
      return extractText(request.body, name);
    },
  );
};
