/**
 * The organization's allow list (issue 13): phrases PeerLens never flags in this workspace. The
 * same list, in the same shape, as the `allow` of a CLI configuration (`.peerlensrc.json`).
 *
 * - GET /api/organization/allow: the list (any member: the checker in the browser applies it).
 * - PUT /api/organization/allow: replace it from a PeerLens configuration, `.peerlensrc.json` or a
 *   `package.json` with `peerlens.allow` (admin). Other settings of the file are named, not used.
 * - POST /api/organization/allow: add one phrase (admin); DELETE ?phrase=: take one off (admin).
 * - GET /api/organization/peerlensrc.json: the list as a configuration file the CLI reads
 *   (`peerlens check -c peerlensrc.json`).
 */
import { ALLOW_LIMITS, allowListConfig, allowListFromConfig, allowPhraseProblem } from '@peerlens/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getAllowList, putAllowList } from './service.js';
import { audit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import { ApiError } from '../../errors.js';
import { AllowList, AllowListImported, AllowListWithRight, ErrorReply } from './schemas.js';

const tags = ['organization'];
const admin = { 401: ErrorReply, 403: ErrorReply };

export const organizationRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  const changed = async (userId: string): Promise<void> => audit(db, userId, 'change-allow-list', { type: 'organization', id: 'allow' });

  app.get(
    '/api/organization/allow',
    {
      schema: {
        summary: "The organization's allow list: phrases never flagged in this workspace",
        tags,
        response: {
          200: AllowListWithRight,
          401: ErrorReply,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      return { allow: await getAllowList(db), canChange: user.role === 'admin' };
    },
  );

  app.put(
    '/api/organization/allow',
    {
      schema: {
        summary: "Replace the allow list from a PeerLens configuration (.peerlensrc.json, or package.json's peerlens) (admin)",
        description:
          'The body is the configuration file itself. Only its allow list is used; the names of its other settings (rules, deny, lexicon …, which only the CLI reads) come back in ignored.',
        tags,
        body: z.record(z.string(), z.unknown()),
        response: { 200: AllowListImported, 400: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const read = allowListFromConfig(request.body);
      if (read.problems.length > 0) throw new ApiError(400, 'invalid', read.problems.slice(0, 5).join(' '), 'allow');
      const allow = await putAllowList(db, read.allow);
      await changed(user.id);
      return { allow, ignored: read.ignored };
    },
  );

  app.post(
    '/api/organization/allow',
    {
      schema: {
        summary: 'Allow one phrase for the whole organization (admin)',
        tags,
        body: z.object({ phrase: z.string().max(ALLOW_LIMITS.length, `An allowed phrase is at most ${ALLOW_LIMITS.length} characters.`) }),
        response: { 200: AllowList, 400: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const phrase = request.body.phrase.replace(/\s+/g, ' ').trim();
      const problem = allowPhraseProblem(phrase);
      if (problem) throw new ApiError(400, 'invalid', problem, 'phrase');
      const list = await getAllowList(db);
      if (list.length >= ALLOW_LIMITS.phrases && !list.some((p) => p.toLowerCase() === phrase.toLowerCase()))
        throw new ApiError(400, 'invalid', `An allow list holds at most ${ALLOW_LIMITS.phrases} phrases.`, 'phrase');
      const allow = await putAllowList(db, [...list, phrase]);
      await changed(user.id);
      return { allow };
    },
  );

  app.delete(
    '/api/organization/allow',
    {
      schema: {
        summary: 'Take a phrase off the allow list (admin); PeerLens flags it again',
        tags,
        querystring: z.object({ phrase: z.string().min(1).max(ALLOW_LIMITS.length) }),
        response: { 200: AllowList, 400: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const phrase = request.query.phrase.replace(/\s+/g, ' ').trim().toLowerCase();
      const list = await getAllowList(db);
      const allow = await putAllowList(
        db,
        list.filter((p) => p.toLowerCase() !== phrase),
      );
      if (allow.length !== list.length) await changed(user.id);
      return { allow };
    },
  );

  app.get(
    '/api/organization/peerlensrc.json',
    {
      schema: {
        summary: 'The allow list as a PeerLens configuration file, for the CLI (peerlens check -c FILE)',
        tags,
        response: { 200: AllowList, 401: ErrorReply },
      },
    },
    async (request, reply) => {
      requireUser(request);
      void reply.header('content-disposition', 'attachment; filename="peerlensrc.json"');
      return allowListConfig(await getAllowList(db));
    },
  );
};
