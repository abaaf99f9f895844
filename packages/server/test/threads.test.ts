/**
 * Issue 13, item 7: reflections become two-way (the supervisor answers, the peer sees the answer,
 * a thread with who wrote what and when), and every path that removes reflections removes the
 * replies too, from the files as well (a person's data, keep_text off, retention, removing the
 * reflection or the reply); the export carries them. The audit log reads as sentences with names
 * (not ids) and records imports, drift views, failed sign-ins and role-design changes, never any
 * words people wrote.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { purgeDetail } from '../src/features/privacy/service.js';
import { markers, onDisk, passiveCheckpoint } from './disk.js';
import { addMember, createTeam, injectAs, PASSWORD, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

let server: TestServer;
let admin: Member;
let peer: Member;
let sup: Member;
let otherSup: Member;
let leader: Member;
let teamId: string;
const DAY = 86_400_000;
const thisMonth = new Date().toISOString().slice(0, 7);

beforeEach(async () => {
  server = await startServer({ demo: false, retentionPurge: false });
  admin = await setupAdmin(server.app);
  teamId = await createTeam(server.app, admin, 'North');
  const south = await createTeam(server.app, admin, 'South');
  peer = await addMember(server.app, admin, 'pat', 'peer', teamId, 'Pat Peer');
  sup = await addMember(server.app, admin, 'sam', 'supervisor', teamId, 'Sam Supervisor');
  otherSup = await addMember(server.app, admin, 'olu', 'supervisor', south, 'Olu Other');
  leader = await addMember(server.app, admin, 'lee', 'leader', teamId, 'Lee Leader');
});
afterEach(() => server.close());

const as = (m: Member) => injectAs(server.app, m);

async function reflect(text: string, month = thisMonth): Promise<string> {
  const r = await as(peer)({ method: 'PUT', url: `/api/reflections?month=${month}`, payload: { text } });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().reflection.id as string;
}

async function reply(m: Member, reflectionId: string, text: string): Promise<string> {
  const r = await as(m)({ method: 'POST', url: `/api/reflections/${reflectionId}/replies`, payload: { text } });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

async function thread(m: Member, member = peer.id) {
  const r = await as(m)({ url: `/api/reflections?member=${member}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().reflections as {
    id: string;
    memberName: string;
    text: string;
    replies: { id: string; author: { name: string; role: string } | null; text: string; createdAt: string }[];
  }[];
}

async function expectOnDisk(words: readonly string[]): Promise<void> {
  await passiveCheckpoint(server.app.db);
  const found = onDisk(server.dataDir, words);
  for (const w of words)
    expect(
      found.some((f) => f.startsWith(`${w} `)),
      `${w} should be on disk first`,
    ).toBe(true);
}

describe('replies to reflections', () => {
  it('the supervisor answers, the peer sees who answered and when, and answers back', async () => {
    const id = await reflect('More paperwork since the merger; I want to talk about it.');
    const before = Date.now();
    await reply(sup, id, 'Thank you. Shall we look at the intake forms together on Tuesday?');
    await reply(peer, id, 'Yes, Tuesday works.');

    const [r] = await thread(peer);
    expect(r).toMatchObject({ id, memberName: 'Pat Peer', text: 'More paperwork since the merger; I want to talk about it.' });
    expect(r?.replies.map((x) => [x.author?.name, x.author?.role, x.text])).toEqual([
      ['Sam Supervisor', 'supervisor', 'Thank you. Shall we look at the intake forms together on Tuesday?'],
      ['Pat Peer', 'peer', 'Yes, Tuesday works.'],
    ]);
    expect(Date.parse(r?.replies[0]?.createdAt ?? '')).toBeGreaterThanOrEqual(before - 1000);
    // the supervisor sees the same thread
    expect((await thread(sup))[0]?.replies).toHaveLength(2);
    // editing the reflection keeps the thread
    await reflect('More paperwork since the merger.');
    expect((await thread(peer))[0]?.replies).toHaveLength(2);
  });

  it('no one else reads or answers it (404), and an empty reply is refused', async () => {
    const id = await reflect('A hard month.');
    for (const m of [otherSup, leader, admin]) {
      expect((await as(m)({ url: `/api/reflections?member=${peer.id}` })).statusCode).toBe(404);
      expect((await as(m)({ method: 'POST', url: `/api/reflections/${id}/replies`, payload: { text: 'Hello' } })).statusCode).toBe(404);
    }
    expect((await as(sup)({ method: 'POST', url: `/api/reflections/${id}/replies`, payload: { text: '   ' } })).statusCode).toBe(400);
    expect((await as(sup)({ method: 'POST', url: '/api/reflections/nope/replies', payload: { text: 'Hi' } })).statusCode).toBe(404);
  });

  it('a reply is removed by its writer only, and leaves the files', async () => {
    const M = markers('mine', 'theirs');
    const id = await reflect('A hard month.');
    const mine = await reply(sup, id, `Let us meet at the ${M.mine} office.`);
    await reply(peer, id, `Fine, ${M.theirs} works.`);
    await expectOnDisk(Object.values(M));
    expect((await as(peer)({ method: 'DELETE', url: `/api/reflections/replies/${mine}` })).statusCode).toBe(404);
    expect((await as(sup)({ method: 'DELETE', url: `/api/reflections/replies/${mine}` })).statusCode).toBe(204);
    expect((await thread(peer))[0]?.replies.map((x) => x.author?.name)).toEqual(['Pat Peer']);
    expect(onDisk(server.dataDir, [M.mine])).toEqual([]);
    // removing the reflection removes its thread
    expect((await as(peer)({ method: 'PUT', url: `/api/reflections?month=${thisMonth}`, payload: { text: ' ' } })).json()).toEqual({
      reflection: null,
    });
    expect(await thread(peer)).toEqual([]);
    expect(onDisk(server.dataDir, [M.theirs])).toEqual([]);
  });

  it("deleting the supervisor's data removes their replies; deleting the peer's removes the whole thread, from the files too", async () => {
    const M = markers('reflection', 'supReply', 'peerReply');
    const id = await reflect(`I felt ${M.reflection}.`);
    await reply(sup, id, `We can talk ${M.supReply}.`);
    await reply(peer, id, `Thanks ${M.peerReply}.`);
    await expectOnDisk(Object.values(M));

    const bySup = await as(admin)({ method: 'DELETE', url: `/api/people/${sup.id}/data` });
    expect(bySup.statusCode, bySup.body).toBe(200);
    expect(bySup.json().deleted).toMatchObject({ reflection_replies: 1 });
    expect(onDisk(server.dataDir, [M.supReply])).toEqual([]);
    expect((await thread(peer))[0]?.replies.map((x) => x.text)).toEqual([`Thanks ${M.peerReply}.`]);

    const byPeer = await as(admin)({ method: 'DELETE', url: `/api/people/${peer.id}/data` });
    expect(byPeer.json().deleted).toMatchObject({ reflections: 1, reflection_replies: 1 });
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
  });

  it('keep_text off deletes every reply from the files and refuses new ones (409)', async () => {
    const M = markers('reflection', 'reply');
    const id = await reflect(`I felt ${M.reflection}.`);
    await reply(sup, id, `Let us talk about ${M.reply}.`);
    await expectOnDisk(Object.values(M));
    expect((await as(admin)({ method: 'PUT', url: '/api/settings', payload: { keepText: false, retentionDays: null } })).statusCode).toBe(
      200,
    );
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
    const count = await server.app.db
      .selectFrom('reflection_replies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(0);
    // no reflection to answer is left; and a reply to any is refused while no words are kept
    await server.app.db
      .insertInto('reflections')
      .values({ id: 'r1', author_id: peer.id, month: thisMonth, text: '', created_at: '2026-01-01', updated_at: '2026-01-01' })
      .execute();
    const refused = await as(sup)({ method: 'POST', url: '/api/reflections/r1/replies', payload: { text: 'Hello' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/keeps no written words/);
  });

  it('the retention period deletes replies, and the export carries them', async () => {
    const M = markers('reply');
    const id = await reflect('A month of groups.');
    await reply(sup, id, `Good to hear about ${M.reply}.`);
    const exported = await as(admin)({ url: '/api/export' });
    expect(exported.statusCode).toBe(200);
    const doc = JSON.parse(exported.body) as { tables: Record<string, { text?: string; author_id?: string }[]> };
    expect(doc.tables.reflection_replies).toMatchObject([{ text: `Good to hear about ${M.reply}.`, author_id: sup.id }]);
    expect(doc.tables.certifications).toEqual([]);

    expect((await as(admin)({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: 30 } })).statusCode).toBe(200);
    await expectOnDisk([M.reply]);
    const later = await purgeDetail(server.app.db, new Date(Date.now() + 40 * DAY));
    expect(later.deleted).toMatchObject({ reflections: 1, reflection_replies: 1 });
    expect(onDisk(server.dataDir, [M.reply])).toEqual([]);
  });
});

interface Entry {
  action: string;
  actor: string;
  description: string;
  targetName: string | null;
  userId: string | null;
}
const log = async (): Promise<Entry[]> => (await as(admin)({ url: '/api/audit?pageSize=200' })).json().entries as Entry[];

describe('the audit log', () => {
  it('names people and teams and says what changed, never an id', async () => {
    expect((await as(admin)({ method: 'PATCH', url: `/api/members/${peer.id}`, payload: { role: 'supervisor' } })).statusCode).toBe(200);
    expect((await as(admin)({ method: 'PATCH', url: `/api/members/${peer.id}`, payload: { disabled: true } })).statusCode).toBe(200);
    expect((await as(admin)({ method: 'PATCH', url: `/api/teams/${teamId}`, payload: { name: 'North Star' } })).statusCode).toBe(200);
    const entries = await log();
    expect(entries.slice(0, 3).map((e) => `${e.actor} ${e.description}`)).toEqual([
      'Avery Admin renamed team North to North Star',
      'Avery Admin disabled member Pat Peer',
      'Avery Admin changed member Pat Peer’s role to supervisor',
    ]);
    expect(entries[2]?.targetName).toBe('Pat Peer');
    // invitations name whom they were for
    expect(entries.map((e) => e.description)).toContain('made an invitation for Lee Leader (program leader)');
    for (const e of entries) expect(e.description, e.description).not.toMatch(/[0-9a-f]{8}-?[0-9a-f]{4}|[A-Za-z0-9_-]{20,}/);
  });

  it('records failed sign-ins, against the account when there is one, never the typed name', async () => {
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: 'pat', password: 'not the password at all' } }))
        .statusCode,
    ).toBe(401);
    const typed = 'my-secret-passphrase-typed-as-a-name';
    expect(
      (await server.app.inject({ method: 'POST', url: '/api/login', payload: { username: typed, password: PASSWORD } })).statusCode,
    ).toBe(401);
    const [unknown, wrong] = await log();
    expect(wrong).toMatchObject({
      action: 'sign-in-failed',
      actor: 'Someone',
      userId: null,
      description: 'failed to sign in as Pat Peer (wrong password)',
    });
    expect(unknown).toMatchObject({ action: 'sign-in-failed', description: 'failed to sign in (no such username)' });
    const raw = await server.app.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(raw)).not.toContain(typed);
  });

  it('records imports, drift views and role-design changes, without their words', async () => {
    const M = markers('file', 'note', 'task');
    const up = await as(peer)({
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': `${M.file}.csv` },
      payload: Buffer.from(`date,note\n2025-02-05,We met at the ${M.note} library.\n2025-02-06,We met at the ${M.note} park.\n`),
    });
    expect(up.statusCode, up.body).toBe(201);
    const imp = up.json().id as string;
    expect(
      (await as(peer)({ method: 'PUT', url: `/api/imports/${imp}/mapping`, payload: { textColumn: 'note', dateColumn: 'date' } }))
        .statusCode,
    ).toBe(200);
    let finished = false;
    for (let i = 0; i < 10 && !finished; i++)
      finished = (await as(peer)({ method: 'POST', url: `/api/imports/${imp}/commit` })).json().finished;
    // asking again after it finished records nothing more
    await as(peer)({ method: 'POST', url: `/api/imports/${imp}/commit` });

    expect((await as(sup)({ url: `/api/drift?member=${peer.id}` })).statusCode).toBe(200);
    expect((await as(leader)({ url: `/api/drift?team=${teamId}` })).statusCode).toBe(200);

    const added = await as(leader)({
      method: 'POST',
      url: '/api/program-tasks',
      payload: { teamId, assignedTo: 'peer', text: `Facilitate ${M.task} recovery groups\nDrive participants to appointments` },
    });
    expect(added.statusCode, added.body).toBe(201);
    const task = added.json().tasks[1].id as string;
    expect((await as(leader)({ method: 'PUT', url: `/api/program-tasks/${task}`, payload: { assignedTo: 'other' } })).statusCode).toBe(200);
    expect((await as(leader)({ method: 'DELETE', url: `/api/program-tasks/${task}` })).statusCode).toBe(204);

    const lines = (await log()).slice(0, 7).map((e) => `${e.actor} ${e.description}`);
    expect(lines).toEqual([
      'Lee Leader removed a task from North’s task list',
      expect.stringMatching(/^Lee Leader changed a task on North’s task list \(assigned to other staff, now read as [a-z ]+\)$/),
      'Lee Leader added 2 tasks to North’s task list',
      'Lee Leader viewed the drift of team North',
      'Sam Supervisor viewed Pat Peer’s drift',
      'Pat Peer imported 2 notes',
      'Pat Peer started an import of 2 rows',
    ]);
    const raw = JSON.stringify(await server.app.db.selectFrom('audit_log').selectAll().execute());
    for (const w of Object.values(M)) expect(raw).not.toContain(w);
  });
});

describe('certifications, more than one each', () => {
  it('a workspace from before keeps its one certification per member, now with an id, and can add more', async () => {
    const { Migrator } = await import('kysely');
    const { openDatabase } = await import('../src/db/database.js');
    const { migrationProvider } = await import('../src/db/migrations/index.js');
    const { tempDir } = await import('./helpers.js');
    const db = openDatabase(tempDir());
    try {
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('006-accounts')).error).toBeUndefined();
      const now = new Date().toISOString();
      await db
        .insertInto('users')
        .values({
          id: 'u1',
          username: 'u1',
          name: 'U',
          role: 'peer',
          team_id: null,
          password_hash: null,
          created_at: now,
          disabled_at: null,
        })
        .execute();
      await db
        .insertInto('certifications' as never)
        .values({ user_id: 'u1', state: 'Ohio', number: 'CPS-9', expires_on: '2027-01-01', updated_at: now } as never)
        .execute();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const rows = await db.selectFrom('certifications').selectAll().execute();
      expect(rows).toMatchObject([{ user_id: 'u1', state: 'Ohio', number: 'CPS-9', expires_on: '2027-01-01', created_at: now }]);
      expect(rows[0]?.id).toMatch(/^[0-9a-f]{32}$/);
      await db
        .insertInto('certifications')
        .values({ id: 'c2', user_id: 'u1', state: 'Iowa', number: '1', expires_on: null, created_at: now, updated_at: now })
        .execute();
      expect(await db.selectFrom('certifications').select('state').where('user_id', '=', 'u1').orderBy('state').execute()).toEqual([
        { state: 'Iowa' },
        { state: 'Ohio' },
      ]);
      // and back down: one per member again
      expect((await migrator.migrateTo('006-accounts')).error).toBeUndefined();
      expect(
        await db
          .selectFrom('certifications' as never)
          .selectAll()
          .execute(),
      ).toHaveLength(1);
    } finally {
      await db.destroy();
    }
  });
});
