/**
 * Who is asking, and what they may see. Every route that touches the workspace calls
 * `requireUser` (the server enforces access; the pages only reflect it).
 *
 * - A peer specialist sees their own documents and profile.
 * - A supervisor sees their team's.
 * - A program leader sees aggregates (team-level figures), not anyone's notes.
 * - An admin manages people and settings; like everyone, they see their own documents.
 */
import fastifyCookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { Database, MemberRole } from '../db/types.js';
import { ApiError } from '../errors.js';
import { SESSION_COOKIE, userForToken, type SessionUser } from './sessions.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in member, or null. */
    user: SessionUser | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The only API routes open without signing in ("METHOD pattern"). Every other /api route
 * answers 401 to an anonymous request before its body is even read; the handlers check the
 * member's role as well.
 */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /api/health',
  'GET /api/openapi.json',
  'GET /api/session',
  'POST /api/setup',
  'POST /api/login',
  'POST /api/logout',
  'GET /api/invitations/:token',
  'POST /api/invitations/:token',
  'GET /api/password-resets/:token',
  'POST /api/password-resets/:token',
  // the demo sign-in names (no passwords), for the sign-in page
  'GET /api/demo',
]);

/** Reads the session cookie into `request.user`, and checks the CSRF header on requests that change something. */
export const sessionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(fastifyCookie);
  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request) => {
    const token = request.cookies[SESSION_COOKIE];
    request.user = token ? await userForToken(app.db, token) : null;
    if (request.user && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== request.user.csrf)
      throw new ApiError(403, 'forbidden', 'This request is missing its security token; reload the page and try again.');
    const pattern = request.routeOptions.url;
    const method = request.method === 'HEAD' ? 'GET' : request.method;
    if (!request.user && pattern?.startsWith('/api/') && !PUBLIC_ROUTES.has(`${method} ${pattern}`))
      throw new ApiError(401, 'unauthorized', 'Please sign in.');
  });
});

/** The signed-in member, or a 401; with roles given, a 403 for anyone else. */
export function requireUser(request: FastifyRequest, ...roles: readonly MemberRole[]): SessionUser {
  const user = request.user;
  if (!user) throw new ApiError(401, 'unauthorized', 'Please sign in.');
  if (roles.length > 0 && !roles.includes(user.role)) throw new ApiError(403, 'forbidden', 'Your role does not give access to this.');
  return user;
}

/**
 * The members whose documents and personal profile `user` may read: themselves, and for a
 * supervisor everyone in their team. Leaders and admins read only their own here; they get
 * team aggregates through the routes made for them.
 */
export async function readableAuthors(db: Kysely<Database>, user: SessionUser): Promise<string[]> {
  if (user.role !== 'supervisor' || user.teamId === null) return [user.id];
  const rows = await db.selectFrom('users').select('id').where('team_id', '=', user.teamId).execute();
  return [...new Set([user.id, ...rows.map((r) => r.id)])];
}

/** A 404 (not a 403, so ids cannot be probed) unless `user` may read what `authorId` wrote. */
export async function assertCanRead(db: Kysely<Database>, user: SessionUser, authorId: string | null): Promise<void> {
  if (authorId === null ? user.role === 'admin' : (await readableAuthors(db, user)).includes(authorId)) return;
  throw new ApiError(404, 'not_found', 'No such document.');
}
