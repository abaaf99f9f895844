/**
 * Every route of /api/openapi.json × anonymous, peer, supervisor, leader, admin: the status each
 * gets, from the table in access-table.ts. Requests are sent as the pages send them (session
 * cookie and CSRF token), so a 403 here is the role check, not a missing token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, WHO, type MemberWho, type World } from './access-table.js';
import { addMember, createTeam, invite, login, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

let server: TestServer;
let world: World;
let openapiRoutes: string[] = [];

beforeAll(async () => {
  server = await startServer({ demo: false });
  const app = server.app;
  const admin = await setupAdmin(app);
  const teamA = await createTeam(app, admin, 'Team A');
  const teamB = await createTeam(app, admin, 'Team B');
  const peer = await addMember(app, admin, 'peer', 'peer', teamA, 'Pat Peer');
  const supervisor = await addMember(app, admin, 'supervisor', 'supervisor', teamA, 'Sam Supervisor');
  const leader = await addMember(app, admin, 'leader', 'leader', teamA, 'Lee Leader');
  const otherPeer = await addMember(app, admin, 'other', 'peer', teamB, 'Olu Other');
  let n = 0;
  world = {
    app,
    members: { peer, supervisor, leader, admin },
    otherPeer,
    teamA,
    teamB,
    unique: () => `${++n}`,
    async note(author: Member) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: author.headers,
        payload: { title: `Note ${++n}`, kind: 'note', text: 'We met and planned the week together.' },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
    async invitation() {
      const token = await invite(app, admin, 'Invited', 'peer', teamA);
      const list = (await app.inject({ url: '/api/invitations', headers: admin.headers })).json() as { invitations: { id: string }[] };
      return { id: list.invitations[0]?.id ?? '', token };
    },
    team: () => createTeam(app, admin, `Team ${++n}`),
    session: (who: MemberWho) => login(app, world.members[who].username),
    async cardSort(team: 'A' | 'B', status: 'open' | 'closed' = 'open') {
      const opener = team === 'A' ? supervisor : leader;
      const r = await app.inject({
        method: 'POST',
        url: '/api/card-sorts',
        headers: opener.headers,
        payload: { title: `Sort ${++n}`, teamId: team === 'A' ? teamA : teamB },
      });
      expect(r.statusCode).toBe(201);
      const id = (r.json() as { id: string }).id;
      if (status === 'closed') {
        const c = await app.inject({ method: 'PUT', url: `/api/card-sorts/${id}`, headers: opener.headers, payload: { status } });
        expect(c.statusCode).toBe(200);
      }
      return id;
    },
    async programTask() {
      const r = await app.inject({
        method: 'POST',
        url: '/api/program-tasks',
        headers: leader.headers,
        payload: { text: `Run the weekly recovery group ${++n}`, assignedTo: 'peer', teamId: teamA },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { tasks: { id: string }[] }).tasks[0]?.id ?? '';
    },
    async importOf(by: Member, options: { mapped?: boolean } = {}) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...by.headers, 'content-type': 'application/octet-stream', 'x-file-name': `notes-${++n}.csv` },
        payload: Buffer.from(`date,note\n2025-01-05,We met at the park and she chose where to walk (${n}).\n`),
      });
      expect(r.statusCode).toBe(201);
      const id = (r.json() as { id: string }).id;
      if (options.mapped) {
        const m = await app.inject({
          method: 'PUT',
          url: `/api/imports/${id}/mapping`,
          headers: by.headers,
          payload: { textColumn: 'note', dateColumn: 'date' },
        });
        expect(m.statusCode).toBe(200);
      }
      return id;
    },
    async training(member: Member) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/training/me/trainings',
        headers: member.headers,
        payload: { area: 'crisis', title: `Crisis course ${++n}`, completedOn: '2026-01-15' },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
  };
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  openapiRoutes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
});
afterAll(() => server.close());

describe('the role × route matrix', () => {
  it('has a row for every route in the OpenAPI document, and no row for a route it lacks', () => {
    const rows = new Set(ACCESS_TABLE.map((r) => `${r.method} ${r.path}`));
    expect(
      openapiRoutes.filter((r) => !rows.has(r)),
      'routes without a row in test/access-table.ts',
    ).toEqual([]);
    expect(
      [...rows].filter((r) => !openapiRoutes.includes(r)),
      'rows for routes not in the OpenAPI document',
    ).toEqual([]);
  });

  for (const row of ACCESS_TABLE) {
    it(`${row.method} ${row.path}${row.case ? ` (${row.case})` : ''}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const call = await row.call(world, who);
        const session = who === 'anonymous' ? {} : world.members[who].headers;
        const headers = { ...(call.replaceHeaders ? {} : session), ...call.headers };
        const r = await world.app.inject({
          method: row.method,
          url: call.url,
          headers,
          ...(call.payload === undefined ? {} : { payload: call.payload as object }),
        });
        got[who] = r.statusCode;
        // every refusal is in the one error shape
        if (r.statusCode >= 400) expect((r.json() as { error: { code: string } }).error.code).toEqual(expect.any(String));
      }
      expect(got).toEqual(row.expect);
    });
  }
});
