/** Drift over time (decision 009 "Drift"), reflections, and the demo team whose one peer drifts. */
import { analyze } from '@peerlens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '../src/auth/passwords.js';
import { createSession } from '../src/auth/sessions.js';
import { DEMO_MEMBERS, TEMPLATES } from '../src/features/demo/team.js';
import { driftSignal, fit, judge, type MonthRow } from '../src/features/drift/service.js';
import { startServer, type TestServer } from './helpers.js';
import { makeMember, makeTeam, type Member } from './members.js';

let server: TestServer;
const printed: string[] = [];
const ids: Record<string, string> = {};
let teamId: string;
let leader: Member;
let admin: Member;

/** Signs in a demo member by username. */
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

beforeAll(async () => {
  const { seedDemo } = await import('../src/features/demo/service.js');
  server = await startServer({ demo: false });
  await seedDemo(server.app.db, (l) => printed.push(l));
  for (const u of await server.app.db.selectFrom('users').select(['id', 'username', 'team_id']).execute()) {
    ids[u.username] = u.id;
    if (u.username === 'demo-jordan') teamId = u.team_id as string;
  }
  leader = await makeMember(server.app, 'leader', null);
  admin = await makeMember(server.app, 'admin', null);
});
afterAll(() => server.close());

describe('the demo team', () => {
  it('prints every demo account with the random password they share; the accounts store only its hash', async () => {
    expect(printed[0]).toMatch(
      /^Demo workspace \(Riverside peer team: made-up people and notes\)\. Its 4 accounts all use the password \S+$/,
    );
    const password = /the password (\S+)$/.exec(printed[0] ?? '')?.[1] ?? '';
    expect(printed.slice(1, 5)).toEqual(
      DEMO_MEMBERS.map((d) => expect.stringMatching(new RegExp(`^  ${d.username} \\(${d.name}, ${d.role}`))),
    );
    const users = await server.app.db.selectFrom('users').select('password_hash').where('username', 'like', 'demo-%').execute();
    expect(users).toHaveLength(4);
    for (const u of users) {
      expect(u.password_hash).not.toContain(password);
      expect(await verifyPassword(password, u.password_hash ?? '')).toBe(true);
    }
    const r = await server.app.inject({ url: '/api/demo' });
    expect(r.json()).toEqual({ demoLogins: DEMO_MEMBERS.map((d) => ({ username: d.username, role: d.role })) });
    expect(r.body).not.toContain(password);
  });

  it('templates carry the label they are filed under', () => {
    for (const [label, list] of Object.entries(TEMPLATES))
      for (const t of list)
        expect(
          analyze(t.replaceAll('{name}', 'Dana')).sentences.map((s) => s.label),
          t,
        ).toEqual([label]);
  });

  it('shows the drift signal for the drifting peer, with its sentences, to the supervisor', async () => {
    const jordan = await demo('demo-jordan');
    const r = await jordan.inject({ url: `/api/drift?member=${ids['demo-alex']}` });
    expect(r.statusCode).toBe(200);
    const d = r.json();
    expect(d.months).toHaveLength(12);
    expect(d.months.every((m: { notes: number }) => m.notes >= 8)).toBe(true);
    expect(d.signal).toMatchObject({ kind: 'clinical-rising' });
    expect(d.signal.message).toMatch(/invitation to talk/);
    expect(d.signal.message).not.toMatch(/\bscore\b|\bfail/i);
    expect(d.signal.sentences.length).toBeGreaterThan(0);
    expect(d.signal.sentences[0]).toEqual({
      documentId: expect.any(String),
      date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      text: expect.any(String),
    });
    const last = d.months[11];
    expect(last.shares.clinical).toBeGreaterThan(d.months[0].shares.clinical + 0.2);
    expect(last.languagePer1000Words).toBeGreaterThan(0);
    const dims = Object.values(last.dimensionShares) as { peer: number; overlap: number; clinical: number }[];
    expect(dims.length).toBeGreaterThan(0);
    for (const d of dims) expect(d.peer + d.overlap + d.clinical).toBeCloseTo(1, 6);
    expect(d.months.some((m: { roleConflicts: number }) => m.roleConflicts > 0)).toBe(true);
  });

  it('gives the same signal sentences from the sentences kept beside each note as from the notes’ analyses (a note saved before they were kept)', async () => {
    const jordan = await demo('demo-jordan');
    const url = `/api/drift?member=${ids['demo-alex']}`;
    const kept = (await jordan.inject({ url })).json();
    expect(kept.signal?.sentences?.length).toBeGreaterThan(0);
    const rows = await server.app.db.selectFrom('documents').select(['id', 'clinical_top']).where('kind', '=', 'note').execute();
    expect(rows.every((r) => typeof r.clinical_top === 'string' && (JSON.parse(r.clinical_top) as unknown[]).length <= 6)).toBe(true);
    // as a note saved before migration 011 has it: nothing kept, so its analysis is read
    await server.app.db.updateTable('documents').set({ clinical_top: null }).execute();
    try {
      const fromAnalyses = (await jordan.inject({ url })).json();
      expect(fromAnalyses.signal.sentences).toEqual(kept.signal.sentences);
    } finally {
      for (const r of rows)
        await server.app.db.updateTable('documents').set({ clinical_top: r.clinical_top }).where('id', '=', r.id).execute();
    }
  });

  it('shows no signal for the steady peers', async () => {
    const jordan = await demo('demo-jordan');
    for (const name of ['demo-casey', 'demo-robin']) {
      const d = (await jordan.inject({ url: `/api/drift?member=${ids[name]}` })).json();
      expect(d.months).toHaveLength(12);
      expect(d.signal, name).toBeNull();
    }
  });

  it('lets a peer see their own drift but not another peer’s (404), nor team drift (403)', async () => {
    const alex = await demo('demo-alex');
    expect((await alex.inject({ url: `/api/drift?member=${ids['demo-alex']}` })).json().signal.sentences.length).toBeGreaterThan(0);
    expect((await alex.inject({ url: `/api/drift?member=${ids['demo-casey']}` })).statusCode).toBe(404);
    expect((await alex.inject({ url: `/api/drift?team=${teamId}` })).statusCode).toBe(403);
    expect((await alex.inject({ url: '/api/drift' })).statusCode).toBe(400);
    expect((await server.app.inject({ url: `/api/drift?member=${ids['demo-alex']}` })).statusCode).toBe(401);
  });

  it('gives a leader and an admin team aggregates without sentences, and no one person’s drift', async () => {
    for (const m of [leader, admin]) {
      const r = await m.inject({ url: `/api/drift?team=${teamId}` });
      expect(r.statusCode).toBe(200);
      const d = r.json();
      expect(d.scope).toMatchObject({ kind: 'team', name: 'Riverside peer team' });
      expect(d.months).toHaveLength(12);
      if (d.signal) expect(d.signal.sentences).toBeUndefined();
      expect(r.body).not.toContain('Client was');
      expect((await m.inject({ url: `/api/drift?member=${ids['demo-alex']}` })).statusCode).toBe(404);
    }
    const scope = (await leader.inject({ url: '/api/drift/scope' })).json();
    expect(scope.teams.map((t: { name: string }) => t.name)).toContain('Riverside peer team');
    expect(scope.members.map((x: { id: string }) => x.id)).toEqual([leader.id]);
  });

  it('gives the supervisor the team drift and lists the team in the scope', async () => {
    const jordan = await demo('demo-jordan');
    expect((await jordan.inject({ url: `/api/drift?team=${teamId}` })).statusCode).toBe(200);
    const other = await makeTeam(server.app);
    expect((await jordan.inject({ url: `/api/drift?team=${other}` })).statusCode).toBe(404);
    const scope = (await jordan.inject({ url: '/api/drift/scope' })).json();
    expect(scope.members.map((x: { name: string }) => x.name)).toEqual(['Alex Rivera', 'Casey Morgan', 'Robin Lee', 'Jordan Ellis']);
    expect(scope.teams).toEqual([{ id: teamId, name: 'Riverside peer team', shown: true }]);
  });
});

describe('reflections', () => {
  it('the peer writes their own; their supervisor reads it; another peer cannot', async () => {
    const alex = await demo('demo-alex');
    const put = await alex.inject({
      method: 'PUT',
      url: '/api/reflections?month=2026-05',
      payload: { text: 'More paperwork since the clinic merger.' },
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().reflection).toMatchObject({ member: ids['demo-alex'], month: '2026-05' });
    await alex.inject({
      method: 'PUT',
      url: '/api/reflections?month=2026-05',
      payload: { text: 'More paperwork since the merger; I want to talk about it.' },
    });
    const jordan = await demo('demo-jordan');
    const read = (await jordan.inject({ url: `/api/reflections?member=${ids['demo-alex']}` })).json();
    expect(read.reflections.map((r: { text: string }) => r.text)).toEqual(['More paperwork since the merger; I want to talk about it.']);
    const casey = await demo('demo-casey');
    expect((await casey.inject({ url: `/api/reflections?member=${ids['demo-alex']}` })).statusCode).toBe(404);
    expect((await leader.inject({ url: `/api/reflections?member=${ids['demo-alex']}` })).statusCode).toBe(404);
    expect(
      (await jordan.inject({ method: 'PUT', url: `/api/reflections?month=2026-05&member=${ids['demo-alex']}`, payload: { text: 'x' } }))
        .statusCode,
    ).toBe(403);
    expect((await alex.inject({ method: 'PUT', url: '/api/reflections?month=2026-13', payload: { text: 'x' } })).statusCode).toBe(400);
    const removed = await alex.inject({ method: 'PUT', url: '/api/reflections?month=2026-05', payload: { text: ' ' } });
    expect(removed.json()).toEqual({ reflection: null });
    expect((await alex.inject({ url: '/api/reflections?month=2026-05' })).json().reflections).toEqual([]);
  });
});

const month = (m: string, peer: number, clinical: number, units = 40): MonthRow => ({
  month: m,
  notes: 10,
  units,
  words: 400,
  counts: { peer: 0, overlap: 0, clinical: 0, neutral: 0 },
  shares: { peer, overlap: 0.2, clinical, neutral: Math.max(0, 0.8 - peer - clinical) },
  byDimension: {},
  dimensionShares: {},
  languageFindings: 0,
  languagePer1000Words: 0,
  roleConflicts: 0,
  hidden: false,
});

describe('the drift rule', () => {
  it('shows a falling peer share when the clinical share holds', () => {
    const months = [0.6, 0.55, 0.48, 0.4, 0.34, 0.28].map((p, i) => month(`2026-0${i + 1}`, p, 0.1));
    const s = driftSignal(months);
    expect(s).toMatchObject({ kind: 'peer-falling', months: months.map((m) => m.month) });
    expect(s?.message).toMatch(
      /^From January 2026 to June 2026, the share of sentences written from a peer perspective went from 60% in January 2026 to 28% in June 2026 \(the table below\); the trend over these 6 months falls by about 7 points a month\./,
    );
  });

  it('quotes the months of the table, never a fitted value, and calls the line the trend', () => {
    // the fitted line runs from about 15% to about 44%; the table says 20% and 45%
    const shares = [0.2, 0.1, 0.25, 0.3, 0.35, 0.45];
    const months = shares.map((c, i) => month(`2026-0${i + 1}`, 0.4, c));
    const { slope, first, last } = fit(shares);
    expect(Math.round(first * 100)).not.toBe(20);
    const { signal, status } = judge(months);
    expect(signal?.kind).toBe('clinical-rising');
    expect(status).toMatchObject({ kind: 'signal', title: 'Something to talk about together' });
    expect(status.message).toContain('went from 20% in January 2026 to 45% in June 2026');
    expect(status.message).toContain(`the trend over these 6 months rises by about ${Math.round(slope * 100)} points a month`);
    expect(status.message).not.toContain(`${Math.round(first * 100)}%`);
    expect(status.message).not.toContain(`${Math.round(last * 100)}%`);
    // when the first and last months go against the trend, the range is quoted instead
    const against = judge([0.5, 0.2, 0.3, 0.6, 0.7, 0.45].map((c, i) => month(`2026-0${i + 1}`, 0.3, c))).status.message;
    expect(against).toContain('ranged from 20% to 70%');
  });

  it('says "not enough notes to judge yet", and what is needed, when too few months have enough sentences', () => {
    // a peer who went from 50–75 % peer to 100 % clinical over sparse months
    const sparse = [month('2026-01', 0.75, 0.25, 8), month('2026-02', 0.5, 0.5, 6), month('2026-04', 0, 1, 5)];
    const { signal, status } = judge(sparse);
    expect(signal).toBeNull();
    expect(status.kind).toBe('too-little');
    expect(status.title).toBe('Not enough notes to judge yet');
    expect(status.needed).toBe(
      'The drift signal needs at least 4 of the last 6 months with notes to have 20 or more sentences each; none of the 3 months with notes has that many yet.',
    );
    expect(status.message).toContain('the clinical share was 25% in January 2026 (8 sentences) and 100% in April 2026 (5 sentences)');
    expect(status.message).toContain('the peer share 75% in January 2026 and 0% in April 2026');
    expect(status.message).not.toMatch(/steady|No drift/);
    const some = judge([month('2026-01', 0.5, 0.2, 30), month('2026-02', 0.5, 0.2, 25), month('2026-03', 0.5, 0.2, 4)]).status;
    expect(some.needed).toMatch(/; so far 2 have \(January 2026, February 2026\)\.$/);
  });

  it('says plainly what "no drift signal" rests on', () => {
    const { status } = judge([0.2, 0.25, 0.18, 0.22, 0.19, 0.24].map((c, i) => month(`2026-0${i + 1}`, 0.4, c)));
    expect(status).toMatchObject({ kind: 'steady', title: 'No drift signal' });
    expect(status.message).toBe(
      'Over the 6 months with enough notes (January 2026 to June 2026), the clinical share did not keep rising and the peer share did not keep falling: the clinical share ranged from 18% to 25%, the peer share stayed at 40%.',
    );
  });

  it('stays quiet with too few full months, a small change, or a steady line', () => {
    const rising = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6];
    expect(driftSignal(rising.map((c, i) => month(`2026-0${i + 1}`, 0.4, c)))?.kind).toBe('clinical-rising');
    // only three months with 20 sentences or more
    expect(driftSignal(rising.map((c, i) => month(`2026-0${i + 1}`, 0.4, c, i < 3 ? 5 : 40)))).toBeNull();
    // rises, but by less than 15 points in all
    expect(driftSignal([0.1, 0.12, 0.14, 0.16, 0.18, 0.2].map((c, i) => month(`2026-0${i + 1}`, 0.4, c)))).toBeNull();
    expect(driftSignal([0.2, 0.25, 0.18, 0.22, 0.19, 0.24].map((c, i) => month(`2026-0${i + 1}`, 0.4, c)))).toBeNull();
  });

  it('fits a least-squares line', () => {
    expect(fit([0.1, 0.2, 0.3, 0.4])).toEqual({
      slope: expect.closeTo(0.1, 6),
      first: expect.closeTo(0.1, 6),
      last: expect.closeTo(0.4, 6),
    });
    expect(fit([0.2, 0.2]).slope).toBe(0);
  });
});

describe('a leader’s view hides groups of fewer than 3 people (issue 12)', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startServer({ demo: false });
  });
  afterAll(() => s.close());

  const NOTE = 'Client was noncompliant with meds. Assessed mood and affect. I reminded him of the treatment plan.';
  async function write(m: Member, month: string, text = NOTE): Promise<void> {
    const r = await m.inject({
      method: 'POST',
      url: '/api/documents',
      payload: { title: 'n', kind: 'note', text, writtenAt: `${month}-10` },
    });
    expect(r.statusCode).toBe(201);
  }

  it('a one-peer team: the leader and admin see no month and no signal; the supervisor sees it all', async () => {
    const team = await makeTeam(s.app, 'Solo team');
    const sup = await makeMember(s.app, 'supervisor', team);
    const solo = await makeMember(s.app, 'peer', team);
    const lead = await makeMember(s.app, 'leader', null);
    const boss = await makeMember(s.app, 'admin', null);
    for (const m of ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05']) await write(solo, m);
    for (const viewer of [lead, boss]) {
      const d = (await viewer.inject({ url: `/api/drift?team=${team}` })).json();
      expect(d.minPeople).toBe(3);
      expect(d.months.length).toBe(5);
      for (const month of d.months) expect(month).toMatchObject({ hidden: true, notes: 0, units: 0, words: 0, languageFindings: 0 });
      expect(d.signal).toBeNull();
    }
    const full = (await sup.inject({ url: `/api/drift?team=${team}` })).json();
    expect(full.minPeople).toBeNull();
    expect(full.months.every((m: { hidden: boolean; notes: number }) => !m.hidden && m.notes === 1)).toBe(true);
  });

  it('a month shows once 3 people wrote in it; months with 2 stay hidden', async () => {
    const team = await makeTeam(s.app, 'Trio team');
    const [a, b, c] = [await makeMember(s.app, 'peer', team), await makeMember(s.app, 'peer', team), await makeMember(s.app, 'peer', team)];
    const lead = await makeMember(s.app, 'leader', null);
    for (const m of [a, b, c]) await write(m, '2025-06');
    for (const m of [a, b]) await write(m, '2025-07');
    const d = (await lead.inject({ url: `/api/drift?team=${team}` })).json();
    expect(d.months.map((m: { month: string; hidden: boolean; notes: number }) => [m.month, m.hidden, m.notes])).toEqual([
      ['2025-06', false, 3],
      ['2025-07', true, 0],
    ]);
  });

  it('the scope says which teams show a leader anything (issue 13): not one of one or two writers', async () => {
    const solo = await makeTeam(s.app, 'Aaa solo team');
    const trio = await makeTeam(s.app, 'Aab trio team');
    const one = await makeMember(s.app, 'peer', solo);
    const three = [await makeMember(s.app, 'peer', trio), await makeMember(s.app, 'peer', trio), await makeMember(s.app, 'peer', trio)];
    const sup = await makeMember(s.app, 'supervisor', solo);
    const lead = await makeMember(s.app, 'leader', null);
    await write(one, '2025-05');
    for (const m of three) await write(m, '2025-05');
    const teams = (await lead.inject({ url: '/api/drift/scope' })).json().teams as { id: string; shown: boolean }[];
    expect(teams.find((t) => t.id === solo)?.shown).toBe(false);
    expect(teams.find((t) => t.id === trio)?.shown).toBe(true);
    // a supervisor reads their team's notes: their team always shows
    expect((await sup.inject({ url: '/api/drift/scope' })).json().teams).toEqual([{ id: solo, name: 'Aaa solo team', shown: true }]);
  });

  it('the training summary hides its counts while fewer than 3 peers have a record', async () => {
    const team = await makeTeam(s.app, 'Training team');
    const lead = await makeMember(s.app, 'leader', null);
    const peers = [await makeMember(s.app, 'peer', team), await makeMember(s.app, 'peer', team), await makeMember(s.app, 'peer', team)];
    const certify = (m: Member) =>
      m.inject({ method: 'POST', url: '/api/training/me/certifications', payload: { state: 'Maine', number: '1' } });
    await certify(peers[0] as Member);
    await certify(peers[1] as Member);
    let summary = (await lead.inject({ url: '/api/training/summary' })).json();
    expect(summary).toMatchObject({ hidden: true, certified: 0 });
    await certify(peers[2] as Member);
    summary = (await lead.inject({ url: '/api/training/summary' })).json();
    expect(summary).toMatchObject({ hidden: false, certified: 3 });
  });
});
