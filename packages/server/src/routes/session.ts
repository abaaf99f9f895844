/** GET /api/session: who is signed in, their CSRF token, and whether the workspace still needs its first admin. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

export const SessionReply = z.object({
  user: z
    .object({
      id: z.string(),
      username: z.string(),
      name: z.string(),
      role: z.enum(['peer', 'supervisor', 'leader', 'admin']),
      teamId: z.string().nullable(),
    })
    .nullable(),
  /** Send back in `x-csrf-token` on every request that changes something. */
  csrf: z.string().nullable(),
  /** True until the first admin account exists. */
  setupNeeded: z.boolean(),
});

export const sessionRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/session',
    { schema: { summary: 'The signed-in member, if any', tags: ['people'], response: { 200: SessionReply } } },
    async (request) => {
      const admin = await app.db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
      const u = request.user;
      return {
        user: u ? { id: u.id, username: u.username, name: u.name, role: u.role, teamId: u.teamId } : null,
        csrf: u ? u.csrf : null,
        setupNeeded: admin === undefined,
      };
    },
  );
};
