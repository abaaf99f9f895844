/**
 * The SQL of signing in: the first admin, a member by username, invitations and their
 * acceptance, a session begun; and what other features share: token hashes and whether the
 * admin who made a link still has the right to (see routes.ts for who may do what).
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { createSession, endSession, newId, SESSION_COOKIE } from '../../auth/sessions.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { Database, MemberRole } from '../../db/types.js';
import { ApiError } from '../../errors.js';

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

/** Whether the workspace has an admin (the first-run setup is closed once it has). */
export async function adminExists(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('role', '=', 'admin').executeTakeFirst()) !== undefined;
}

/** Creates the first admin (and their team, when named), in one transaction that re-checks there is none. */
export async function createFirstAdmin(
  db: Kysely<Database>,
  input: { username: string; name: string; teamName?: string | undefined; passwordHash: string },
): Promise<Database['users']> {
  const { username, name, teamName, passwordHash } = input;
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
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
}

export function userByUsername(db: Kysely<Database>, username: string) {
  return db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
}

/** An invitation by the hash of its token, with its team's name. */
export function invitationByToken(db: Kysely<Database>, hash: string) {
  return db
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
    .where('invitations.token_hash', '=', hash)
    .executeTakeFirst();
}

/** Creates the invited member and marks the invitation used, in one transaction (marked first, so two accepts cannot both succeed). */
export async function acceptInvitation(
  db: Kysely<Database>,
  invitation: { id: string; name: string; role: MemberRole; team_id: string | null },
  input: { username: string; passwordHash: string },
): Promise<Database['users']> {
  const now = new Date().toISOString();
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('invitations')
      .set({ used_at: now })
      .where('id', '=', invitation.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) throw new ApiError(410, 'gone', 'This invitation link has already been used.');
    if (await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst())
      throw new ApiError(409, 'conflict', 'That username is taken; choose another.', 'username');
    const row = {
      id: newId(),
      username: input.username,
      name: invitation.name,
      role: invitation.role,
      team_id: invitation.team_id,
      password_hash: input.passwordHash,
      created_at: now,
      disabled_at: null,
    };
    try {
      await trx.insertInto('users').values(row).execute();
    } catch (e) {
      // another invitation, accepted at the same moment, took the username between the check and the insert
      if (isUniqueViolation(e)) throw new ApiError(409, 'conflict', 'That username is taken; choose another.', 'username');
      throw e;
    }
    await trx.updateTable('invitations').set({ used_by: row.id }).where('id', '=', invitation.id).execute();
    return row;
  });
}
