/** GET /api/health and POST /api/analyze: a text analyzed and nothing stored. */
import { analyze, classifyDuty, reviewRole } from '@peerlens/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { VERSION } from '../../version.js';
import { requireUser } from '../../auth/access.js';
import { analyzeOptions } from '../organization/service.js';
import { AnalyzeBody, AnalyzeReply, ErrorReply, Health } from './schemas.js';
import { databaseAnswers } from './service.js';

export const analyzeRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        summary: 'Whether the server is up and ready, and its version',
        description:
          'Answers 200 with ready true while the server takes requests, 503 with ready false while it shuts down or its database does not answer. Uploads are read in worker threads, so this answers while a file is being read.',
        tags: ['meta'],
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      const ready = !app.closing && (await databaseAnswers(app.db));
      return reply.code(ready ? 200 : 503).send({ ok: ready, ready, version: VERSION });
    },
  );

  app.post(
    '/api/analyze',
    {
      schema: {
        summary: 'Analyze a text without saving it',
        description:
          "kind 'note': a note, sentence by sentence (core analyze). kind 'duty': one duty or task (classifyDuty). kind 'document': a job description or task list, duty by duty (reviewRole).",
        tags: ['analyze'],
        body: AnalyzeBody,
        response: { 200: AnalyzeReply, 400: ErrorReply, 401: ErrorReply, 413: ErrorReply, 415: ErrorReply, 429: ErrorReply },
      },
    },
    async (request) => {
      requireUser(request);
      const { text, kind } = request.body;
      // the organization's allow list, as in the checker and on saving
      const options = await analyzeOptions(app.db);
      if (kind === 'note') return { kind, analysis: analyze(text, options) };
      if (kind === 'duty') return { kind, duty: classifyDuty(text, options) };
      return { kind, role: reviewRole(text, options) };
    },
  );
};
