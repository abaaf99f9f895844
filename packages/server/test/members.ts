/** Members and signed-in requests for the workspace tests (decision 009). */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../src/auth/sessions.js';
import type { MemberRole } from '../src/db/types.js';

export async function makeTeam(app: FastifyInstance, name = `Team ${randomUUID().slice(0, 6)}`): Promise<string> {
  const id = randomUUID();
  await app.db.insertInto('teams').values({ id, name, created_at: new Date().toISOString() }).execute();
  return id;
}

export interface Member {
  id: string;
  username: string;
  /** app.inject with this member's cookie (and CSRF header on changes). */
  inject(options: InjectOptions): ReturnType<FastifyInstance['inject']>;
}

export async function makeMember(
  app: FastifyInstance,
  role: MemberRole,
  teamId: string | null,
  name = `${role} ${randomUUID().slice(0, 4)}`,
): Promise<Member> {
  const id = randomUUID();
  const username = `${role}-${id.slice(0, 8)}`;
  await app.db
    .insertInto('users')
    .values({ id, username, name, role, team_id: teamId, password_hash: null, created_at: new Date().toISOString(), disabled_at: null })
    .execute();
  const { token, csrf } = await createSession(app.db, id);
  return {
    id,
    username,
    inject: (options) => {
      const method = (options.method ?? 'GET').toUpperCase();
      const headers = {
        ...(options.headers ?? {}),
        cookie: `peerlens_session=${token}`,
        ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }),
      };
      return app.inject({ ...options, headers });
    },
  };
}
