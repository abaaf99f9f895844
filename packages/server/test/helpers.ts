/** A server per test file: its own temporary data folder and a tiny built web app. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import type { Kysely } from 'kysely';
import { buildApp, type AppOptions } from '../src/app.js';
import { openDatabase, openPostgres } from '../src/db/database.js';
import type { Database } from '../src/db/types.js';
import { dropDatabase, ensureDatabase, onPostgres } from './pg.js';

export const FIXTURES = new URL('../../cli/test/fixtures/', import.meta.url);
export const fixture = (path: string): URL => new URL(path, FIXTURES);

export function tempDir(prefix = 'peerlens-server-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A web build of one page and one asset, so page tests do not depend on packages/web being built. */
export function fakeWebDist(): string {
  const dir = tempDir('peerlens-web-');
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>PeerLens test build</title><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'app-1234.js'), 'console.log("app");');
  return dir;
}

export interface TestServer {
  app: FastifyInstance;
  dataDir: string;
  close(): Promise<void>;
}

/**
 * A server on a data folder of its own (or the one given). On PostgreSQL (PEERLENS_TEST_DB, see
 * pg.ts) the folder stands for a database of its own, made for it and dropped with a folder made here.
 */
export async function startServer(options: AppOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? tempDir();
  const webDist = options.webDist ?? fakeWebDist();
  const databaseUrl = options.db !== undefined ? null : onPostgres ? await ensureDatabase(dataDir) : null;
  const app = await buildApp({ databaseUrl, ...options, dataDir, webDist });
  return {
    app,
    dataDir,
    async close() {
      await app.close();
      if (options.dataDir === undefined && onPostgres && options.db === undefined) await dropDatabase(dataDir);
      if (options.dataDir === undefined) rmSync(dataDir, { recursive: true, force: true });
      if (options.webDist === undefined) rmSync(webDist, { recursive: true, force: true });
    },
  };
}

/** The database a server on `dataDir` would use in these tests (SQLite in the folder, or the folder's PostgreSQL database), not migrated. */
export async function openTestDatabase(dataDir: string): Promise<Kysely<Database>> {
  return onPostgres ? openPostgres(await ensureDatabase(dataDir)) : openDatabase(dataDir);
}

export const json = { 'content-type': 'application/json' };

/* ---------------- signing in ---------------- */

export const PASSWORD = 'a long test password';

/** A signed-in member: their id and the headers (cookie and CSRF token) of their session. */
export interface Member {
  id: string;
  username: string;
  role: string;
  teamId: string | null;
  csrf: string;
  cookie: string;
  headers: Record<string, string>;
}

function memberFrom(r: { json(): unknown; headers: Record<string, unknown> }): Member {
  const body = r.json() as { user: { id: string; username: string; role: string; teamId: string | null }; csrf: string };
  const setCookie = [r.headers['set-cookie']].flat().join('\n');
  const cookie = /peerlens_session=([^;]+)/.exec(setCookie)?.[0];
  if (!cookie) throw new Error(`no session cookie in ${setCookie}`);
  return { ...body.user, csrf: body.csrf, cookie, headers: { cookie, 'x-csrf-token': body.csrf } };
}

/** Creates the first admin (POST /api/setup) and returns their session. */
export async function setupAdmin(app: FastifyInstance, username = 'admin', teamName?: string): Promise<Member> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/setup',
    payload: { username, name: 'Avery Admin', password: PASSWORD, ...(teamName ? { teamName } : {}) },
  });
  if (r.statusCode !== 201) throw new Error(`setup failed: ${r.statusCode} ${r.body}`);
  return memberFrom(r);
}

/** An invitation link's token, made by `admin`. */
export async function invite(
  app: FastifyInstance,
  admin: Member,
  name: string,
  role: string,
  teamId: string | null = null,
): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/invitations', headers: admin.headers, payload: { name, role, teamId } });
  if (r.statusCode !== 201) throw new Error(`invite failed: ${r.statusCode} ${r.body}`);
  return (r.json() as { link: string }).link.replace('/invite/', '');
}

/** A new member, invited by `admin` and signed in through the link. */
export async function addMember(
  app: FastifyInstance,
  admin: Member,
  username: string,
  role: 'peer' | 'supervisor' | 'leader' | 'admin',
  teamId: string | null = null,
  name = username,
): Promise<Member> {
  const token = await invite(app, admin, name, role, teamId);
  const r = await app.inject({ method: 'POST', url: `/api/invitations/${token}`, payload: { username, password: PASSWORD } });
  if (r.statusCode !== 201) throw new Error(`accept failed: ${r.statusCode} ${r.body}`);
  return memberFrom(r);
}

/** Signs in with a password and returns the session. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<Member> {
  const r = await app.inject({ method: 'POST', url: '/api/login', payload: { username, password } });
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.statusCode} ${r.body}`);
  return memberFrom(r);
}

/** Creates a team as `admin`; returns its id. */
export async function createTeam(app: FastifyInstance, admin: Member, name: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/teams', headers: admin.headers, payload: { name } });
  if (r.statusCode !== 201) throw new Error(`team failed: ${r.statusCode} ${r.body}`);
  return (r.json() as { id: string }).id;
}

/** `app.inject` with a member's session headers added. */
export function injectAs(app: FastifyInstance, member: Member) {
  return (options: InjectOptions | string) => {
    const o: InjectOptions = typeof options === 'string' ? { url: options } : options;
    return app.inject({ ...o, headers: { ...member.headers, ...(o.headers as Record<string, string> | undefined) } });
  };
}
