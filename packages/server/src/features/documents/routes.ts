/** Saved documents: list, create, read, update, delete, and download a report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, documentFacts } from '../../audit.js';
import { assertCanRead, readableAuthors, requireUser } from '../../auth/access.js';
import type { SessionUser } from '../../auth/sessions.js';
import { deleteDocument, documentAuthor, getDocument, insertDocument, listDocuments, memberNames, updateDocument } from './service.js';
import { ApiError } from '../../errors.js';
import { getSettings } from '../privacy/service.js';
import { contentDisposition, renderReport, REPORT_TYPES } from './report.js';
import { CreateDocumentBody, Document, DocumentId, DocumentList, ErrorReply, ReportQuery, UpdateDocumentBody } from './schemas.js';

const notFound = (id: string): ApiError => new ApiError(404, 'not_found', `No document with id ${JSON.stringify(id.slice(0, 100))}.`);
const tags = ['documents'];

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  /** 404 unless `user` may read the document; 403 when they may read it but not change it (only its author, or an admin for an authorless one). */
  async function assertCanChange(user: SessionUser, id: string): Promise<void> {
    const doc = await documentAuthor(db, id);
    if (!doc) throw notFound(id);
    await assertCanRead(db, user, doc.authorId);
    if (!mayChange(user, doc.authorId))
      throw new ApiError(403, 'forbidden', 'Only the person who wrote this document can change or delete it.');
  }

  /** Whether `user` may change or delete what `authorId` wrote (the rule assertCanChange enforces). */
  const mayChange = (user: SessionUser, authorId: string | null): boolean =>
    authorId === null ? user.role === 'admin' : authorId === user.id;

  const namesOf = (ids: readonly (string | null)[]): Promise<Map<string, string>> => memberNames(db, ids);

  async function readable(user: SessionUser, id: string): Promise<void> {
    const doc = await documentAuthor(db, id);
    if (!doc) throw notFound(id);
    await assertCanRead(db, user, doc.authorId);
  }

  app.get(
    '/api/documents',
    {
      schema: {
        summary: 'The saved documents the signed-in member may read (their own; a supervisor: their team’s), most recently updated first',
        tags,
        response: { 200: DocumentList, 401: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      // An admin also sees documents without an author (saved before the workspace had members, or demos).
      const documents = await listDocuments(db, await readableAuthors(db, user), { authorless: user.role === 'admin' });
      const names = await namesOf(documents.map((d) => d.authorId));
      return {
        documents: documents.map((d) => ({
          ...d,
          authorName: d.authorId === null ? null : (names.get(d.authorId) ?? null),
          canChange: mayChange(user, d.authorId),
        })),
      };
    },
  );

  app.post(
    '/api/documents',
    {
      schema: {
        summary: 'Save a note or a role (job description, task list); it is analyzed as it is saved',
        tags,
        body: CreateDocumentBody,
        response: { 201: Document, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { keepText } = await getSettings(db);
      const doc = await insertDocument(db, request.body, new Date(), { authorId: user.id, teamId: user.teamId, keepText });
      return reply.code(201).send(doc);
    },
  );

  app.get(
    '/api/documents/:id',
    {
      schema: {
        summary: 'One document with its analysis (the view is recorded in the audit log)',
        tags,
        params: DocumentId,
        response: { 200: Document, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await readable(user, request.params.id);
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      await audit(db, user.id, 'view-document', { type: 'document', id: doc.id, detail: await documentFacts(db, doc.id) });
      const names = await namesOf([doc.authorId]);
      return {
        ...doc,
        authorName: doc.authorId === null ? null : (names.get(doc.authorId) ?? null),
        canChange: mayChange(user, doc.authorId),
      };
    },
  );

  app.put(
    '/api/documents/:id',
    {
      schema: {
        summary: 'Change the title and/or text; the analysis is redone',
        tags,
        params: DocumentId,
        body: UpdateDocumentBody,
        response: { 200: Document, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      await assertCanChange(user, request.params.id);
      const { keepText } = await getSettings(db);
      const doc = await updateDocument(db, request.params.id, request.body, { keepText });
      if (!doc) throw notFound(request.params.id);
      return doc;
    },
  );

  app.delete(
    '/api/documents/:id',
    {
      schema: {
        summary: 'Delete a document',
        tags,
        params: DocumentId,
        response: { 204: z.null().describe('Deleted'), 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await assertCanChange(user, request.params.id);
      // kind, author and day, read before it goes (never its title or words)
      const facts = await documentFacts(db, request.params.id);
      if (!(await deleteDocument(db, request.params.id))) throw notFound(request.params.id);
      await audit(db, user.id, 'delete-document', { type: 'document', id: request.params.id, detail: facts });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/documents/:id/report',
    {
      schema: {
        summary: "Download a document's report (Markdown, HTML or JSON)",
        tags,
        params: DocumentId,
        querystring: ReportQuery,
        response: {
          200: {
            description: 'The report, as an attachment (content-disposition)',
            content: {
              'text/markdown': { schema: z.string() },
              'text/html': { schema: z.string() },
              'application/json': { schema: z.string().describe('The document with its analysis, as JSON text') },
            },
          },
          400: ErrorReply,
          401: ErrorReply,
          404: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await readable(user, request.params.id);
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      const { format } = request.query;
      await audit(db, user.id, 'export-report', { type: 'document', id: doc.id, detail: await documentFacts(db, doc.id) });
      return reply
        .type(REPORT_TYPES[format].type)
        .header('content-disposition', contentDisposition(doc.title, format))
        .send(renderReport(doc, format));
    },
  );
};
