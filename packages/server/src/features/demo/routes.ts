/**
 * The demo workspace for admins (issue 13, item 10; decision 016): what is left of it, with the
 * shared password while a demo account still uses it, and removing it for good. (The public
 * GET /api/demo, the demo sign-in names, is in drift.ts.)
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import { demoWorkspace, removeDemo } from './service.js';
import { DemoRemoved, DemoWorkspace, ErrorReply } from './schemas.js';

const tags = ['people'];
const admin = { 401: ErrorReply, 403: ErrorReply };

export const demoRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/demo/workspace',
    {
      schema: {
        summary: 'The demo workspace: its accounts, how many documents, and the shared password while an account still uses it (admin)',
        tags,
        response: { 200: DemoWorkspace, ...admin },
      },
    },
    async (request) => {
      requireUser(request, 'admin');
      return demoWorkspace(db);
    },
  );

  app.delete(
    '/api/demo',
    {
      schema: {
        summary:
          'Remove the demo workspace for good (admin): its accounts and everything they wrote, the example documents, the demo team unless someone else is in it, and its password; the write-ahead log is emptied after',
        tags,
        response: {
          200: DemoRemoved,
          ...admin,
        },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const removed = await removeDemo(db);
      await audit(db, user.id, 'remove-demo');
      return { removed };
    },
  );
};
