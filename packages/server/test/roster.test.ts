/**
 * Drift and team pages (issue 13): a range of months applied to the drift months, tables and
 * signal; and the roster at a glance: a supervisor sees each person of their team (last note,
 * months with notes, drift status), a leader or admin each team as aggregates, with a team where
 * fewer than 3 people wrote hidden; a peer none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../src/auth/sessions.js';
import { insertDocument } from '../src/features/documents/service.js';
import { startServer, type TestServer } from './helpers.js';
import { makeMember, makeTeam, type Member } from './members.js';

let server: TestServer;
const ids: Record<string, string> = {};
let demoTeam = '';
let smallTeam = '';
let leader: Member;
let admin: Member;

async function demo(username: string): Promise<Member> {
  const id = ids[username] as string;
  const { token, csrf } = await createSession(server.app.db, id);
  return {
    id,
    username,
    inject: (o) =>
      server.app.inject({
        ...o,
        headers: {
          ...(o.headers ?? {}),
          cookie: `peerlens_session=${token}`,
          ...((o.method ?? 'GET') === 'GET' ? {} : { 'x-csrf-token': csrf }),
        },
      }),
  };
}

interface Row {
  id: string;
  name: string;
  role: string | null;
  people: number | null;
  lastNote: string | null;
  monthsWithNotes: number;
  signal: { kind: string; title: string };
  hidden: boolean;
}

beforeAll(async () => {
  const { seedDemo } = await import('../src/features/demo/service.js');
  server = await startServer({ demo: false });
  await seedDemo(server.app.db, () => undefined);
  for (const u of await server.app.db.selectFrom('users').select(['id', 'username', 'team_id']).execute()) {
    ids[u.username] = u.id;
    if (u.username === 'demo-jordan') demoTeam = u.team_id as string;
  }
  leader = await makeMember(server.app, 'leader', null);
  admin = await makeMember(server.app, 'admin', null);
  // a team of two peers, each with notes in the same months: never shown to a leader or admin
  smallTeam = await makeTeam(server.app, 'Two-person team');
  for (const n of [1, 2]) {
    const p = await makeMember(server.app, 'peer', smallTeam, `Small ${n}`);
    for (const m of ['2025-01', '2025-02', '2025-03', '2025-04'])
      await insertDocument(
        server.app.db,
        {
          title: 'n',
          kind: 'note',
          text: 'Client was noncompliant with medication again this week. We met at the library.',
          writtenAt: `${m}-05`,
        },
        new Date(),
        { authorId: p.id, teamId: smallTeam },
      );
  }
});
afterAll(() => server.close());

describe('a range of months on the drift page', () => {
  it('applies to the months, the tables and the signal', async () => {
    const jordan = await demo('demo-jordan');
    const full = (await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}` })).json();
    expect(full.months).toHaveLength(12);
    expect(full.status.kind).toBe('signal');
    const months: string[] = full.months.map((m: { month: string }) => m.month);

    const early = await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}&from=${months[0]}&to=${months[2]}` });
    expect(early.statusCode).toBe(200);
    const e = early.json();
    expect(e.months.map((m: { month: string }) => m.month)).toEqual(months.slice(0, 3));
    // three months are too few to judge: the signal of the whole year is not claimed for them
    expect(e.signal).toBeNull();
    expect(e.status.kind).toBe('too-little');

    // the recent half alone still drifts, and the signal names only those months
    const late = (await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}&from=${months[6]}` })).json();
    expect(late.months.map((m: { month: string }) => m.month)).toEqual(months.slice(6));
    expect(late.signal?.months.every((m: string) => m >= (months[6] as string))).toBe(true);

    // a team's drift takes the range too
    const team = (await jordan.inject({ url: `/api/drift?team=${demoTeam}&to=${months[1]}` })).json();
    expect(team.months.map((m: { month: string }) => m.month)).toEqual(months.slice(0, 2));
  });

  it('refuses a range that ends before it starts, or a month that is not YYYY-MM', async () => {
    const jordan = await demo('demo-jordan');
    const r = await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}&from=2026-05&to=2026-01` });
    expect(r.statusCode).toBe(400);
    expect((await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}&from=May` })).statusCode).toBe(400);
  });
});

describe('the roster at a glance', () => {
  it('shows a supervisor each person of their team: last note, months with notes and drift status', async () => {
    const jordan = await demo('demo-jordan');
    const r = await jordan.inject({ url: '/api/drift/roster' });
    expect(r.statusCode).toBe(200);
    const roster = r.json() as { kind: string; rows: Row[] };
    expect(roster.kind).toBe('people');
    expect(roster.rows.map((x) => x.name)).toEqual(['Alex Rivera', 'Casey Morgan', 'Robin Lee', 'Jordan Ellis']);
    const alex = roster.rows[0] as Row;
    expect(alex.monthsWithNotes).toBe(12);
    expect(alex.lastNote).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(alex.signal).toEqual({ kind: 'signal', title: 'Something to talk about together' });
    expect(roster.rows[1]?.signal.kind).toBe('steady');
    // the supervisor writes no notes themselves
    expect(roster.rows[3]).toMatchObject({ lastNote: null, monthsWithNotes: 0, signal: { kind: 'too-little' } });
    // no one outside the team
    expect(roster.rows.some((x) => x.name.startsWith('Small'))).toBe(false);

    // the last note is the latest of that person's notes
    const latest = await server.app.db
      .selectFrom('documents')
      .select('written_at')
      .where('author_id', '=', ids['demo-alex'] as string)
      .orderBy('written_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(alex.lastNote).toBe(latest.written_at?.slice(0, 10));
  });

  it('takes the same range of months', async () => {
    const jordan = await demo('demo-jordan');
    const months: string[] = (await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}` }))
      .json()
      .months.map((m: { month: string }) => m.month);
    const r = (await jordan.inject({ url: `/api/drift/roster?from=${months[0]}&to=${months[2]}` })).json() as { rows: Row[] };
    const alex = r.rows.find((x) => x.name === 'Alex Rivera') as Row;
    expect(alex.monthsWithNotes).toBe(3);
    expect(alex.lastNote?.slice(0, 7)).toBe(months[2]);
    expect(alex.signal.kind).toBe('too-little');
  });

  it('shows leaders and admins teams, never a team where fewer than 3 people wrote, and peers nothing', async () => {
    for (const who of [leader, admin]) {
      const r = (await who.inject({ url: '/api/drift/roster' })).json() as { kind: string; rows: Row[]; minPeople: number };
      expect(r.kind).toBe('teams');
      expect(r.minPeople).toBe(3);
      const riverside = r.rows.find((x) => x.id === demoTeam) as Row;
      expect(riverside).toMatchObject({ name: 'Riverside peer team', people: 4, hidden: false, role: null });
      expect(riverside.monthsWithNotes).toBe(12);
      expect(riverside.lastNote).toMatch(/^\d{4}-\d{2}$/);
      const small = r.rows.find((x) => x.id === smallTeam) as Row;
      expect(small).toMatchObject({ hidden: true, lastNote: null, monthsWithNotes: 0, signal: { kind: 'too-little' } });
      // no person's name or id appears in a leader's roster
      expect(JSON.stringify(r)).not.toContain('Alex');
      expect(JSON.stringify(r)).not.toContain(ids['demo-alex']);
    }
    const alex = await demo('demo-alex');
    expect((await alex.inject({ url: '/api/drift/roster' })).statusCode).toBe(403);
  });
});
