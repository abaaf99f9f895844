/**
 * Deletion that deletes (issue 12): after each way of deleting (a person's data, keep_text off,
 * retention, cancelling or deleting an import, an unfinished import expiring), the words are
 * gone from the database file and its write-ahead log as bytes, not only from the tables.
 * Every test first checks that its markers are on disk (so the search would find them), then
 * deletes, then searches the files again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PURGE_INTERVAL_MS } from '../src/app.js';
import { listTables } from '../src/db/database.js';
import { purgeDetail, purgeExpired, RETENTION, RETENTION_EXEMPT } from '../src/features/privacy/service.js';
import { markers, onDisk, passiveCheckpoint } from './disk.js';
import { addMember, createTeam, injectAs, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

let server: TestServer;
let admin: Member;
let peer: Member;
let sup: Member;
let teamId: string;
const DAY = 86_400_000;
const thisMonth = new Date().toISOString().slice(0, 7);

beforeEach(async () => {
  server = await startServer({ demo: false, retentionPurge: false });
  admin = await setupAdmin(server.app);
  teamId = await createTeam(server.app, admin, 'North');
  peer = await addMember(server.app, admin, 'pat', 'peer', teamId, 'Pat Peer');
  sup = await addMember(server.app, admin, 'sam', 'supervisor', teamId, 'Sam Supervisor');
});
afterEach(() => server.close());

const as = (m: Member) => injectAs(server.app, m);

async function note(m: Member, title: string, text: string, writtenAt?: string): Promise<string> {
  const r = await as(m)({
    method: 'POST',
    url: '/api/documents',
    payload: { title, kind: 'note', text, ...(writtenAt ? { writtenAt } : {}) },
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: string }).id;
}

async function upload(m: Member, name: string, body: string): Promise<string> {
  const r = await as(m)({
    method: 'POST',
    url: '/api/imports',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': name },
    payload: Buffer.from(body),
  });
  expect(r.statusCode, r.body).toBe(201);
  return (r.json() as { id: string }).id;
}

async function map(m: Member, id: string, mapping: Record<string, unknown>): Promise<void> {
  const r = await as(m)({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: mapping });
  expect(r.statusCode, r.body).toBe(200);
}

async function commitAll(m: Member, id: string): Promise<{ kept: number; finished: boolean }> {
  let p = { kept: 0, finished: false };
  for (let i = 0; i < 50 && !p.finished; i++) {
    const r = await as(m)({ method: 'POST', url: `/api/imports/${id}/commit` });
    expect(r.statusCode, r.body).toBe(200);
    p = r.json();
  }
  return p;
}

/** Words are on disk now (so a later search that finds nothing means something). */
async function expectOnDisk(words: readonly string[]): Promise<void> {
  await passiveCheckpoint(server.app.db);
  const found = onDisk(server.dataDir, words);
  for (const w of words)
    expect(
      found.some((f) => f.startsWith(`${w} `)),
      `${w} should be on disk before deleting`,
    ).toBe(true);
}

const sentence = (word: string): string => `We met at the ${word} library and she chose two places to call.`;

describe("deleting a person's data", () => {
  it('removes their notes, reflections, trainings, certification, imports, file names and headers, from the files too', async () => {
    const M = markers('title', 'note', 'reflection', 'training', 'cert', 'file', 'header', 'row', 'done', 'doneFile', 'forThem');
    await note(peer, `Visit ${M.title}`, sentence(M.note));
    expect(
      (await as(peer)({ method: 'PUT', url: `/api/reflections?month=${thisMonth}`, payload: { text: `I felt ${M.reflection}.` } }))
        .statusCode,
    ).toBe(200);
    expect(
      (
        await as(peer)({
          method: 'POST',
          url: '/api/training/me/trainings',
          payload: { area: 'crisis', title: `Course ${M.training}`, completedOn: '2026-01-15' },
        })
      ).statusCode,
    ).toBe(201);
    expect(
      (await as(peer)({ method: 'POST', url: '/api/training/me/certifications', payload: { state: 'Maine', number: M.cert } })).statusCode,
    ).toBe(201);
    // an import staged and left (its file name, a header and a row), and one finished
    const staged = await upload(peer, `${M.file}.csv`, `date,${M.header}\n2025-01-05,${sentence(M.row)}\n`);
    const done = await upload(peer, `${M.doneFile}.csv`, `date,note\n2025-02-05,${sentence(M.done)}\n`);
    await map(peer, done, { textColumn: 'note', dateColumn: 'date' });
    expect(await commitAll(peer, done)).toMatchObject({ kept: 1, finished: true });
    // their supervisor's import of their notes, mapped to them and not yet saved
    const supImport = await upload(sup, 'team.csv', `date,staff,note\n2025-03-05,Pat,${sentence(M.forThem)}\n`);
    await map(sup, supImport, { textColumn: 'note', dateColumn: 'date', authorColumn: 'staff', authors: { Pat: peer.id } });
    const words = Object.values(M);
    await expectOnDisk(words);

    const r = await as(admin)({ method: 'DELETE', url: `/api/people/${peer.id}/data` });
    expect(r.statusCode, r.body).toBe(200);
    // two notes: the one saved, and the one imported
    expect(r.json().deleted).toMatchObject({ documents: 2, reflections: 1, trainings: 1, certifications: 1, imports: 2 });
    expect(onDisk(server.dataDir, words)).toEqual([]);
    // the staged import and its values are gone for them; the supervisor's import keeps its other rows
    expect((await as(peer)({ url: `/api/imports/${staged}/values?column=${M.header}` })).statusCode).toBe(404);
    expect((await as(sup)({ url: `/api/imports/${supImport}` })).statusCode).toBe(200);
    // the account stays
    expect((await as(admin)({ url: '/api/members' })).json().members.map((m: { id: string }) => m.id)).toContain(peer.id);
  });
});

describe('deleting one note', () => {
  it('leaves none of its words in the files', async () => {
    const M = markers('title', 'note');
    const id = await note(peer, `Visit ${M.title}`, sentence(M.note));
    await expectOnDisk(Object.values(M));
    expect((await as(peer)({ method: 'DELETE', url: `/api/documents/${id}` })).statusCode).toBe(204);
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
  });
});

describe('keep_text off', () => {
  it('leaves no old words: notes, reflections, staged imports and column names are gone from the files', async () => {
    const M = markers('note', 'role', 'reflection', 'header', 'row', 'other', 'doneHeader');
    const title = 'A visit';
    const id = await note(peer, title, sentence(M.note));
    const role = await as(sup)({
      method: 'POST',
      url: '/api/documents',
      payload: { title: 'Job', kind: 'role', text: `- Drive participants to ${M.role} appointments.\n- Facilitate peer groups.` },
    });
    expect(role.statusCode).toBe(201);
    await as(peer)({ method: 'PUT', url: `/api/reflections?month=${thisMonth}`, payload: { text: `I felt ${M.reflection}.` } });
    await upload(peer, 'staged.csv', `date,${M.header},staff\n2025-01-05,${sentence(M.row)},${M.other}\n`);
    // a finished import: its column names were a headerless file's first note
    const done = await upload(peer, 'done.csv', `date,${M.doneHeader}\n2025-02-05,We talked about her week.\n`);
    await map(peer, done, { textColumn: M.doneHeader, dateColumn: 'date' });
    await commitAll(peer, done);
    const words = Object.values(M).filter((w) => w !== M.doneHeader);
    await expectOnDisk(words);
    // a finished import keeps no column names, whatever the setting
    expect(onDisk(server.dataDir, [M.doneHeader])).toEqual([]);

    const r = await as(admin)({ method: 'PUT', url: '/api/settings', payload: { keepText: false, retentionDays: null } });
    expect(r.statusCode, r.body).toBe(200);
    expect(onDisk(server.dataDir, words)).toEqual([]);
    // the note is still there, with its title and profile, without its words
    const doc = (await as(peer)({ url: `/api/documents/${id}` })).json();
    expect(doc).toMatchObject({ title, text: '' });
    expect(doc.analysis.profile.units).toBeGreaterThan(0);

    // while it is off: no reflection is saved, and a new import leaves nothing once finished
    const refused = await as(peer)({ method: 'PUT', url: `/api/reflections?month=${thisMonth}`, payload: { text: 'New words.' } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/keeps no written words/);
    const later = markers('row', 'header');
    const next = await upload(peer, 'later.csv', `date,${later.header}\n2025-04-05,${sentence(later.row)}\n`);
    await map(peer, next, { textColumn: later.header, dateColumn: 'date' });
    expect(await commitAll(peer, next)).toMatchObject({ kept: 1, finished: true });
    expect(onDisk(server.dataDir, Object.values(later))).toEqual([]);
  });
});

describe('retention', () => {
  it('covers every table, deletes past the period from each, and leaves nothing in the files', async () => {
    const M = markers('old', 'reflection', 'training', 'file', 'sort', 'invited');
    // through the route: a note written long ago goes as soon as the period is set
    await note(peer, 'Old visit', sentence(M.old), '2020-01-05');
    await as(peer)({ method: 'PUT', url: `/api/reflections?month=${thisMonth}`, payload: { text: `I felt ${M.reflection}.` } });
    await as(peer)({
      method: 'POST',
      url: '/api/training/me/trainings',
      payload: { area: 'crisis', title: `Course ${M.training}`, completedOn: '2026-01-15' },
    });
    const done = await upload(peer, `${M.file}.csv`, `date,note\n2025-02-05,We talked about her week.\n`);
    await map(peer, done, { textColumn: 'note', dateColumn: 'date' });
    await commitAll(peer, done);
    expect((await as(sup)({ method: 'POST', url: '/api/card-sorts', payload: { title: `Sort ${M.sort}`, teamId } })).statusCode).toBe(201);
    expect(
      (await as(admin)({ method: 'POST', url: '/api/invitations', payload: { name: `Ann ${M.invited}`, role: 'peer', teamId } }))
        .statusCode,
    ).toBe(201);
    await expectOnDisk(Object.values(M));

    expect((await as(admin)({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: 365 } })).statusCode).toBe(
      200,
    );
    expect(onDisk(server.dataDir, [M.old])).toEqual([]);

    // a year and a half on (the hourly purge, with its clock moved), everything written now is past the period too
    const later = await purgeDetail(server.app.db, new Date(Date.now() + 550 * DAY));
    // invitations: the new one and the two that brought in the peer and the supervisor
    expect(later.deleted).toMatchObject({ reflections: 1, trainings: 1, imports: 1, card_sorts: 1, invitations: 3 });
    expect(later.checkpoint?.busy).toBe(0);
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
  });

  it('names every table: each is purged by age or exempt with a reason', async () => {
    const tables = await listTables(server.app.db);
    expect(tables).toContain('documents');
    const covered = new Set([...RETENTION.map((r) => r.table as string), ...Object.keys(RETENTION_EXEMPT)]);
    expect(
      tables.filter((t) => !covered.has(t)),
      'tables neither in RETENTION nor in RETENTION_EXEMPT',
    ).toEqual([]);
  });

  it('refuses dates more than a day in the future (400, saying why), and marks such an imported row as a problem', async () => {
    const r = await as(peer)({
      method: 'POST',
      url: '/api/documents',
      payload: { title: 'x', kind: 'note', text: 'We met.', writtenAt: '2999-01-05' },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'invalid', field: 'writtenAt' });
    expect(r.json().error.message).toMatch(/cannot be more than a day in the future/);
    const tomorrow = new Date(Date.now() + DAY / 2).toISOString();
    expect(
      (
        await as(peer)({
          method: 'POST',
          url: '/api/documents',
          payload: { title: 'x', kind: 'note', text: 'We met.', writtenAt: tomorrow },
        })
      ).statusCode,
    ).toBe(201);
    const id = await note(peer, 'y', 'We met again.');
    expect(
      (await as(peer)({ method: 'PUT', url: `/api/documents/${id}`, payload: { writtenAt: '2999-01-05T10:00:00Z' } })).statusCode,
    ).toBe(400);
    expect((await as(peer)({ method: 'PUT', url: '/api/reflections?month=2999-01', payload: { text: 'Later.' } })).statusCode).toBe(400);
    const t = await as(peer)({
      method: 'POST',
      url: '/api/training/me/trainings',
      payload: { area: 'crisis', title: 'Course', completedOn: '2999-01-15' },
    });
    expect(t.statusCode).toBe(400);
    expect(t.json().error.message).toMatch(/future/);
    const ahead = new Date(Date.now() + 30 * DAY).toISOString().slice(0, 10);
    const imp = await upload(peer, 'future.csv', `date,note\n${ahead},We met in the future.\n2025-01-05,We met in the past.\n`);
    await map(peer, imp, { textColumn: 'note', dateColumn: 'date' });
    expect((await as(peer)({ url: `/api/imports/${imp}` })).json().problems).toEqual([
      { line: 2, reason: 'the date is in the future (more than a day ahead)' },
    ]);
  });

  it('runs every hour', async () => {
    expect(PURGE_INTERVAL_MS).toBe(3_600_000);
    await server.close();
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      server = await startServer({ demo: false });
      admin = await setupAdmin(server.app);
      await server.app.db.updateTable('settings').set({ value: '30' }).where('key', '=', 'retention_days').execute();
      const id = await note(admin, 'Old', 'We met.', '2020-01-05');
      const there = async (): Promise<boolean> =>
        (await server.app.db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
      expect(await there()).toBe(true);
      vi.advanceTimersByTime(PURGE_INTERVAL_MS);
      // the purge runs in the background (setTimeout is not faked)
      for (let i = 0; i < 100 && (await there()); i++) await new Promise((r) => setTimeout(r, 20));
      expect(await there()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('imports', () => {
  it('cancelling an unfinished import deletes its file name, columns and rows, from the files too', async () => {
    const M = markers('file', 'header', 'row', 'other');
    const id = await upload(peer, `${M.file}.csv`, `date,${M.header},staff\n2025-01-05,${sentence(M.row)},${M.other}\n`);
    await map(peer, id, { textColumn: M.header, dateColumn: 'date' });
    await expectOnDisk(Object.values(M));
    const r = await as(peer)({ method: 'DELETE', url: `/api/imports/${id}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ deleted: { notes: 0 } });
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
    expect((await as(peer)({ url: `/api/imports/${id}` })).statusCode).toBe(404);
    expect((await as(peer)({ url: '/api/imports' })).json().imports).toEqual([]);
  });

  it('a finished import keeps no row text and no column names; deleting it with its notes leaves nothing', async () => {
    const M = markers('file', 'header', 'row', 'other');
    const id = await upload(
      peer,
      `${M.file}.csv`,
      `date,${M.header},staff\n2025-01-05,${sentence(M.row)},${M.other}\n2025-01-06,We talked.,x\n`,
    );
    await map(peer, id, { textColumn: M.header, dateColumn: 'date' });
    await expectOnDisk(Object.values(M));
    expect(await commitAll(peer, id)).toMatchObject({ kept: 2, finished: true });
    // once imported: the header and the unused column are gone; the note's words live in the note (its title names the file)
    expect(onDisk(server.dataDir, [M.header, M.other])).toEqual([]);
    expect((await as(peer)({ url: `/api/imports/${id}` })).json()).toMatchObject({ columns: [], status: 'done', progress: { kept: 2 } });

    const r = await as(peer)({ method: 'DELETE', url: `/api/imports/${id}?notes=true` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ deleted: { notes: 2 } });
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
    expect((await as(peer)({ url: '/api/documents' })).json().documents).toEqual([]);
  });

  it('is deleted by whoever made it, their supervisor or an admin; not by another peer or a leader; notes stay unless asked', async () => {
    const other = await addMember(server.app, admin, 'olu', 'peer', teamId, 'Olu');
    const elsewhere = await addMember(server.app, admin, 'eve', 'supervisor', await createTeam(server.app, admin, 'South'), 'Eve');
    const leader = await addMember(server.app, admin, 'lee', 'leader', teamId, 'Lee');
    const mk = async (): Promise<string> => {
      const id = await upload(peer, 'notes.csv', `date,note\n2025-01-05,${sentence('park')}\n`);
      await map(peer, id, { textColumn: 'note', dateColumn: 'date' });
      await commitAll(peer, id);
      return id;
    };
    const id = await mk();
    expect((await as(other)({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(404);
    expect((await as(elsewhere)({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(404);
    expect((await as(leader)({ method: 'DELETE', url: `/api/imports/${id}` })).statusCode).toBe(403);
    // the supervisor sees the team's imports in the list, and deletes this one; its note stays
    const list = (await as(sup)({ url: '/api/imports' })).json().imports;
    expect(list.find((i: { id: string }) => i.id === id)).toMatchObject({ createdBy: { id: peer.id, name: 'Pat Peer' }, status: 'done' });
    expect((await as(sup)({ method: 'DELETE', url: `/api/imports/${id}` })).json()).toEqual({ deleted: { notes: 0 } });
    expect((await as(peer)({ url: '/api/documents' })).json().documents).toHaveLength(1);
    expect((await as(admin)({ method: 'DELETE', url: `/api/imports/${await mk()}` })).statusCode).toBe(200);
    const audit = (await as(admin)({ url: '/api/audit' })).json().entries.map((e: { action: string }) => e.action);
    expect(audit.filter((a: string) => a === 'delete-import')).toHaveLength(2);
  });

  it('an import left unfinished expires after a day, with nothing left in the files', async () => {
    const M = markers('file', 'header', 'row');
    await upload(peer, `${M.file}.csv`, `date,${M.header}\n2025-01-05,${sentence(M.row)}\n`);
    await expectOnDisk(Object.values(M));
    expect(await purgeExpired(server.app.db, new Date(Date.now() + DAY / 2))).toBe(0);
    expect(await purgeExpired(server.app.db, new Date(Date.now() + DAY + 60_000))).toBe(1);
    expect(onDisk(server.dataDir, Object.values(M))).toEqual([]);
    expect((await as(peer)({ url: '/api/imports' })).json().imports).toEqual([]);
  });
});
