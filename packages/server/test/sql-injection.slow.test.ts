/**
 * SQL injection (issue 6): injection strings through every input that reaches a query (ids in
 * paths, query parameters, bodies, upload names and values, import column names and values).
 * No reply is a 500, nothing of another member's comes back, text is stored exactly as sent,
 * and the tables are intact afterwards. Every query is built by Kysely with parameters; the
 * few raw `sql` fragments (src/privacy.ts) take table and column names from SQLite's own
 * catalogue, never from a request.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listTables } from '../src/db/database.js';
import { addMember, createTeam, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

const INJECTIONS = [
  "' OR 1=1 --",
  "' OR '1'='1",
  '"; DROP TABLE documents; --',
  "'; DROP TABLE users; --",
  "%' --",
  '%',
  '_',
  '\u2019 OR \u20181\u2019=\u20181',
  '\uff07 OR 1=1 --',
  '1) OR (1=1',
  "' UNION SELECT id, username, password_hash FROM users --",
  "\\' OR 1=1; --",
  "admin'--",
  '1; SELECT * FROM sessions',
];

let server: TestServer;
let admin: Member;
let supervisorA: Member;
let peerA: Member;
let peerB: Member;
let leader: Member;
let teamA: string;
let secretId: string;
const statuses: string[] = [];

/** A request as `who`; records any 500. */
async function call(who: Member | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}) {
  const r = await server.app.inject({
    method: method as 'GET',
    url,
    ...(payload === undefined ? {} : { payload: payload as string }),
    headers: { ...(who?.headers ?? {}), ...headers },
  });
  if (r.statusCode >= 500) statuses.push(`${r.statusCode} ${method} ${url}: ${r.body}`);
  return r;
}

async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const name of [...(await listTables(server.app.db)), 'kysely_migration']) {
    const r = await sql<{ n: number }>`select count(*) as n from ${sql.table(name)}`.execute(server.app.db);
    out[name] = r.rows[0]?.n ?? -1;
  }
  return out;
}

beforeAll(async () => {
  server = await startServer({ demo: false, rateLimit: 0 });
  admin = await setupAdmin(server.app);
  teamA = await createTeam(server.app, admin, 'Team A');
  const teamB = await createTeam(server.app, admin, 'Team B');
  supervisorA = await addMember(server.app, admin, 'sup-a', 'supervisor', teamA);
  peerA = await addMember(server.app, admin, 'peer-a', 'peer', teamA);
  peerB = await addMember(server.app, admin, 'peer-b', 'peer', teamB);
  leader = await addMember(server.app, admin, 'leader', 'leader');
  const r = await call(peerA, 'POST', '/api/documents', {
    title: 'SECRET of peer A',
    kind: 'note',
    text: 'SECRET: we talked about her week.',
    writtenAt: '2025-03-01',
  });
  expect(r.statusCode).toBe(201);
  secretId = (r.json() as { id: string }).id;
});
afterAll(() => server.close());

const enc = encodeURIComponent;

describe('SQL injection through every input', () => {
  it('ids in paths: 4xx, never 500, never another member’s data', async () => {
    const before = await counts();
    for (const x of INJECTIONS) {
      const id = enc(x);
      for (const [method, url, payload] of [
        ['GET', `/api/documents/${id}`],
        ['GET', `/api/documents/${id}/report?format=html`],
        ['PUT', `/api/documents/${id}`, { title: 'changed' }],
        ['DELETE', `/api/documents/${id}`],
        ['GET', `/api/card-sorts/${id}`],
        ['GET', `/api/card-sorts/${id}/map`],
        ['GET', `/api/card-sorts/${id}/guide`],
        ['PUT', `/api/card-sorts/${id}`, { status: 'closed' }],
        ['PUT', `/api/card-sorts/${id}/placements/${id}`, { placement: 'peer' }],
        ['GET', `/api/imports/${id}`],
        ['GET', `/api/imports/${id}/values?column=${id}`],
        ['PUT', `/api/imports/${id}/mapping`, { textColumn: x }],
        ['POST', `/api/imports/${id}/commit`],
        ['PUT', `/api/program-tasks/${id}`, { text: 'changed' }],
        ['DELETE', `/api/program-tasks/${id}`],
        ['DELETE', `/api/training/me/trainings/${id}`],
      ] as const) {
        for (const who of [peerB, supervisorA, admin]) {
          const r = await call(who, method, url, payload);
          expect(r.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
          expect(r.body, `${method} ${url}`).not.toContain('SECRET');
        }
      }
      for (const [method, url, payload] of [
        ['GET', `/api/teams/${id}`],
        ['PATCH', `/api/teams/${id}`, { name: 'changed' }],
        ['PATCH', `/api/members/${id}`, { name: 'changed' }],
        ['DELETE', `/api/invitations/${id}`],
        ['DELETE', `/api/people/${id}/data`],
      ] as const) {
        const r = await call(admin, method, url, payload);
        expect(r.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      }
      expect((await call(null, 'GET', `/api/invitations/${id}`)).statusCode).toBeGreaterThanOrEqual(400);
      expect(
        (await call(null, 'POST', `/api/invitations/${id}`, { username: 'newbie', password: 'a long test password' })).statusCode,
      ).toBeGreaterThanOrEqual(400);
    }
    expect(statuses).toEqual([]);
    expect(await counts()).toEqual(before);
    // the secret is still there, and still only peer A's (and their supervisor's)
    expect((await call(peerA, 'GET', `/api/documents/${secretId}`)).statusCode).toBe(200);
    expect((await call(supervisorA, 'GET', `/api/documents/${secretId}`)).statusCode).toBe(200);
    expect((await call(peerB, 'GET', `/api/documents/${secretId}`)).statusCode).toBe(404);
  }, 60_000);

  it('query parameters: drift ?member= and ?team=, reflections, task lists, audit paging, report format', async () => {
    for (const x of INJECTIONS) {
      const q = enc(x);
      for (const who of [peerB, supervisorA, leader, admin]) {
        for (const url of [
          `/api/drift?member=${q}`,
          `/api/drift?team=${q}`,
          `/api/drift?member=${peerA.id}%27%20OR%201%3D1%20--`,
          `/api/reflections?member=${q}`,
          `/api/reflections?member=${q}&month=2025-03`,
          `/api/program-tasks?teamId=${q}`,
          `/api/audit?page=${q}`,
          `/api/audit?page=1&pageSize=${q}`,
          `/api/documents?search=${q}&page=${q}&limit=${q}`,
          `/api/documents/${secretId}/report?format=${q}`,
        ]) {
          const r = await call(who, 'GET', url);
          // supervisor A may read peer A's notes in their list; nobody else sees them anywhere
          if (who !== supervisorA || !url.startsWith('/api/documents?')) expect(r.body, `${who.username} ${url}`).not.toContain('SECRET');
          if (url.includes('member=') || url.includes('team=')) expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
        }
      }
      const put = await call(peerB, 'PUT', `/api/reflections?member=${q}&month=2025-03`, { text: x });
      expect(put.statusCode).toBeGreaterThanOrEqual(400);
    }
    expect(statuses).toEqual([]);
    // peer B's list holds only peer B's documents whatever the query says
    const list = (await call(peerB, 'GET', `/api/documents?search=${enc("' OR 1=1 --")}`)).json() as { documents: unknown[] };
    expect(JSON.stringify(list)).not.toContain('SECRET');
  }, 60_000);

  it('bodies: titles, names, usernames, texts are stored exactly as sent, and the tables stay intact', async () => {
    const tablesBefore = Object.keys(await counts());
    for (const x of INJECTIONS) {
      // a document's title and text
      const doc = await call(peerB, 'POST', '/api/documents', { title: x, kind: 'note', text: `${x}\nWe met at the park.` });
      expect(doc.statusCode, x).toBe(201);
      const id = (doc.json() as { id: string }).id;
      const back = (await call(peerB, 'GET', `/api/documents/${id}`)).json() as { title: string; text: string };
      expect(back.title).toBe(x.trim());
      expect(back.text.startsWith(x)).toBe(true);
      const upd = await call(peerB, 'PUT', `/api/documents/${id}`, { title: `${x} (2)` });
      expect(upd.statusCode).toBe(200);
      // team, invitation and member names
      const team = await call(admin, 'POST', '/api/teams', { name: `${x} team` });
      expect(team.statusCode, x).toBe(201);
      const teamId = (team.json() as { id: string }).id;
      expect((await call(admin, 'PATCH', `/api/teams/${teamId}`, { name: `${x} renamed` })).statusCode).toBe(200);
      const inv = await call(admin, 'POST', '/api/invitations', { name: x, role: 'peer', teamId: null });
      expect(inv.statusCode, x).toBe(201);
      expect((await call(admin, 'PATCH', `/api/members/${peerB.id}`, { name: x })).statusCode).toBe(200);
      // usernames are refused by their pattern, at sign-in as at sign-up
      const login = await call(null, 'POST', '/api/login', { username: x, password: x.padEnd(12, 'x') });
      expect([400, 401, 429]).toContain(login.statusCode);
      const token = (inv.json() as { link: string }).link.replace('/invite/', '');
      expect((await call(null, 'POST', `/api/invitations/${token}`, { username: x, password: 'a long test password' })).statusCode).toBe(
        400,
      );
      // card sorts, tasks, trainings, certifications, reflections
      expect((await call(supervisorA, 'POST', '/api/card-sorts', { title: x })).statusCode, x).toBe(201);
      expect((await call(leader, 'POST', '/api/program-tasks', { text: x, assignedTo: 'peer', teamId: null })).statusCode, x).toBe(201);
      expect(
        (await call(peerB, 'POST', '/api/training/me/trainings', { area: x.slice(0, 60), title: x, completedOn: '2026-01-15' })).statusCode,
      ).toBeLessThan(500);
      expect((await call(peerB, 'POST', '/api/training/me/certifications', { state: x, number: x })).statusCode, x).toBe(201);
      expect((await call(peerB, 'PUT', '/api/reflections?month=2025-03', { text: x })).statusCode, x).toBe(200);
    }
    // the member name round-trips
    const members = (await call(admin, 'GET', '/api/members')).json() as { members: { id: string; name: string }[] };
    expect(members.members.find((m) => m.id === peerB.id)?.name).toBe(INJECTIONS[INJECTIONS.length - 1]);
    expect(statuses).toEqual([]);
    expect(Object.keys(await counts())).toEqual(tablesBefore);
    // peer B still sees only their own documents
    const list = (await call(peerB, 'GET', '/api/documents')).json() as { documents: { title: string }[] };
    expect(list.documents.length).toBe(INJECTIONS.length);
    expect(JSON.stringify(list)).not.toContain('SECRET');
  }, 60_000);

  it('imports: injection in the file name, the column names, the values, the mapping and the author values', async () => {
    const before = Object.keys(await counts());
    const header = ['date', "' OR 1=1 --", '"; DROP TABLE documents; --', 'author'];
    const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const rows = INJECTIONS.map((x, i) =>
      [`2025-0${(i % 9) + 1}-02`, `${x} we met at the park`, x, i % 2 ? x : 'peer-a'].map(quote).join(','),
    );
    const csv = `${header.map(quote).join(',')}\n${rows.join('\n')}\n`;
    const up = await call(admin, 'POST', '/api/imports', csv, {
      'content-type': 'application/octet-stream',
      'x-file-name': enc("'; DROP TABLE imports; --.csv"),
    });
    expect(up.statusCode, up.body).toBe(201);
    const id = (up.json() as { id: string }).id;
    for (const column of [...header, ...INJECTIONS]) {
      const r = await call(admin, 'GET', `/api/imports/${id}/values?column=${enc(column)}`);
      expect(r.statusCode, column).toBeLessThan(500);
    }
    const authors = Object.fromEntries(INJECTIONS.map((x) => [x, x]));
    const bad = await call(admin, 'PUT', `/api/imports/${id}/mapping`, {
      textColumn: "' OR 1=1 --",
      dateColumn: 'date',
      authorColumn: 'author',
      authors,
      defaultAuthor: "' OR 1=1 --",
    });
    expect(bad.statusCode).toBeLessThan(500);
    const map = await call(admin, 'PUT', `/api/imports/${id}/mapping`, { textColumn: "' OR 1=1 --", dateColumn: 'date' });
    expect(map.statusCode, map.body).toBe(200);
    const commit = await call(admin, 'POST', `/api/imports/${id}/commit?batch=${enc('1; DROP TABLE documents')}`);
    expect(commit.statusCode).toBe(400);
    const done = await call(admin, 'POST', `/api/imports/${id}/commit?batch=500`);
    expect(done.statusCode, done.body).toBe(200);
    const docs = (await call(admin, 'GET', '/api/documents')).json() as { documents: { title: string }[] };
    expect(docs.documents.length).toBe(INJECTIONS.length);
    expect(JSON.stringify(docs)).not.toContain('SECRET');
    expect(statuses).toEqual([]);
    expect(Object.keys(await counts())).toEqual(before);
  }, 60_000);
});
