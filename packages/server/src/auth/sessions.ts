/**
 * Login sessions: a random token in an HttpOnly cookie; the database keeps only its SHA-256.
 * Each session has its own CSRF token, which the pages send back in the `x-csrf-token` header
 * on every request that changes something.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, MemberRole } from '../db/types.js';

export const SESSION_COOKIE = 'peerlens_session';
/** How long a session lasts without use. */
export const SESSION_HOURS = 12;

export interface SessionUser {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: MemberRole;
  readonly teamId: string | null;
  /** The session's CSRF token. */
  readonly csrf: string;
}

const sha256 = (s: string): string => createHash('sha256').update(s).digest('base64url');

export function newId(): string {
  return randomUUID();
}

/** Starts a session for a member; returns the cookie's token and the CSRF token. */
export async function createSession(db: Kysely<Database>, userId: string, now = new Date()): Promise<{ token: string; csrf: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrf = randomBytes(24).toString('base64url');
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    })
    .execute();
  return { token, csrf };
}

/** How often a session in use is extended. */
export const EXTEND_EVERY_MS = 60_000;

/** The member a token belongs to, or null for an unknown, expired or disabled one. Extends the session on use (at most once a minute). */

export async function userForToken(db: Kysely<Database>, token: string, now = new Date()): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'users.id',
      'users.username',
      'users.name',
      'users.role',
      'users.team_id',
      'users.disabled_at',
      'sessions.csrf',
      'sessions.expires_at',
    ])
    .where('sessions.token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.disabled_at !== null) return null;
  if (row.expires_at <= now.toISOString()) {
    await endSession(db, token);
    return null;
  }
  // extended at most once a minute: a write (and a sync to disk) on every request would cap the
  // requests a server answers (issue 15), and a minute is nothing against 12 hours
  const extended = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  if (row.expires_at < new Date(extended.getTime() - EXTEND_EVERY_MS).toISOString())
    await db.updateTable('sessions').set({ expires_at: extended.toISOString() }).where('token_hash', '=', sha256(token)).execute();
  return { id: row.id, username: row.username, name: row.name, role: row.role, teamId: row.team_id, csrf: row.csrf };
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', sha256(token)).execute();
}

/** Ends every session of a member (password change, removal). */
export async function endSessionsOf(db: Kysely<Database>, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).execute();
}
