/**
 * Signing in and out: the first admin (POST /api/setup), POST /api/login with a per-address and
 * username limit on failures, POST /api/logout, and accepting an invitation link. The SQL is in
 * service.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import type { PasswordWork } from '../../auth/password-work.js';
import { FailureLimiter } from '../../auth/ratelimit.js';
import type { FailureCount } from '../../auth/shared-limits.js';
import { endSession, SESSION_COOKIE } from '../../auth/sessions.js';
import { ApiError } from '../../errors.js';
import {
  acceptInvitation,
  adminExists,
  createFirstAdmin,
  creatorStillAdmin,
  invitationByToken,
  signIn,
  tokenHash,
  userByUsername,
} from './service.js';
import { AcceptBody, ErrorReply, InvitationPreview, LoginBody, SetupBody, SignedIn, TokenParam } from './schemas.js';

const tags = ['people'];

let dummyHash: Promise<string> | undefined;
/** A hash to check against when the username is unknown, so that case takes as long as a wrong password. */
const dummy = (): Promise<string> => (dummyHash ??= hashPassword('peerlens-no-such-member'));

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
      if (await adminExists(db)) throw new ApiError(409, 'conflict', 'This workspace already has an admin. Sign in instead.');
      const passwordHash = await work.run(request, reply, () => hashPassword(password));
      const user = await createFirstAdmin(db, { username, name, teamName, passwordHash });
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
      const user = await userByUsername(db, username);
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
    const row = await invitationByToken(db, tokenHash(token));
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
      const user = await acceptInvitation(db, invitation, { username, passwordHash });
      await audit(db, user.id, 'accept-invitation', { type: 'invitation', id: invitation.id });
      return reply.code(201).send(await signIn(db, request, reply, user));
    },
  );
};
