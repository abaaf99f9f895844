/** Issue 5's team learning, role design and training routes, in-process, with members made directly in the database. */
import { rmSync } from 'node:fs';
import { analyze, DIMENSIONS, TRAINING_THEMES } from '@peerlens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, newId } from '../src/auth/sessions.js';
import type { MemberRole } from '../src/db/types.js';
import { ANONYMITY_MIN, discussionGuide, orderFor, STATEMENTS, teamMap } from '../src/features/card-sorts/service.js';
import { daysUntil, reminderFor, suggestAreas } from '../src/features/training/service.js';
import { taskLines } from '../src/features/program-tasks/routes.js';
import type { Kysely } from 'kysely';
import { migrate, openDatabase } from '../src/db/database.js';
import { learning } from '../src/db/migrations/005-learning.js';
import { startServer, tempDir, type TestServer } from './helpers.js';

let server: TestServer;
interface Member {
  id: string;
  role: MemberRole;
  teamId: string | null;
  token: string;
  csrf: string;
}
const m: Record<string, Member> = {};
let teamA = '';
let teamB = '';

async function team(name: string): Promise<string> {
  const id = newId();
  await server.app.db.insertInto('teams').values({ id, name, created_at: new Date().toISOString() }).execute();
  return id;
}

async function member(key: string, role: MemberRole, teamId: string | null): Promise<Member> {
  const id = newId();
  await server.app.db
    .insertInto('users')
    .values({
      id,
      username: key,
      name: `Member ${key}`,
      role,
      team_id: teamId,
      password_hash: null,
      created_at: new Date().toISOString(),
      disabled_at: null,
    })
    .execute();
  const s = await createSession(server.app.db, id);
  return (m[key] = { id, role, teamId, ...s });
}

function call(who: string | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) {
  const u = who === null ? undefined : m[who];
  return server.app.inject({
    method,
    url,
    ...(u ? { cookies: { peerlens_session: u.token }, headers: method === 'GET' ? {} : { 'x-csrf-token': u.csrf } } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

beforeAll(async () => {
  server = await startServer({ demo: false });
  teamA = await team('Harbor team');
  teamB = await team('Hill team');
  await member('peerA', 'peer', teamA);
  await member('peerA2', 'peer', teamA);
  await member('supA', 'supervisor', teamA);
  await member('peerB', 'peer', teamB);
  await member('supB', 'supervisor', teamB);
  await member('leader', 'leader', null);
  await member('admin', 'admin', null);
});
afterAll(() => server.close());

describe('card sort statements', () => {
  it('are the framework views, one per dimension and column the chart fills', () => {
    const expected = DIMENSIONS.flatMap((d) =>
      (['peer', 'overlap', 'clinical'] as const).filter((c) => d.views[c]).map((c) => `${d.id}:${c}`),
    );
    expect(STATEMENTS.map((s) => s.id)).toEqual(expected);
    expect(STATEMENTS.length).toBe(24);
    for (const s of STATEMENTS) expect(s.cite.length).toBeGreaterThan(0);
  });

  it('come in an order of each member’s own, the same on every visit', () => {
    const a = orderFor('sort-1', 'user-1').map((s) => s.id);
    expect(orderFor('sort-1', 'user-1').map((s) => s.id)).toEqual(a);
    expect(orderFor('sort-1', 'user-2').map((s) => s.id)).not.toEqual(a);
    expect([...a].sort()).toEqual(STATEMENTS.map((s) => s.id).sort());
  });
});

describe('the team map and the discussion guide (pure)', () => {
  it('hides counts until enough members have placed a statement', () => {
    const rows = teamMap([
      { statement_id: 'relationship:peer', placement: 'peer' },
      { statement_id: 'relationship:peer', placement: 'clinical' },
    ]);
    const r = rows.find((x) => x.statement.id === 'relationship:peer');
    expect(ANONYMITY_MIN).toBe(3);
    expect(r).toMatchObject({ placed: 2, shown: false, counts: null, spread: null, offChart: null });
  });

  it('puts the most divided first (spread, then placements away from the chart), and leaves out those all agree on with the chart', () => {
    const p = (statement_id: string, ...placements: ('peer' | 'overlap' | 'clinical')[]) =>
      placements.map((placement) => ({ statement_id, placement }));
    const rows = teamMap([
      ...p('relationship:peer', 'peer', 'peer', 'peer'), // all agree with the chart
      ...p('stance:peer', 'peer', 'overlap', 'clinical'), // spread evenly
      ...p('choice:peer', 'clinical', 'clinical', 'clinical'), // all agree, but away from the chart
      ...p('sharing:overlap', 'overlap', 'overlap', 'peer'), // a little divided
    ]);
    const guide = discussionGuide(rows);
    expect(guide.map((g) => g.statement.id)).toEqual(['stance:peer', 'choice:peer', 'sharing:overlap']);
    expect(guide[0]?.why).toMatch(/1 peer, 1 shared \(overlap\), 1 clinical/);
    expect(guide[1]?.why).toMatch(/3 of 3 placements differ/);
    expect(guide[0]?.questions).toContain(DIMENSIONS.find((d) => d.id === 'stance')?.question);
    expect(guide[0]?.framework).toMatch(/peer column of “Stance”/);
    expect(rows.find((r) => r.statement.id === 'stance:peer')?.spread).toBe(1);
    expect(rows.find((r) => r.statement.id === 'relationship:peer')?.spread).toBe(0);
  });

  it('words its guide without devaluing language', () => {
    const rows = teamMap(
      STATEMENTS.flatMap((s) => (['peer', 'overlap', 'clinical'] as const).map((placement) => ({ statement_id: s.id, placement }))),
    );
    const text = discussionGuide(rows, 100)
      .flatMap((g) => [g.why, ...g.questions])
      .join('\n');
    expect(analyze(text).findings.filter((f) => f.category === 'language')).toEqual([]);
  });
});

describe('/api/card-sorts', () => {
  let sortId = '';

  it('asks who you are', async () => {
    expect((await call(null, 'GET', '/api/card-sorts')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/card-sorts', { title: 'x' })).statusCode).toBe(401);
  });

  it('a peer cannot open a sort; a supervisor opens one for their team', async () => {
    expect((await call('peerA', 'POST', '/api/card-sorts', { title: 'Spring' })).statusCode).toBe(403);
    expect((await call('admin', 'POST', '/api/card-sorts', { title: 'Spring', teamId: teamA })).statusCode).toBe(403);
    expect((await call('supA', 'POST', '/api/card-sorts', { title: 'Spring', teamId: teamB })).statusCode).toBe(403);
    const r = await call('supA', 'POST', '/api/card-sorts', { title: 'Spring' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({
      teamId: teamA,
      teamName: 'Harbor team',
      status: 'open',
      canManage: true,
      canPlace: true,
      statements: 24,
    });
    sortId = r.json().id;
  });

  it('needs the CSRF token to change anything', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/card-sorts',
      cookies: { peerlens_session: m.supA!.token },
      payload: { title: 'x' },
    });
    expect(r.statusCode).toBe(403);
  });

  it('a leader opens one for any team, naming it', async () => {
    expect((await call('leader', 'POST', '/api/card-sorts', { title: 'Hill' })).statusCode).toBe(400);
    expect((await call('leader', 'POST', '/api/card-sorts', { title: 'Hill', teamId: 'nope' })).statusCode).toBe(404);
    const r = await call('leader', 'POST', '/api/card-sorts', { title: 'Hill', teamId: teamB });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ canManage: true, canPlace: false });
  });

  it('lists a team its own sorts, and a leader or admin every sort', async () => {
    const titles = async (who: string) =>
      ((await call(who, 'GET', '/api/card-sorts')).json().sorts as { title: string }[]).map((s) => s.title).sort();
    expect(await titles('peerA')).toEqual(['Spring']);
    expect(await titles('peerB')).toEqual(['Hill']);
    expect(await titles('leader')).toEqual(['Hill', 'Spring']);
    expect(await titles('admin')).toEqual(['Hill', 'Spring']);
    expect((await call('supA', 'GET', '/api/card-sorts')).json().teams).toEqual([{ id: teamA, name: 'Harbor team' }]);
    expect((await call('leader', 'GET', '/api/card-sorts')).json().teams).toHaveLength(2);
    expect((await call('peerA', 'GET', '/api/card-sorts')).json().teams).toEqual([]);
  });

  it('gives each member their cards in their own order, and hides the sort from other teams', async () => {
    const a = (await call('peerA', 'GET', `/api/card-sorts/${sortId}`)).json();
    const b = (await call('peerA2', 'GET', `/api/card-sorts/${sortId}`)).json();
    expect(a.cards).toHaveLength(24);
    expect(a.cards.map((c: { id: string }) => c.id)).not.toEqual(b.cards.map((c: { id: string }) => c.id));
    expect(a.placements).toEqual({});
    expect((await call('peerB', 'GET', `/api/card-sorts/${sortId}`)).statusCode).toBe(404);
    expect((await call('peerB', 'GET', `/api/card-sorts/${sortId}/map`)).statusCode).toBe(404);
    const leader = (await call('leader', 'GET', `/api/card-sorts/${sortId}`)).json();
    expect(leader.cards).toEqual([]);
  });

  it('saves placements as members go, one per member and statement', async () => {
    let r = await call('peerA', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'clinical' });
    expect(r.statusCode).toBe(200);
    r = await call('peerA', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'peer' });
    expect(r.json()).toEqual({ statementId: 'stance:peer', placement: 'peer', myPlaced: 1, statements: 24 });
    expect((await call('peerA', 'GET', `/api/card-sorts/${sortId}`)).json().placements).toEqual({ 'stance:peer': 'peer' });
    expect((await call('peerA', 'PUT', `/api/card-sorts/${sortId}/placements/nothing:peer`, { placement: 'peer' })).statusCode).toBe(404);
    expect((await call('peerA', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'maybe' })).statusCode).toBe(400);
    expect((await call('leader', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'peer' })).statusCode).toBe(403);
  });

  it('shows no counts for a statement fewer than three members have placed', async () => {
    let map = (await call('supA', 'GET', `/api/card-sorts/${sortId}/map`)).json();
    const row = map.rows.find((r: { statement: { id: string } }) => r.statement.id === 'stance:peer');
    expect(row).toMatchObject({ placed: 1, shown: false, counts: null });
    expect(map.anonymityMin).toBe(3);
    // two: still hidden (either could read the other's choice from the counts)
    await call('peerA2', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'clinical' });
    map = (await call('leader', 'GET', `/api/card-sorts/${sortId}/map`)).json();
    expect(map.rows.find((r: { statement: { id: string } }) => r.statement.id === 'stance:peer')).toMatchObject({
      placed: 2,
      shown: false,
      counts: null,
    });
    expect(JSON.stringify(map)).not.toContain(m.peerA!.id);
    expect(JSON.stringify(map)).not.toContain('Member peerA');
  });

  it('shows counts once three have, and the guide takes the most divided', async () => {
    await call('supA', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'clinical' });
    for (const who of ['peerA', 'peerA2', 'supA'])
      await call(who, 'PUT', `/api/card-sorts/${sortId}/placements/relationship:peer`, { placement: 'peer' });
    const map = (await call('leader', 'GET', `/api/card-sorts/${sortId}/map`)).json();
    const row = (id: string) => map.rows.find((r: { statement: { id: string } }) => r.statement.id === id);
    expect(row('stance:peer')).toMatchObject({ placed: 3, shown: true, counts: { peer: 1, overlap: 0, clinical: 2 }, offChart: 0.667 });
    expect(row('relationship:peer')).toMatchObject({ shown: true, spread: 0, offChart: 0 });
    expect(map.mostDivided).toEqual(['stance:peer']);
    expect(map.sort.participants).toBe(3);
    const guide = (await call('peerA', 'GET', `/api/card-sorts/${sortId}/guide`)).json();
    expect(guide.items.map((g: { statement: { id: string } }) => g.statement.id)).toEqual(['stance:peer']);
    expect(guide.items[0].statement.cite[0].sourceName).toMatch(/Deegan/);
  });

  it('a peer cannot close it; its supervisor can, and then placements stop', async () => {
    expect((await call('peerA', 'PUT', `/api/card-sorts/${sortId}`, { status: 'closed' })).statusCode).toBe(403);
    expect((await call('supB', 'PUT', `/api/card-sorts/${sortId}`, { status: 'closed' })).statusCode).toBe(404);
    const r = await call('supA', 'PUT', `/api/card-sorts/${sortId}`, { status: 'closed' });
    expect(r.json().status).toBe('closed');
    expect((await call('peerA', 'PUT', `/api/card-sorts/${sortId}/placements/stance:peer`, { placement: 'overlap' })).statusCode).toBe(409);
    expect((await call('leader', 'PUT', `/api/card-sorts/${sortId}`, { status: 'open' })).json().status).toBe('open');
  });
});

describe('/api/program-tasks', () => {
  const LIST = `- Share lived experience to build hope
- Serve as representative payee for members
- Drive members to appointments and pick up lunch for staff
- Run the weekly recovery group with members`;

  it('splits a pasted list into tasks', () => {
    expect(taskLines('1. One\n\n  * Two \n• Three\nb) Four')).toEqual(['One', 'Two', 'Three', 'Four']);
  });

  it('a peer cannot read or manage task lists; a supervisor reads but cannot change', async () => {
    expect((await call(null, 'GET', '/api/program-tasks')).statusCode).toBe(401);
    expect((await call('peerA', 'GET', '/api/program-tasks')).statusCode).toBe(403);
    expect((await call('peerA', 'POST', '/api/program-tasks', { text: 'x' })).statusCode).toBe(403);
    expect((await call('supA', 'POST', '/api/program-tasks', { text: 'x' })).statusCode).toBe(403);
  });

  let ids: string[] = [];
  it('a leader adds tasks; each is classified and peer conflicts and errands are flagged', async () => {
    const r = await call('leader', 'POST', '/api/program-tasks', { text: LIST, assignedTo: 'peer', teamId: teamA });
    expect(r.statusCode).toBe(201);
    const tasks = r.json().tasks as {
      id: string;
      text: string;
      label: string;
      flagged: boolean;
      result: { suggestions: string[]; reasons: unknown[] };
    }[];
    ids = tasks.map((t) => t.id);
    expect(tasks.map((t) => t.text)).toEqual(LIST.split('\n').map((l) => l.slice(2)));
    const payee = tasks[1]!;
    expect(payee).toMatchObject({ label: 'conflict', flagged: true });
    expect(payee.result.suggestions.length).toBeGreaterThan(0);
    expect(payee.result.reasons.length).toBeGreaterThan(0);
    expect(tasks[2]).toMatchObject({ label: 'errand', flagged: true });
    expect(tasks[0]!.flagged).toBe(false);
    await call('leader', 'POST', '/api/program-tasks', { text: 'Administer medications at the clinic', assignedTo: 'other' });
    await call('admin', 'POST', '/api/program-tasks', { text: 'Act as representative payee', teamId: teamB });
  });

  it('summarises the peer tasks to rethink', async () => {
    const r = (await call('leader', 'GET', `/api/program-tasks?teamId=${teamA}`)).json();
    expect(r.summary).toEqual({
      tasks: 4,
      peerTasks: 4,
      flagged: 2,
      notDuties: 0,
      text: '2 of 4 peer tasks to rethink: 1 conflict and 1 errand.',
    });
    expect(r.canManage).toBe(true);
    const program = (await call('leader', 'GET', '/api/program-tasks?teamId=program')).json();
    expect(program.tasks).toHaveLength(1);
    expect(program.tasks[0]).toMatchObject({ assignedTo: 'other', flagged: false, teamId: null });
    expect((await call('leader', 'GET', '/api/program-tasks')).json().tasks).toHaveLength(6);
  });

  it("a supervisor reads their team's list and the program's, not another team's", async () => {
    const r = (await call('supA', 'GET', '/api/program-tasks')).json();
    expect(r.tasks).toHaveLength(5);
    expect(r.canManage).toBe(false);
    expect((await call('supA', 'GET', `/api/program-tasks?teamId=${teamB}`)).statusCode).toBe(403);
  });

  it('a leader changes and removes tasks; the change is classified again', async () => {
    const r = await call('leader', 'PUT', `/api/program-tasks/${ids[0]}`, { text: 'Drive members to the pharmacy' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ label: 'errand', flagged: true });
    expect((await call('leader', 'PUT', `/api/program-tasks/${ids[1]}`, { assignedTo: 'other' })).json().flagged).toBe(false);
    expect((await call('supA', 'DELETE', `/api/program-tasks/${ids[3]}`)).statusCode).toBe(403);
    expect((await call('leader', 'DELETE', `/api/program-tasks/${ids[3]}`)).statusCode).toBe(204);
    expect((await call('leader', 'DELETE', `/api/program-tasks/${ids[3]}`)).statusCode).toBe(404);
    expect((await call('leader', 'GET', `/api/program-tasks?teamId=${teamA}`)).json().summary.text).toBe(
      '2 of 2 peer tasks to rethink: 2 errands.',
    );
  });

  it('a task saved by an older version (findings without hints) is read again, not refused', async () => {
    const oldTeam = await team('Old results team');
    const now = new Date().toISOString();
    const old = {
      label: 'conflict',
      confidence: 0.9,
      dimensions: [],
      reasons: [],
      suggestions: [],
      findings: [
        {
          category: 'role',
          severity: 'warning',
          ruleId: 'role-rep-payee',
          start: { line: 1, column: 1, offset: 0 },
          end: { line: 1, column: 5, offset: 4 },
          actual: 'x',
          message: 'm',
          expected: ['leave it'],
          note: 'n',
          source: [],
        },
      ],
    };
    await server.app.db
      .insertInto('program_tasks')
      .values({
        id: 'old-task',
        team_id: oldTeam,
        text: 'Serve as representative payee',
        assigned_to: 'peer',
        label: 'conflict',
        result: JSON.stringify(old),
        created_by: m.leader!.id,
        created_at: now,
        updated_at: now,
        seq: 999,
      })
      .execute();
    const r = await call('leader', 'GET', `/api/program-tasks?teamId=${oldTeam}`);
    expect(r.statusCode).toBe(200);
    const [task] = r.json().tasks as { result: { findings: { hints: string[] }[]; suggestions: string[] } }[];
    expect(task!.result.suggestions.length).toBeGreaterThan(0);
    for (const f of task!.result.findings) expect(Array.isArray(f.hints)).toBe(true);
  });

  it('a pasted posting: its summary, qualifications, pay and hours are kept but not counted; a clinical duty is one to rethink', async () => {
    const postingTeam = await team('Posting team');
    const posting = [
      'Position summary: The Peer Support Specialist provides recovery support to adults in our outpatient program.',
      'Responsibilities',
      '- Complete psychiatric intake assessments',
      '- Share lived experience to build hope',
      'Qualifications',
      '- High school diploma or GED required',
      '- Two years of lived experience of recovery',
      'Pay: $18.50 per hour',
      'Full time, 40 hours a week',
    ].join('\n');
    expect((await call('leader', 'POST', '/api/program-tasks', { text: posting, teamId: postingTeam })).statusCode).toBe(201);
    const r = (await call('leader', 'GET', `/api/program-tasks?teamId=${postingTeam}`)).json() as {
      tasks: { text: string; label: string; flagged: boolean; notDuty: string | null; result: { suggestions: string[] } }[];
      summary: { peerTasks: number; flagged: number; notDuties: number; text: string };
    };
    expect(r.tasks.map((t) => t.notDuty)).toEqual([
      'summary',
      'heading',
      null,
      null,
      'heading',
      'qualification',
      'qualification',
      'pay',
      'hours',
    ]);
    const intake = r.tasks.find((t) => t.text === 'Complete psychiatric intake assessments')!;
    expect(intake).toMatchObject({ label: 'clinical', flagged: true });
    expect(intake.result.suggestions[0]).toBe('Leave intake assessment to clinical or intake staff.');
    expect(r.tasks.filter((t) => t.flagged).map((t) => t.text)).toEqual(['Complete psychiatric intake assessments']);
    expect(r.summary).toMatchObject({ peerTasks: 2, flagged: 1, notDuties: 5 });
    expect(r.summary.text).toBe('1 of 2 peer tasks to rethink: 1 clinical duty. Not counted: 5 lines that are not duties.');
  });
});

describe('training: reminders and suggestions (pure)', () => {
  it('reminds when a certification has expired or expires within 60 days', () => {
    expect(daysUntil('2026-03-01', '2026-02-01')).toBe(28);
    expect(reminderFor({ state: 'Ohio', expires_on: '2026-01-31' }, '2026-02-01')).toMatchObject({ kind: 'expired', days: -1 });
    expect(reminderFor({ state: 'Ohio', expires_on: '2026-02-01' }, '2026-02-01')).toMatchObject({ kind: 'expiring', days: 0 });
    expect(reminderFor({ state: 'Ohio', expires_on: '2026-04-02' }, '2026-02-01')).toMatchObject({ kind: 'expiring', days: 60 });
    expect(reminderFor({ state: 'Ohio', expires_on: '2026-04-03' }, '2026-02-01')).toBeNull();
    expect(reminderFor({ state: 'Ohio', expires_on: null }, '2026-02-01')).toBeNull();
    expect(reminderFor(undefined, '2026-02-01')).toBeNull();
  });

  it('suggests areas the notes show a lot of, unless a training is on record', () => {
    const notes = [
      ['We looked at apartments together.', 'She called the landlord.'],
      ['He is worried about eviction.'],
      ['We talked about the rent.', 'Then about his new job.'],
      ['Nothing about that today.'],
    ];
    const s = suggestAreas(notes, new Set());
    expect(s.map((x) => x.area)).toEqual(['housing']);
    expect(s[0]).toMatchObject({ notes: 3, sentences: 4 });
    expect(s[0]?.why).toBe('3 notes in the last 3 months mention housing (4 sentences); no housing training on record.');
    expect(suggestAreas(notes, new Set(['housing']))).toEqual([]);
  });
});

describe("the server's own words", () => {
  it('in reminders, suggestions and summaries use no devaluing language', async () => {
    const { summaryOf } = await import('../src/features/program-tasks/routes.js');
    const texts = [
      reminderFor({ state: 'Ohio', expires_on: '2026-01-01' }, '2026-02-01')?.message,
      reminderFor({ state: 'Ohio', expires_on: '2026-02-10' }, '2026-02-01')?.message,
      ...TRAINING_THEMES.map(
        ({ id, words }) => suggestAreas([[`x ${id}`], [`y ${id}`], [`z ${id}`]], new Set())[0]?.why ?? `${words} training`,
      ),
      summaryOf([{ assigned_to: 'peer', label: 'errand', result: '{}' }]).text,
      summaryOf([]).text,
    ].join('\n');
    expect(analyze(texts).findings.filter((f) => f.category === 'language')).toEqual([]);
  });
});

describe('/api/training', () => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    // peerA's notes: housing in four recent notes, employment in one, and an old housing note that does not count
    const notes = [
      'We walked to see an apartment and talked about what home means to her.',
      'She told me the landlord raised the rent; we planned how she wants to talk to him.',
      'We shared how scary an eviction notice feels, and she chose who to call.',
      'He found a shelter bed and we talked about housing lists. He also asked about a job.',
    ];
    const now = new Date().toISOString();
    for (const [i, text] of notes.entries())
      await server.app.db
        .insertInto('documents')
        .values({
          id: newId(),
          title: `Note ${i}`,
          kind: 'note',
          text,
          analysis: JSON.stringify(analyze(text)),
          profile: null,
          summary: '',
          created_at: now,
          updated_at: now,
          author_id: m.peerA!.id,
          team_id: teamA,
          written_at: day(-10 * i),
          content_hash: null,
        })
        .execute();
    await server.app.db
      .insertInto('documents')
      .values({
        id: newId(),
        title: 'Old',
        kind: 'note',
        text: 'Housing housing housing.',
        analysis: '{}',
        profile: null,
        summary: '',
        created_at: now,
        updated_at: now,
        author_id: m.peerA2!.id,
        team_id: teamA,
        written_at: '2020-01-01',
        content_hash: null,
      })
      .execute();
  });

  it('asks who you are', async () => {
    expect((await call(null, 'GET', '/api/training')).statusCode).toBe(401);
    expect((await call(null, 'POST', '/api/training/me/certifications', { state: 'Ohio' })).statusCode).toBe(401);
  });

  it('a peer records their own certification and trainings, and sees a reminder', async () => {
    let r = await call('peerA', 'POST', '/api/training/me/certifications', { state: 'Ohio', number: 'PS-1234', expiresOn: day(30) });
    expect(r.statusCode).toBe(201);
    expect((await call('peerA', 'POST', '/api/training/me/certifications', { state: 'Ohio', expiresOn: '31/12/2026' })).statusCode).toBe(
      400,
    );
    r = await call('peerA', 'POST', '/api/training/me/trainings', {
      area: 'crisis',
      title: 'Crisis peer support',
      completedOn: day(-40),
      hours: 16,
    });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ area: 'crisis', areaTitle: 'Crisis settings', direction: 'wider', hours: 16 });
    expect(
      (await call('peerA', 'POST', '/api/training/me/trainings', { area: 'juggling', title: 'x', completedOn: day(0) })).statusCode,
    ).toBe(400);
    const d = (await call('peerA', 'GET', '/api/training')).json();
    expect(d.people).toHaveLength(1);
    const me = d.people[0];
    expect(me.certifications).toMatchObject([{ state: 'Ohio', number: 'PS-1234', expiresOn: day(30) }]);
    expect(me.reminders).toMatchObject([{ kind: 'expiring', days: 30 }]);
    expect(me.trainings).toHaveLength(1);
  });

  it('keeps more than one certification per person: add, list (soonest to expire first), change, remove', async () => {
    const add = async (state: string, expiresOn: string | null): Promise<string> => {
      const r = await call('peerA', 'POST', '/api/training/me/certifications', { state, number: `${state}-1`, expiresOn });
      expect(r.statusCode).toBe(201);
      return r.json().id as string;
    };
    const iowa = await add('Iowa', day(-10));
    const maine = await add('Maine', null);
    let me = (await call('peerA', 'GET', '/api/training')).json().people[0];
    expect(me.certifications.map((c: { state: string }) => c.state)).toEqual(['Iowa', 'Ohio', 'Maine']);
    // a reminder for each that has run out or runs out soon, the most urgent first
    expect(me.reminders.map((r: { kind: string; certificationId: string }) => [r.kind, r.certificationId])).toEqual([
      ['expired', iowa],
      ['expiring', me.certifications[1].id],
    ]);
    // renewed: the reminder goes
    expect(
      (
        await call('peerA', 'PUT', `/api/training/me/certifications/${iowa}`, { state: 'Iowa', number: 'Iowa-2', expiresOn: day(400) })
      ).json(),
    ).toMatchObject({ id: iowa, number: 'Iowa-2', expiresOn: day(400) });
    me = (await call('peerA', 'GET', '/api/training')).json().people[0];
    expect(me.reminders.map((r: { kind: string }) => r.kind)).toEqual(['expiring']);
    expect((await call('peerA2', 'DELETE', `/api/training/me/certifications/${maine}`)).statusCode).toBe(404);
    expect((await call('peerA', 'DELETE', `/api/training/me/certifications/${maine}`)).statusCode).toBe(204);
    expect((await call('peerA', 'DELETE', `/api/training/me/certifications/${iowa}`)).statusCode).toBe(204);
    me = (await call('peerA', 'GET', '/api/training')).json().people[0];
    expect(me.certifications.map((c: { state: string }) => c.state)).toEqual(['Ohio']);
  });

  it('suggests housing from the notes, explained, and never quotes a note', async () => {
    const me = (await call('peerA', 'GET', '/api/training')).json().people[0];
    expect(me.suggestions.map((s: { area: string }) => s.area)).toEqual(['housing']);
    expect(me.suggestions[0].why).toMatch(/^4 notes in the last 3 months mention housing .*; no housing training on record\.$/);
    expect(JSON.stringify(me)).not.toContain('landlord');
    await call('peerA', 'POST', '/api/training/me/trainings', { area: 'housing', title: 'Housing first basics', completedOn: day(-1) });
    expect((await call('peerA', 'GET', '/api/training')).json().people[0].suggestions).toEqual([]);
  });

  it("a supervisor reads their team's, with reminders; not another team's", async () => {
    await call('peerA2', 'POST', '/api/training/me/certifications', { state: 'Ohio', number: '9', expiresOn: day(-3) });
    await call('peerB', 'POST', '/api/training/me/certifications', { state: 'Iowa', number: '7', expiresOn: day(-3) });
    const d = (await call('supA', 'GET', '/api/training')).json();
    const names = d.people.map((p: { user: { name: string } }) => p.user.name);
    expect(names).toEqual(['Member supA', 'Member peerA', 'Member peerA2']);
    expect(d.people[2].reminders).toMatchObject([{ kind: 'expired', days: -3 }]);
    expect(d.people[2].suggestions).toEqual([]);
    expect(JSON.stringify(d)).not.toContain('Iowa');
  });

  it('a peer sees only their own, and a leader gets counts only', async () => {
    const d = (await call('peerA2', 'GET', '/api/training')).json();
    expect(d.people.map((p: { user: { name: string } }) => p.user.name)).toEqual(['Member peerA2']);
    expect((await call('peerA', 'GET', '/api/training/summary')).statusCode).toBe(403);
    expect((await call('supA', 'GET', '/api/training/summary')).statusCode).toBe(403);
    const s = (await call('leader', 'GET', '/api/training/summary')).json();
    expect(s).toMatchObject({ peers: 3, certified: 3, expiring: 1, expired: 2 });
    expect(s.byArea).toMatchObject({ crisis: 1, housing: 1, employment: 0 });
    expect((await call('leader', 'GET', '/api/training')).json().people).toHaveLength(1);
  });

  it('removes only your own trainings', async () => {
    const mine = (await call('peerA', 'GET', '/api/training')).json().people[0].trainings[0].id;
    expect((await call('peerA2', 'DELETE', `/api/training/me/trainings/${mine}`)).statusCode).toBe(404);
    expect((await call('peerA', 'DELETE', `/api/training/me/trainings/${mine}`)).statusCode).toBe(204);
    const cert = (await call('peerA', 'GET', '/api/training')).json().people[0].certifications[0].id;
    expect((await call('peerA2', 'DELETE', `/api/training/me/certifications/${cert}`)).statusCode).toBe(404);
    expect((await call('peerA', 'DELETE', `/api/training/me/certifications/${cert}`)).statusCode).toBe(204);
    expect((await call('peerA', 'GET', '/api/training')).json().people[0].certifications).toEqual([]);
  });
});

describe('the OpenAPI document', () => {
  it('lists the learning, role design and training routes', async () => {
    const doc = (await server.app.inject({ url: '/api/openapi.json' })).json();
    for (const p of [
      '/api/card-sorts',
      '/api/card-sorts/{id}/map',
      '/api/card-sorts/{id}/guide',
      '/api/program-tasks',
      '/api/training',
      '/api/training/me/certifications',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});

describe('the access matrix of the learning, role design and training routes', () => {
  const roles = [null, 'peerA', 'supA', 'supB', 'leader', 'admin'] as const;
  let sort = '';
  let task = '';
  beforeAll(async () => {
    sort = (await call('supA', 'POST', '/api/card-sorts', { title: 'Matrix' })).json().id;
    task = (await call('leader', 'POST', '/api/program-tasks', { text: 'Matrix task' })).json().tasks[0].id;
  });

  // [method, url, body, statuses for: nobody, a peer of team A, team A's supervisor, team B's supervisor, a leader, an admin]
  const rows = (): [string, string, unknown, number[]][] => [
    ['GET', '/api/card-sorts', undefined, [401, 200, 200, 200, 200, 200]],
    ['POST', '/api/card-sorts', { title: 'M', teamId: teamA }, [401, 403, 201, 403, 201, 403]],
    ['GET', `/api/card-sorts/${sort}`, undefined, [401, 200, 200, 404, 200, 200]],
    ['GET', `/api/card-sorts/${sort}/map`, undefined, [401, 200, 200, 404, 200, 200]],
    ['GET', `/api/card-sorts/${sort}/guide`, undefined, [401, 200, 200, 404, 200, 200]],
    ['PUT', `/api/card-sorts/${sort}`, { status: 'open' }, [401, 403, 200, 404, 200, 403]],
    ['PUT', `/api/card-sorts/${sort}/placements/stance:peer`, { placement: 'peer' }, [401, 200, 200, 404, 403, 403]],
    ['GET', '/api/program-tasks', undefined, [401, 403, 200, 200, 200, 200]],
    ['POST', '/api/program-tasks', { text: 'Another task' }, [401, 403, 403, 403, 201, 201]],
    ['PUT', `/api/program-tasks/${task}`, { assignedTo: 'peer' }, [401, 403, 403, 403, 200, 200]],
    ['DELETE', '/api/program-tasks/no-such-task', undefined, [401, 403, 403, 403, 404, 404]],
    ['GET', '/api/training', undefined, [401, 200, 200, 200, 200, 200]],
    ['GET', '/api/training/summary', undefined, [401, 403, 403, 403, 200, 200]],
    ['POST', '/api/training/me/certifications', { state: 'Maine', number: '1' }, [401, 201, 201, 201, 201, 201]],
    ['PUT', '/api/training/me/certifications/no-such-cert', { state: 'Maine', number: '1' }, [401, 404, 404, 404, 404, 404]],
    ['DELETE', '/api/training/me/certifications/no-such-cert', undefined, [401, 404, 404, 404, 404, 404]],
    ['POST', '/api/training/me/trainings', { area: 'other', title: 'T', completedOn: '2026-01-02' }, [401, 201, 201, 201, 201, 201]],
    ['DELETE', '/api/training/me/trainings/no-such-training', undefined, [401, 404, 404, 404, 404, 404]],
  ];

  it('answers each role as decision 009 says', async () => {
    const got: string[] = [];
    const want: string[] = [];
    for (const [method, url, body, statuses] of rows())
      for (const [i, who] of roles.entries()) {
        const r = await call(who, method as 'GET', url, body);
        got.push(`${who ?? 'nobody'} ${method} ${url}: ${r.statusCode}`);
        want.push(`${who ?? 'nobody'} ${method} ${url}: ${statuses[i]}`);
      }
    expect(got).toEqual(want);
  });
});

describe('migration 005-learning', () => {
  it('goes down and up again', async () => {
    const dir = tempDir();
    const fresh = openDatabase(dir);
    await migrate(fresh);
    const raw = fresh as unknown as Kysely<unknown>;
    await learning.down?.(raw);
    await learning.up(raw);
    expect(await fresh.selectFrom('card_sorts').selectAll().execute()).toEqual([]);
    await fresh.destroy();
    rmSync(dir, { recursive: true, force: true });
  });
});
