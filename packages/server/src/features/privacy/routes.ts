/**
 * Privacy (admin): the workspace settings (keep note text or only findings; retention), the
 * export of the whole workspace, the audit log; and deleting a person's data (an admin, or the
 * person themselves). Exports and deletions are recorded in the audit log.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit, describeAudit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import { ApiError } from '../../errors.js';
import { Readable } from 'node:stream';
import { exportPieces } from '../../export.js';
import { auditPage, deletePersonData, getSettings, memberExists, purgeExpired, putSettings } from './service.js';
import { AuditPage, AuditQuery, DeletedData, ErrorReply, IdParam, Settings } from './schemas.js';

const tags = ['privacy'];
const admin = { 401: ErrorReply, 403: ErrorReply };

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/settings',
    { schema: { summary: 'The privacy settings (admin)', tags, response: { 200: Settings, ...admin } } },
    async (request) => {
      requireUser(request, 'admin');
      return getSettings(db);
    },
  );

  app.put(
    '/api/settings',
    {
      schema: {
        summary:
          'Change the privacy settings (admin). Turning keepText off removes the words of every saved document at once; a shorter retention deletes older documents at once',
        tags,
        body: Settings,
        response: { 200: Settings, 400: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      await putSettings(db, request.body);
      await audit(db, user.id, 'change-settings', {
        type: 'settings',
        id: `keepText=${request.body.keepText};retentionDays=${request.body.retentionDays ?? ''}`,
      });
      await purgeExpired(db);
      return getSettings(db);
    },
  );

  app.get(
    '/api/export',
    {
      schema: {
        summary:
          'The whole workspace as one JSON file, streamed (admin; recorded in the audit log). Password hashes and tokens are left out',
        tags,
        response: {
          200: {
            description: 'The workspace, as an attachment',
            content: { 'application/json': { schema: z.string().describe('{ format, version, exportedAt, tables: { name: rows } }') } },
          },
          ...admin,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'admin');
      await audit(db, user.id, 'export-workspace', { type: 'workspace', id: 'all' });
      const now = new Date();
      // streamed as the client reads it: memory stays flat whatever the size (src/export.ts)
      return (
        reply
          .type('application/json; charset=utf-8')
          .header('content-disposition', `attachment; filename="peerlens-workspace-${now.toISOString().slice(0, 10)}.json"`)
          // a stream is piped as it is, never serialized: the schema's string describes the document
          .send(Readable.from(exportPieces(db, now)) as unknown as string)
      );
    },
  );

  app.get(
    '/api/audit',
    {
      schema: {
        summary: 'The audit log, newest first, a page at a time (admin)',
        tags,
        querystring: AuditQuery,
        response: { 200: AuditPage, 400: ErrorReply, ...admin },
      },
    },
    async (request) => {
      requireUser(request, 'admin');
      const { page, pageSize } = request.query;
      const { total, rows } = await auditPage(db, page, pageSize);
      const described = await describeAudit(db, rows);
      return {
        entries: rows.map((r, i) => ({
          at: r.at,
          userId: r.user_id,
          userName: r.name,
          action: r.action,
          targetType: r.target_type,
          targetId: r.target_id,
          ...(described[i] as (typeof described)[number]),
        })),
        total,
        page,
        pageSize,
      };
    },
  );

  app.delete(
    '/api/people/:id/data',
    {
      schema: {
        summary:
          'Delete everything a member wrote: their documents and their other records (admin, or the member themselves; recorded in the audit log). The account stays',
        tags,
        params: IdParam,
        response: { 200: DeletedData, 404: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { id } = request.params;
      if (user.role !== 'admin' && user.id !== id)
        throw new ApiError(403, 'forbidden', 'Only an admin or the person themselves can delete their data.');
      if (!(await memberExists(db, id))) throw new ApiError(404, 'not_found', 'No such member.');
      const deleted = await deletePersonData(db, id);
      await audit(db, user.id, 'delete-person-data', { type: 'user', id });
      return { deleted };
    },
  );
};
