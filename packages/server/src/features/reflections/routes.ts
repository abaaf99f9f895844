/**
 * Reflections (issue 5, decision 009 "Drift") and their replies (issue 13): a member writes their
 * own words beside a month of their drift; the member and their supervisor answer each other
 * beneath it, a thread with who wrote what and when. Whoever may read a member's reflections (the
 * member, and the supervisor of their team) may reply; no one else sees them (404).
 *
 * - GET /api/reflections[?member=&month=]: a member's reflections, each with its replies.
 * - PUT /api/reflections?month=: write (or, with empty text, remove) one's own reflection.
 * - POST /api/reflections/{id}/replies: answer a reflection.
 * - DELETE /api/reflections/replies/{id}: remove one's own reply.
 *
 * Replies are words like reflections: refused (409) while the workspace keeps no text, deleted
 * when keep_text is turned off, by the retention period, with a person's data, with their
 * reflection; every removal empties the write-ahead log (decision 012).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { readableAuthors, requireUser } from '../../auth/access.js';
import { ApiError } from '../../errors.js';
import { getSettings } from '../privacy/service.js';
import { ErrorReply, Month, PastMonth, ReflectionList, ReflectionReply, ReflectionSaved } from './schemas.js';
import { addReply, reflectionAuthor, reflectionsOf, removeReflection, removeReply, saveReflection } from './service.js';

const tags = ['drift'];
const MAX_TEXT = 5000;

const notFound = (): ApiError => new ApiError(404, 'not_found', 'No such member or reflection among those you can see.');
const noText = (): ApiError =>
  new ApiError(
    409,
    'conflict',
    'This workspace keeps no written words (an admin’s privacy setting), so this cannot be saved. Talk it over in person instead.',
  );

export const reflectionRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/reflections',
    {
      schema: {
        summary: "A member's reflections beside their drift, each with its replies (the member and their supervisor)",
        tags,
        querystring: z.object({ member: z.string().max(100).optional(), month: Month.optional() }),
        response: { 200: ReflectionList, 400: ErrorReply, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const member = request.query.member ?? user.id;
      if (!(await readableAuthors(db, user)).includes(member)) throw notFound();
      return { reflections: await reflectionsOf(db, member, request.query.month) };
    },
  );

  app.put(
    '/api/reflections',
    {
      schema: {
        summary:
          'Write (or, with empty text, remove, with its replies) your own reflection beside a month; 409 while the workspace keeps no text',
        tags,
        querystring: z.object({ member: z.string().max(100).optional(), month: PastMonth }),
        body: z.object({ text: z.string().max(MAX_TEXT, 'A reflection is at most 5,000 characters.') }),
        response: {
          200: ReflectionSaved,
          400: ErrorReply,
          401: ErrorReply,
          403: ErrorReply,
          409: ErrorReply,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      if (request.query.member !== undefined && request.query.member !== user.id)
        throw new ApiError(403, 'forbidden', 'A reflection is written by the member themselves.');
      const { month } = request.query;
      const text = request.body.text.trim();
      if (text !== '' && !(await getSettings(db)).keepText) throw noText();
      if (text === '') {
        // its replies go with it (the foreign key cascades), and the words leave the disk
        await removeReflection(db, user.id, month);
        return { reflection: null };
      }
      return { reflection: await saveReflection(db, user.id, month, text) };
    },
  );

  app.post(
    '/api/reflections/:id/replies',
    {
      schema: {
        summary: 'Answer a reflection: its writer or their supervisor; 409 while the workspace keeps no text',
        tags,
        params: z.object({ id: z.string().min(1).max(100) }),
        body: z.object({
          text: z
            .string()
            .max(MAX_TEXT, 'A reply is at most 5,000 characters.')
            .refine((t) => t.trim() !== '', 'Write something to reply.'),
        }),
        response: { 201: ReflectionReply, 400: ErrorReply, 401: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const reflection = await reflectionAuthor(db, request.params.id);
      if (!reflection || !(await readableAuthors(db, user)).includes(reflection.author_id)) throw notFound();
      if (!(await getSettings(db)).keepText) throw noText();
      const now = new Date().toISOString();
      const row = {
        id: randomUUID(),
        reflection_id: reflection.id,
        author_id: user.id,
        text: request.body.text.trim(),
        created_at: now,
        updated_at: now,
      };
      await addReply(db, row);
      return reply.code(201).send({
        id: row.id,
        author: { id: user.id, name: user.name, role: user.role },
        text: row.text,
        createdAt: now,
        updatedAt: now,
      });
    },
  );

  app.delete(
    '/api/reflections/replies/:id',
    {
      schema: {
        summary: 'Remove your own reply to a reflection',
        tags,
        params: z.object({ id: z.string().min(1).max(100) }),
        response: { 204: z.null().describe('Removed'), 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      if (!(await removeReply(db, request.params.id, user.id))) throw new ApiError(404, 'not_found', 'No such reply of yours.');
      return reply.code(204).send(null);
    },
  );
};
