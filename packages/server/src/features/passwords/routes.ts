/**
 * Passwords (issue 12): every member changes their own (POST /api/me/password), and an admin
 * issues a one-time reset link for a member (POST /api/members/:id/password-reset), which the
 * member opens to choose a new one. A reset link is like an invitation: a random token shown
 * once, only its SHA-256 kept, valid RESET_HOURS, used once, and only while the admin who made it
 * is still an active admin. Either change ends the member's other sessions.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { audit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import type { PasswordWork } from '../../auth/password-work.js';
import { hashPassword, verifyPassword } from '../../auth/passwords.js';
import { FailureLimiter } from '../../auth/ratelimit.js';
import type { FailureCount } from '../../auth/shared-limits.js';
import { endSessionsOf, newId } from '../../auth/sessions.js';
import { ApiError } from '../../errors.js';
import { creatorStillAdmin, signIn, tokenHash } from '../auth/service.js';
import { ErrorReply, IdParam, PasswordChangeBody, ResetBody, ResetLink, ResetPreview, SignedIn, TokenParam } from './schemas.js';
import { memberState, passwordHashOf, replaceReset, resetByTokenHash, setPasswordHash, useReset, userRow } from './service.js';

const tags = ['people'];
/** How long a reset link stays valid. */
export const RESET_HOURS = 24;

export const passwordRoutes: FastifyPluginAsyncZod<{ work: PasswordWork; wrongCurrent?: FailureCount }> = async (app, options) => {
  const db = app.db;
  const work = options.work;
  // wrong current passwords, per member: 5 in 15 minutes, then 429 (a stolen session cannot guess on)
  const wrongCurrent = options.wrongCurrent ?? new FailureLimiter();

  app.post(
    '/api/me/password',
    {
      schema: {
        summary: 'Change your own password (with your current one); your other sessions end, and this one is renewed',
        tags,
        body: PasswordChangeBody,
        response: { 200: SignedIn, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const wait = await wrongCurrent.retryAfter(user.id);
      if (wait > 0) {
        reply.header('retry-after', String(wait));
        throw new ApiError(429, 'rate_limited', `Too many wrong tries. Wait ${Math.ceil(wait / 60)} minute(s) and try again.`);
      }
      const stored = await passwordHashOf(db, user.id);
      const { currentPassword, newPassword } = request.body;
      const ok = stored !== null && (await work.run(request, reply, () => verifyPassword(currentPassword, stored)));
      if (!ok) {
        await wrongCurrent.fail(user.id);
        throw new ApiError(400, 'invalid', 'Your current password is not right.', 'currentPassword');
      }
      await wrongCurrent.succeed(user.id);
      const hash = await work.run(request, reply, () => hashPassword(newPassword));
      await setPasswordHash(db, user.id, hash);
      await endSessionsOf(db, user.id);
      await audit(db, user.id, 'change-password', { type: 'user', id: user.id });
      return signIn(db, request, reply, await userRow(db, user.id));
    },
  );

  app.post(
    '/api/members/:id/password-reset',
    {
      schema: {
        summary: `Make a one-time password reset link for a member (admin): valid ${RESET_HOURS} hours, shown only now; an earlier unused link for them stops working`,
        tags,
        params: IdParam,
        response: { 201: ResetLink, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const admin = requireUser(request, 'admin');
      const member = await memberState(db, request.params.id);
      if (!member) throw new ApiError(404, 'not_found', 'No such member.');
      if (member.disabled_at !== null) throw new ApiError(409, 'conflict', 'This member is disabled; enable them first.');
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const row = {
        id: newId(),
        token_hash: tokenHash(token),
        user_id: member.id,
        created_by: admin.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + RESET_HOURS * 3_600_000).toISOString(),
        used_at: null,
      };
      await replaceReset(db, row);
      await audit(db, admin.id, 'create-password-reset', { type: 'user', id: member.id });
      return reply.code(201).send({ link: `/reset/${token}`, expiresAt: row.expires_at });
    },
  );

  async function openReset(token: string) {
    const row = await resetByTokenHash(db, tokenHash(token));
    if (!row) throw new ApiError(404, 'not_found', 'This reset link is not valid. Ask your admin for a new one.');
    if (row.used_at !== null) throw new ApiError(410, 'gone', 'This reset link has already been used. Ask your admin for a new one.');
    if (row.expires_at <= new Date().toISOString())
      throw new ApiError(410, 'gone', 'This reset link has expired. Ask your admin for a new one.');
    if (row.disabled_at !== null) throw new ApiError(410, 'gone', 'This account is disabled. Talk to your admin.');
    if (!(await creatorStillAdmin(db, row.created_by)))
      throw new ApiError(410, 'gone', 'The admin who made this link no longer manages this workspace. Ask an admin for a new one.');
    return row;
  }

  app.get(
    '/api/password-resets/:token',
    {
      schema: {
        summary: 'Whose password a reset link sets (to show before using it)',
        tags,
        params: TokenParam,
        response: { 200: ResetPreview, 400: ErrorReply, 404: ErrorReply, 410: ErrorReply },
      },
    },
    async (request) => {
      const row = await openReset(request.params.token);
      return { name: row.name, username: row.username, expiresAt: row.expires_at };
    },
  );

  app.post(
    '/api/password-resets/:token',
    {
      schema: {
        summary: 'Use a reset link: choose a new password; every session of the member ends, and they are signed in here',
        tags,
        params: TokenParam,
        body: ResetBody,
        response: { 200: SignedIn, 400: ErrorReply, 404: ErrorReply, 410: ErrorReply, 429: ErrorReply },
      },
    },
    async (request, reply) => {
      const reset = await openReset(request.params.token);
      const hash = await work.run(request, reply, () => hashPassword(request.body.password));
      const now = new Date().toISOString();
      if (!(await useReset(db, reset.id, reset.user_id, hash, now)))
        throw new ApiError(410, 'gone', 'This reset link has already been used.');
      await audit(db, reset.user_id, 'use-password-reset', { type: 'user', id: reset.user_id });
      return signIn(db, request, reply, await userRow(db, reset.user_id));
    },
  );
};
