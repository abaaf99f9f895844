/**
 * Signing in and out: the first admin (POST /api/setup), POST /api/login with a per-address and
 * username limit on failures, POST /api/logout, and accepting an invitation link.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import type { PasswordWork } from '../../auth/password-work.js';
import { FailureLimiter } from '../../auth/ratelimit.js';
import type { FailureCount } from '../../auth/shared-limits.js';
import { createSession, endSession, newId, SESSION_COOKIE } from '../../auth/sessions.js';
import type { Database, MemberRole } from '../../db/types.js';
import { ApiError } from '../../errors.js';
import type { Kysely } from 'kysely';
import { AcceptBody, ErrorReply, InvitationPreview, LoginBody, SetupBody, SignedIn, TokenParam } from './schemas.js';

const tags = ['people'];
export const tokenHash = (token: string): string => createHash('sha256').update(token).digest('base64url');

/**
 * Sets the session cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the request came over
 * https (no proxy header is trusted). No Max-Age: the browser forgets it when it closes, and the
 * server ends a session after SESSION_HOURS without use.
 */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: request.protocol === 'https',
  });
}

export async function signIn(
  db: Kysely<Database>,
  request: FastifyRequest,
  reply: FastifyReply,
  user: { id: string; username: string; name: string; role: MemberRole; team_id: string | null },
) {
  // A session the browser already had (another member's, or an old one) ends: one cookie, one session.
  const previous = request.cookies[SESSION_COOKIE];
  if (previous) await endSession(db, previous);
  const { token, csrf } = await createSession(db, user.id);
  setSessionCookie(request, reply, token);
  return { user: { id: user.id, username: user.username, name: user.name, role: user.role, teamId: user.team_id }, csrf };
}

let dummyHash: Promise<string> | undefined;
/** A hash to check against when the username is unknown, so that case takes as long as a wrong password. */
const dummy = (): Promise<string> => (dummyHash ??= hashPassword('peerlens-no-such-member'));

/**
 * Whether a link an admin made (an invitation, a password reset) still has its force: only while
 * the admin who made it is still an active admin. A link made by an admin later disabled or
 * demoted cannot create a member (or an admin) nor set a password.
 */
export async function creatorStillAdmin(db: Kysely<Database>, createdBy: string | null): Promise<boolean> {
  if (createdBy === null) return false;
  const c = await db.selectFrom('users').select(['role', 'disabled_at']).where('id', '=', createdBy).executeTakeFirst();
  return c !== undefined && c.role === 'admin' && c.disabled_at === null;
}

export const authRoutes: FastifyPluginAsyncZod<{ limiter?: FailureCount; work: PasswordWork }> = async (app, options) => {
  const db = app.db;
  const limiter = options.limiter ?? new FailureLimiter();
  const work = options.work;

  app.post(
    '/api/setup',
    {
      schema: {
        summary: 'Create the first admin account (only while the workspace has no admin), and sign them in',
        tags,
        body: SetupBody,
        response: { 201: SignedIn, 400: ErrorReply, 409: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const { username, name, password, teamName } = request.body;
      if (await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst())
        throw new ApiError(409, 'conflict', 'This workspace already has an admin. Sign in instead.');
      const passwordHash = await work.run(request, reply, () => hashPassword(password));
      const now = new Date().toISOString();
      const user = await db.transaction().execute(async (trx) => {
        const admin = await trx.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst();
        if (admin) throw new ApiError(409, 'conflict', 'This workspace already has an admin. Sign in instead.');
        if (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())
          throw new ApiError(409, 'conflict', 'That username is taken; choose another.', 'username');
        let teamId: string | null = null;
        if (teamName !== undefined) {
          const existing = await trx.selectFrom('teams').select('id').where('name', '=', teamName).executeTakeFirst();
          teamId = existing?.id ?? newId();
          if (!existing) await trx.insertInto('teams').values({ id: teamId, name: teamName, created_at: now }).execute();
        }
        const row = {
          id: newId(),
          username,
          name,
          role: 'admin' as const,
          team_id: teamId,
          password_hash: passwordHash,
          created_at: now,
          disabled_at: null,
        };
        await trx.insertInto('users').values(row).execute();
        return row;
      });
      await audit(db, user.id, 'setup', { type: 'user', id: user.id });
      return reply.code(201).send(await signIn(db, request, reply, user));
    },
  );

  app.post(
    '/api/login',
    {
      schema: {
        summary:
          'Sign in with username and password; 429 after 5 failures in 15 minutes from one address for one username, after 30 from one address, or while another sign-in from the address is still being checked',
        tags,
        body: LoginBody,
        response: { 200: SignedIn, 400: ErrorReply, 401: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      const key = `${request.ip}\u0000${username}`;
      const wait = await limiter.retryAfter(key);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'rate_limited', `Too many tries. Wait ${Math.ceil(wait / 60)} minute(s) and try again.`);
      }
      const user = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      const stored = user?.password_hash ?? (await dummy());
      const ok = await work.run(request, reply, () => verifyPassword(request.body.password, stored));
      if (!user || !user.password_hash || !ok || user.disabled_at !== null) {
        await limiter.fail(key);
        await work.failed(request);
        // recorded against the account when there is one; a username that matches no one is not kept (it may be a mistyped password)
        const reason = !user ? 'unknown-username' : !user.password_hash ? 'no-password' : !ok ? 'wrong-password' : 'disabled';
        await audit(
          db,
          null,
          'sign-in-failed',
          user ? { type: 'user', id: user.id, detail: { reason } } : { type: 'username', id: 'unknown', detail: { reason } },
        );
        throw new ApiError(401, 'unauthorized', 'That username and password do not match an active account.');
      }
      await limiter.succeed(key);
      await audit(db, user.id, 'sign-in', { type: 'user', id: user.id });
      return signIn(db, request, reply, user);
    },
  );

  app.post(
    '/api/logout',
    { schema: { summary: 'Sign out (ends this session)', tags, response: { 204: z.null().describe('Signed out'), 403: ErrorReply } } },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(db, token);
      if (request.user) await audit(db, request.user.id, 'sign-out', { type: 'user', id: request.user.id });
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict', secure: request.protocol === 'https' });
      return reply.code(204).send(null);
    },
  );

  async function openInvitation(token: string) {
    const row = await db
      .selectFrom('invitations')
      .leftJoin('teams', 'teams.id', 'invitations.team_id')
      .select([
        'invitations.id',
        'invitations.name',
        'invitations.role',
        'invitations.team_id',
        'invitations.expires_at',
        'invitations.used_at',
        'invitations.created_by',
        'teams.name as team_name',
      ])
      .where('invitations.token_hash', '=', tokenHash(token))
      .executeTakeFirst();
    if (!row) throw new ApiError(404, 'not_found', 'This invitation link is not valid. Ask your admin for a new one.');
    if (row.used_at !== null)
      throw new ApiError(410, 'gone', 'This invitation link has already been used. Sign in, or ask your admin for a new one.');
    if (row.expires_at <= new Date().toISOString())
      throw new ApiError(410, 'gone', 'This invitation link has expired. Ask your admin for a new one.');
    if (!(await creatorStillAdmin(db, row.created_by)))
      throw new ApiError(410, 'gone', 'The admin who made this invitation no longer manages this workspace. Ask an admin for a new one.');
    return row;
  }

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        summary: 'Who an invitation link is for (to show before accepting it)',
        tags,
        params: TokenParam,
        response: { 200: InvitationPreview, 404: ErrorReply, 410: ErrorReply },
      },
    },
    async (request) => {
      const row = await openInvitation(request.params.token);
      return { name: row.name, role: row.role, teamName: row.team_name, expiresAt: row.expires_at };
    },
  );

  app.post(
    '/api/invitations/:token',
    {
      schema: {
        summary:
          'Accept an invitation: choose a username and a password (at least 12 characters, not a common one); signs the new member in. 410 once the admin who made it is disabled or no longer an admin',
        tags,
        params: TokenParam,
        body: AcceptBody,
        response: { 201: SignedIn, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, 410: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const invitation = await openInvitation(request.params.token);
      const { username, password } = request.body;
      const passwordHash = await work.run(request, reply, () => hashPassword(password));
      const now = new Date().toISOString();
      const user = await db.transaction().execute(async (trx) => {
        // Marked used first, so two accepts at once cannot both succeed.
        const used = await trx
          .updateTable('invitations')
          .set({ used_at: now })
          .where('id', '=', invitation.id)
          .where('used_at', 'is', null)
          .executeTakeFirst();
        if (used.numUpdatedRows === 0n) throw new ApiError(410, 'gone', 'This invitation link has already been used.');
        if (await trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst())
          throw new ApiError(409, 'conflict', 'That username is taken; choose another.', 'username');
        const row = {
          id: newId(),
          username,
          name: invitation.name,
          role: invitation.role,
          team_id: invitation.team_id,
          password_hash: passwordHash,
          created_at: now,
          disabled_at: null,
        };
        await trx.insertInto('users').values(row).execute();
        await trx.updateTable('invitations').set({ used_by: row.id }).where('id', '=', invitation.id).execute();
        return row;
      });
      await audit(db, user.id, 'accept-invitation', { type: 'invitation', id: invitation.id });
      return reply.code(201).send(await signIn(db, request, reply, user));
    },
  );
};
