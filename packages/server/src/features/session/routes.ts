/** GET /api/session: who is signed in, their CSRF token, and whether the workspace still needs its first admin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { SessionReply } from './schemas.js';
import { hasAdmin } from './service.js';

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/session',
    { schema: { summary: 'The signed-in member, if any', tags: ['people'], response: { 200: SessionReply } } },
    async (request) => {
      const setupNeeded = !(await hasAdmin(app.db));
      const u = request.user;
      return {
        user: u ? { id: u.id, username: u.username, name: u.name, role: u.role, teamId: u.teamId } : null,
        csrf: u ? u.csrf : null,
        setupNeeded,
      };
    },
  );
};
