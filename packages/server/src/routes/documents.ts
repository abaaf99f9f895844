/** Saved documents: list, create, read, update, delete, and download a report. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { deleteDocument, getDocument, insertDocument, listDocuments, updateDocument } from '../documents.js';
import { ApiError } from '../errors.js';
import { contentDisposition, renderReport, REPORT_TYPES } from '../report.js';
import { CreateDocumentBody, Document, DocumentId, DocumentList, ErrorReply, ReportQuery, UpdateDocumentBody } from '../schemas.js';

const notFound = (id: string): ApiError => new ApiError(404, 'not_found', `No document with id ${JSON.stringify(id.slice(0, 100))}.`);
const tags = ['documents'];

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/documents',
    { schema: { summary: 'Every saved document, most recently updated first', tags, response: { 200: DocumentList } } },
    async () => ({ documents: await listDocuments(db) }),
  );

  app.post(
    '/api/documents',
    {
      schema: {
        summary: 'Save a note or a role (job description, task list); it is analyzed as it is saved',
        tags,
        body: CreateDocumentBody,
        response: { 201: Document, 400: ErrorReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request, reply) => reply.code(201).send(await insertDocument(db, request.body)),
  );

  app.get(
    '/api/documents/:id',
    { schema: { summary: 'One document with its analysis', tags, params: DocumentId, response: { 200: Document, 404: ErrorReply } } },
    async (request) => {
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      return doc;
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
        response: { 200: Document, 400: ErrorReply, 404: ErrorReply, 413: ErrorReply, 415: ErrorReply },
      },
    },
    async (request) => {
      const doc = await updateDocument(db, request.params.id, request.body);
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
        response: { 204: z.null().describe('Deleted'), 404: ErrorReply },
      },
    },
    async (request, reply) => {
      if (!(await deleteDocument(db, request.params.id))) throw notFound(request.params.id);
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
          404: ErrorReply,
        },
      },
    },
    async (request, reply) => {
      const doc = await getDocument(db, request.params.id);
      if (!doc) throw notFound(request.params.id);
      const { format } = request.query;
      return reply
        .type(REPORT_TYPES[format].type)
        .header('content-disposition', contentDisposition(doc.title, format))
        .send(renderReport(doc, format));
    },
  );
};
