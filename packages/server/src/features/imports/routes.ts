/**
 * History import (issue 5, decision 009 "History"): POST a file, PUT the column mapping, POST
 * commit until finished, GET the state. Peers import their own notes, supervisors their team's,
 * admins anyone's; program leaders do not import (they see aggregates only).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../../auth/access.js';
import { ApiError } from '../../errors.js';
import { audit } from '../../audit.js';
import {
  applyMapping,
  columnValues,
  commitBatch,
  createImport,
  DEFAULT_BATCH,
  deleteImport,
  guessAuthors,
  importStatus,
  importView,
  listImports,
  MAX_BATCH,
} from './service.js';
import { parseUpload } from './parse.js';
import { safeFileName } from '../extract/service.js';
import {
  ErrorReply,
  IMPORT_LIMIT,
  Id,
  ImportCreated,
  ImportDeleted,
  ImportList,
  ImportState,
  ImportValues,
  MappingBody,
  Progress,
} from './schemas.js';

const IMPORTERS = ['peer', 'supervisor', 'admin'] as const;
const tags = ['history'];

export const importRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/api/imports',
    {
      bodyLimit: IMPORT_LIMIT,
      preValidation: async (request) => {
        if (!Buffer.isBuffer(request.body))
          throw new ApiError(415, 'unsupported_type', 'Send the file itself as the body, with content-type application/octet-stream.');
      },
      schema: {
        consumes: ['application/octet-stream'],
        summary: 'Read a file of past notes (CSV, JSON Lines, DOCX, PDF, text) and stage it for import',
        description:
          'Send the raw bytes with content-type application/octet-stream and the file name in x-file-name (URI-encoded). Nothing is saved as a note until the import is committed. Up to 20 MB.',
        tags,
        headers: z.object({ 'x-file-name': z.string().max(1000).optional() }),
        body: z
          .custom<Buffer>((b) => Buffer.isBuffer(b), 'Send the file as application/octet-stream.')
          .meta({ type: 'string', format: 'binary' }),
        response: {
          201: ImportCreated,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          413: ErrorReply,
          415: ErrorReply,
          422: ErrorReply,
          429: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, ...IMPORTERS);
      const name = safeFileName(request.headers['x-file-name'] ?? 'upload.csv', 'upload.csv');
      if (request.body.length === 0) throw new ApiError(422, 'unreadable', 'The file is empty.');
      const parsed = await parseUpload(request.body, name);
      const id = await createImport(db, user, name, parsed);
      // recorded without the file's name or columns (a name can be a client's)
      await audit(db, user.id, 'start-import', { type: 'import', id, detail: { format: parsed.format, rows: parsed.rows.length } });
      const authorValues =
        parsed.guess.authorColumn === undefined
          ? []
          : [
              ...new Set(parsed.rows.map((r) => (r.fields[parsed.guess.authorColumn as string] ?? '').trim()).filter((v) => v !== '')),
            ].slice(0, 200);
      return reply.code(201).send({
        id,
        format: parsed.format,
        columns: [...parsed.columns],
        mapping: parsed.guess,
        preview: parsed.rows.slice(0, 10).map((r) => ({ line: r.line, fields: { ...r.fields } })),
        rows: parsed.rows.length,
        authorValues,
        authorGuess: await guessAuthors(db, user, authorValues),
        problems: [...parsed.problems],
      });
    },
  );

  app.get(
    '/api/imports',
    {
      schema: {
        summary:
          'Your imports, newest first, with their progress (an unfinished one can be continued); a supervisor also sees their team’s, to delete them',
        tags,
        response: {
          200: ImportList,
          401: ErrorReply,
          403: ErrorReply,
        },
      },
    },
    async (request) => ({ imports: await listImports(db, requireUser(request, ...IMPORTERS)) }),
  );

  app.get(
    '/api/imports/:id/values',
    {
      schema: {
        summary: 'The distinct values of one column of a staged import (to map authors), with the member each most likely is',
        tags,
        params: Id,
        querystring: z.object({ column: z.string().min(1).max(500) }),
        response: {
          200: ImportValues,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request) => {
      const user = requireUser(request, ...IMPORTERS);
      const view = await importView(db, user, request.params.id);
      if (!view.columns.includes(request.query.column)) return { values: [], guess: {} };
      const values = await columnValues(db, view.id, request.query.column);
      return { values: [...values], guess: await guessAuthors(db, user, [...values]) };
    },
  );

  app.put(
    '/api/imports/:id/mapping',
    {
      schema: {
        summary: 'Choose the text, author and date columns, and which member each author value is',
        description:
          'A peer imports only their own notes: the author is always the peer. Every row is checked again: ready, or a problem with its line.',
        tags,
        params: Id,
        body: MappingBody,
        response: { 200: ImportState, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request, ...IMPORTERS);
      await applyMapping(db, user, request.params.id, request.body);
      return importView(db, user, request.params.id);
    },
  );

  app.post(
    '/api/imports/:id/commit',
    {
      schema: {
        summary: 'Save the next chunk of rows as notes, in one transaction',
        description: 'Call again until `finished`. A note already saved for the same author (same text) counts as a duplicate.',
        tags,
        params: Id,
        querystring: z.object({ batch: z.coerce.number().int().min(1).max(MAX_BATCH).default(DEFAULT_BATCH) }),
        response: { 200: Progress, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request, ...IMPORTERS);
      const before = await importStatus(db, request.params.id);
      const progress = await commitBatch(db, user, request.params.id, request.query.batch);
      if (progress.finished && before?.status !== 'done')
        await audit(db, user.id, 'import-notes', {
          type: 'import',
          id: request.params.id,
          detail: { kept: progress.kept, duplicates: progress.duplicates, problems: progress.problems },
        });
      return progress;
    },
  );

  app.get(
    '/api/imports/:id',
    {
      schema: {
        summary: 'An import: its columns, mapping, progress and problems by line',
        tags,
        params: Id,
        response: { 200: ImportState, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request, ...IMPORTERS);
      return importView(db, user, request.params.id);
    },
  );

  app.delete(
    '/api/imports/:id',
    {
      schema: {
        summary: 'Delete an import, or cancel one not finished: whoever made it, their supervisor, or an admin',
        description:
          'Deletes the file name, the column names and every staged row, and empties the write-ahead log so none of it stays on disk. With notes=true the notes it saved are deleted too; otherwise they stay.',
        tags,
        params: Id,
        querystring: z.object({ notes: z.enum(['true', 'false']).default('false') }),
        response: {
          200: ImportDeleted,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request) => {
      const user = requireUser(request, ...IMPORTERS);
      const deleted = await deleteImport(db, user, request.params.id, request.query.notes === 'true');
      await audit(db, user.id, 'delete-import', { type: 'import', id: request.params.id, detail: { notes: deleted.notes } });
      return { deleted };
    },
  );
};
