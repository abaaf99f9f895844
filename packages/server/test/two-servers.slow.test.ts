/**
 * Stateless app servers (issue 15, decision 022): two server processes on one PostgreSQL serve
 * one member's requests in turn. Sessions, invitations, an import's progress and the limits
 * live in the database, so it makes no difference which server answers.
 *
 * Needs PostgreSQL: PEERLENS_TEST_DATABASE_URL (see pg.ts), which `.ci/run` sets. Without it the
 * file is skipped (loudly) on a developer’s machine, and fails under CI rather than skip there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, tempDir } from './helpers.js';
import { dropDatabase, ensureDatabase, havePostgres, requirePostgres } from './pg.js';
import { sameSession, setupAdminOver, startProcess, type Client, type ServerProcess } from './process.js';

requirePostgres('two servers on one PostgreSQL');

/** A member's session on one server, and the same session on the other. */
interface Both {
  a: Client;
  b: Client;
}

describe.runIf(havePostgres)('two servers on one PostgreSQL', () => {
  const dataDir = tempDir();
  const RATE = 6; // analyses per member per minute
  let a: ServerProcess;
  let b: ServerProcess;
  let admin: Both;

  const signIn = async (url: string, username: string, password = PASSWORD): Promise<Response> =>
    fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });

  async function session(r: Response): Promise<{ cookie: string; csrf: string; id: string }> {
    expect(r.status).toBe(200);
    const cookie = /peerlens_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
    const body = (await r.json()) as { user: { id: string }; csrf: string };
    return { cookie, csrf: body.csrf, id: body.user.id };
  }

  beforeAll(async () => {
    const url = await ensureDatabase(dataDir);
    const env = { DATABASE_URL: url, PEERLENS_DEMO: '0', PEERLENS_RATE_LIMIT: String(RATE) };
    // one after the other: the second finds the tables made and migrated by the first
    a = await startProcess(tempDir(), env);
    b = await startProcess(tempDir(), env);
    const first = await setupAdminOver(a.url);
    admin = { a: first, b: sameSession(b.url, first) };
  });
  afterAll(async () => {
    await Promise.all([a?.kill('SIGTERM'), b?.kill('SIGTERM')]);
    await dropDatabase(dataDir);
  });

  it('a member invited on one server signs in on the other, and their session works on both', async () => {
    const team = (await (await admin.b.call('GET', '/api/teams')).json()) as { teams: { id: string }[] };
    const teamId = team.teams[0]?.id ?? null;
    const inv = await admin.b.call('POST', '/api/invitations', { name: 'Pat Peer', role: 'peer', teamId });
    expect(inv.status).toBe(201);
    const token = ((await inv.json()) as { link: string }).link.replace('/invite/', '');
    const accepted = await fetch(`${a.url}/api/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pat', password: PASSWORD }),
    });
    expect(accepted.status).toBe(201);
    // the link was used on A: B refuses it too
    const again = await fetch(`${b.url}/api/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'pat2', password: PASSWORD }),
    });
    expect(again.status).toBeGreaterThanOrEqual(400);

    const s = await session(await signIn(b.url, 'pat'));
    for (const url of [a.url, b.url, a.url]) {
      const me = (await (await sameSession(url, s).call('GET', '/api/session')).json()) as { user: { username: string } | null };
      expect(me.user?.username).toBe('pat');
    }
  });

  it('saves on one server and edits on the other; each sees the other’s writes at once', async () => {
    const s = await session(await signIn(a.url, 'pat'));
    const onA = sameSession(a.url, s);
    const onB = sameSession(b.url, s);
    const saved = await onB.call('POST', '/api/documents', {
      title: 'Tuesday',
      kind: 'note',
      text: 'We met at the library and she chose the books.',
    });
    expect(saved.status).toBe(201);
    const id = ((await saved.json()) as { id: string }).id;
    const read = (await (await onA.call('GET', `/api/documents/${id}`)).json()) as { title: string };
    expect(read.title).toBe('Tuesday');
    const edited = await onA.call('PUT', `/api/documents/${id}`, { title: 'Tuesday, edited' });
    expect(edited.status).toBe(200);
    const list = (await (await onB.call('GET', '/api/documents')).json()) as { documents: { id: string; title: string }[] };
    expect(list.documents.find((d) => d.id === id)?.title).toBe('Tuesday, edited');
    // signing out on B ends the session on A
    expect((await onB.call('POST', '/api/logout')).status).toBe(204);
    expect((await onA.call('GET', '/api/documents')).status).toBe(401);
  });

  it('follows an import’s progress on both servers while they take turns committing it', async () => {
    const s = await session(await signIn(b.url, 'pat'));
    const on = [sameSession(a.url, s), sameSession(b.url, s)] as const;
    const rows = Array.from({ length: 7 }, (_, i) => `2025-0${1 + (i % 6)}-1${i},We met on day ${i} and she chose the place.`);
    const up = await on[0].call('POST', '/api/imports', `date,note\n${rows.join('\n')}\n`, {
      'content-type': 'application/octet-stream',
      'x-file-name': 'notes.csv',
    });
    expect(up.status).toBe(201);
    const id = ((await up.json()) as { id: string }).id;
    expect((await on[1].call('PUT', `/api/imports/${id}/mapping`, { textColumn: 'note', dateColumn: 'date' })).status).toBe(200);
    let done = 0;
    for (let turn = 0; done < 7; turn++) {
      expect(turn).toBeLessThan(10);
      const p = (await (await on[turn % 2]!.call('POST', `/api/imports/${id}/commit?batch=2`)).json()) as {
        done: number;
        finished: boolean;
      };
      expect(p.done).toBe(Math.min(7, done + 2));
      done = p.done;
      // the other server sees the same progress
      const seen = (await (await on[(turn + 1) % 2]!.call('GET', `/api/imports/${id}`)).json()) as {
        progress: { done: number; finished: boolean };
      };
      expect(seen.progress).toMatchObject({ done, finished: p.finished });
    }
    const notes = (await (await on[1].call('GET', '/api/documents')).json()) as { documents: unknown[] };
    expect(notes.documents.length).toBeGreaterThanOrEqual(7);
  });

  it('two commits of one import at the same instant, one on each server, save each row once', async () => {
    const s = await session(await signIn(a.url, 'pat'));
    const on = [sameSession(a.url, s), sameSession(b.url, s)] as const;
    const rows = Array.from({ length: 8 }, (_, i) => `2025-02-0${1 + i},At the same time ${i} she chose the bus route.`);
    const up = await on[1].call('POST', '/api/imports', `date,note\n${rows.join('\n')}\n`, {
      'content-type': 'application/octet-stream',
      'x-file-name': 'twice.csv',
    });
    expect(up.status).toBe(201);
    const id = ((await up.json()) as { id: string }).id;
    expect((await on[0].call('PUT', `/api/imports/${id}/mapping`, { textColumn: 'note', dateColumn: 'date' })).status).toBe(200);
    const both = await Promise.all(on.map((c) => c.call('POST', `/api/imports/${id}/commit?batch=5`)));
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const done = (await Promise.all(both.map((r) => r.json()))) as { done: number; kept: number }[];
    // one took rows 1–5, the other 6–8, in either order
    expect(done.map((p) => p.done).sort((x, y) => x - y)).toEqual([5, 8]);
    const state = (await (await on[0].call('GET', `/api/imports/${id}`)).json()) as { progress: { kept: number; finished: boolean } };
    expect(state.progress).toMatchObject({ kept: 8, finished: true });
    const docs = (await (await on[1].call('GET', '/api/documents')).json()) as { documents: { title: string }[] };
    expect(docs.documents.filter((d) => d.title.includes('twice.csv'))).toHaveLength(8);
  });

  it('counts failed sign-ins across both servers: 5 wrong tries in turn, then both refuse the right password', async () => {
    const admin2 = await admin.a.call('POST', '/api/invitations', { name: 'Lou Limit', role: 'peer', teamId: null });
    const token = ((await admin2.json()) as { link: string }).link.replace('/invite/', '');
    const made = await fetch(`${b.url}/api/invitations/${token}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'lou', password: PASSWORD }),
    });
    expect(made.status).toBe(201);
    for (let i = 0; i < 5; i++) expect((await signIn(i % 2 === 0 ? a.url : b.url, 'lou', `wrong password ${i}`)).status).toBe(401);
    for (const url of [a.url, b.url]) {
      const r = await signIn(url, 'lou');
      expect(r.status).toBe(429);
      expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(800);
    }
  });

  it('counts a member’s analyses across both servers against one limit', async () => {
    // the admin, who has not yet used a limited route (pat's import took one of pat's)
    const on = [admin.a, admin.b];
    const statuses: number[] = [];
    for (let i = 0; i < RATE + 2; i++)
      statuses.push((await on[i % 2]!.call('POST', '/api/analyze', { kind: 'note', text: 'We met and she chose the place.' })).status);
    // RATE allowed in all, however they were spread over the two servers; then 429 from either
    expect(statuses.slice(0, RATE)).toEqual(Array(RATE).fill(200));
    expect(statuses.slice(RATE)).toEqual([429, 429]);
  });
});
