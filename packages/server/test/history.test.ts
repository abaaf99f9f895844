/** History import (decision 009 "History"): stage, map, commit in chunks; problems by line; duplicates; access. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTestHooks } from '../src/features/imports/service.js';
import { parseDate } from '../src/features/imports/parse.js';
import { fixture, startServer, type TestServer } from './helpers.js';
import { makeMember, makeTeam, type Member } from './members.js';

let server: TestServer;
let teamId: string;
let sup: Member;
let peerA: Member;
let peerB: Member;
let leader: Member;
let outsider: Member;

beforeAll(async () => {
  server = await startServer({ demo: false });
  teamId = await makeTeam(server.app, 'North');
  const other = await makeTeam(server.app, 'South');
  sup = await makeMember(server.app, 'supervisor', teamId);
  peerA = await makeMember(server.app, 'peer', teamId);
  peerB = await makeMember(server.app, 'peer', teamId);
  leader = await makeMember(server.app, 'leader', null);
  outsider = await makeMember(server.app, 'peer', other);
});
afterAll(() => server.close());

const csv = (rows: string[][]): string =>
  rows.map((r) => r.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';

function upload(m: Member, body: string | Buffer, name = 'notes.csv') {
  return m.inject({
    method: 'POST',
    url: '/api/imports',
    headers: { 'content-type': 'application/octet-stream', 'x-file-name': name },
    payload: body,
  });
}

async function commitAll(m: Member, id: string, batch = 200) {
  let p = { finished: false } as { finished: boolean; done: number; total: number; kept: number; duplicates: number; problems: number };
  for (let i = 0; i < 100 && !p.finished; i++) {
    const r = await m.inject({ method: 'POST', url: `/api/imports/${id}/commit?batch=${batch}` });
    expect(r.statusCode).toBe(200);
    p = r.json();
  }
  return p;
}

const FILE = csv([
  ['date', 'staff', 'note'],
  ['2025-01-05', 'Ann', 'We met at the park and she chose where to walk.'],
  ['2025-01-09', 'Bo', 'Client was noncompliant with medication.'],
  ['2025-02-01', 'Ann', ''],
  ['not a date', 'Ann', 'We talked about her week.'],
  ['2025-02-11', 'Zed', 'She decided to call her sister.'],
  ['2025-03-03', 'Ann', 'She showed me the new bus app.'],
]);

describe('POST /api/imports', () => {
  it('reads a CSV: columns, the guessed mapping, a preview and the count', async () => {
    const r = await upload(sup, FILE);
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body.format).toBe('csv');
    expect(body.columns).toEqual(['date', 'staff', 'note']);
    expect(body.mapping).toEqual({ textColumn: 'note', authorColumn: 'staff', dateColumn: 'date' });
    expect(body.rows).toBe(6);
    expect(body.preview).toHaveLength(6);
    expect(body.preview[0]).toEqual({
      line: 2,
      fields: { date: '2025-01-05', staff: 'Ann', note: 'We met at the park and she chose where to walk.' },
    });
    expect(body.authorValues).toEqual(['Ann', 'Bo', 'Zed']);
  });

  it('reports a ragged row by its line and keeps the rest', async () => {
    const r = await upload(sup, 'date,note\n2025-01-01,one\n2025-01-02,two,extra\n2025-01-03,three\n');
    expect(r.statusCode).toBe(201);
    expect(r.json().rows).toBe(2);
    expect(r.json().problems).toEqual([{ line: 3, reason: expect.stringContaining('ragged') }]);
  });

  it('never repeats a row’s text in a problem, even for a broken quote', async () => {
    const r = await upload(sup, 'date,note\n2025-01-01,ab "private words" cd\n2025-01-02,"closed" private x\n2025-01-03,fine\n');
    expect(r.statusCode).toBe(201);
    expect(r.json().problems.map((p: { line: number }) => p.line)).toContain(2);
    expect(JSON.stringify(r.json().problems)).not.toMatch(/private|ab /);
  });

  it('reports each line of a CSV that is not UTF-8, and imports none of those rows (no U+FFFD)', async () => {
    const body = Buffer.concat([
      Buffer.from('date,note\n2025-01-01,We walked to the park.\n2025-01-02,Caf'),
      Buffer.from([0xe9]), // Latin-1 é
      Buffer.from(' at noon.\n2025-01-03,She set her own goal.\n2025-01-04,"Two\nlines '),
      Buffer.from([0xfc]), // Latin-1 ü
      Buffer.from('"\n'),
    ]);
    const r = await upload(sup, body);
    expect(r.statusCode).toBe(201);
    expect(r.json().problems).toEqual([
      { line: 3, reason: expect.stringContaining('not valid UTF-8 (byte 0xe9)') },
      { line: 6, reason: expect.stringContaining('not valid UTF-8 (byte 0xfc)') },
    ]);
    expect(r.json().rows).toBe(2);
    expect(r.json().preview.map((p: { line: number }) => p.line)).toEqual([2, 4]);
    expect(JSON.stringify(r.json())).not.toContain('\ufffd');
  });

  it('reads JSON Lines, with a bad line reported by its number', async () => {
    const r = await upload(
      peerA,
      '{"text":"We walked.","date":"2025-04-01"}\nnot json\n{"text":"We talked.","date":"2025-04-02"}\n',
      'notes.jsonl',
    );
    expect(r.statusCode).toBe(201);
    expect(r.json().format).toBe('jsonl');
    expect(r.json().rows).toBe(2);
    expect(r.json().problems.map((p: { line: number }) => p.line)).toEqual([2]);
  });

  it('reads a text file as one note', async () => {
    const r = await upload(peerA, 'We met for coffee and she chose the place.\n', 'visit.txt');
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ format: 'text', columns: ['text'], rows: 1, mapping: { textColumn: 'text' } });
  });

  it('reads a DOCX and a PDF as one note each, and says when a PDF has no text layer', async () => {
    for (const [name, format] of [
      ['peer-specialist.docx', 'docx'],
      ['peer-specialist.pdf', 'pdf'],
    ] as const) {
      const r = await upload(peerA, readFileSync(fixture(`jobs/${name}`)), name);
      expect(r.statusCode, name).toBe(201);
      expect(r.json()).toMatchObject({ format, rows: 1, columns: ['text'] });
      expect(r.json().preview[0].fields.text).toMatch(/peer/i);
    }
    expect((await upload(peerA, readFileSync(fixture('jobs/scanned.pdf')), 'scanned.pdf')).statusCode).toBe(422);
  });

  it('refuses a file over 20 MB with 413', async () => {
    const r = await upload(sup, Buffer.alloc(20 * 1024 * 1024 + 10, 0x61));
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('too_large');
  });

  it('refuses an unknown type, an empty file, and anyone signed out or a leader', async () => {
    expect((await upload(sup, 'x', 'a.exe')).statusCode).toBe(415);
    expect((await upload(sup, '')).statusCode).toBe(422);
    expect((await upload(leader, FILE)).statusCode).toBe(403);
    const anon = await server.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream' },
      payload: FILE,
    });
    expect(anon.statusCode).toBe(401);
  });
});

describe('mapping and commit', () => {
  it('keeps good rows, reports bad ones by line, and does not duplicate on re-import', async () => {
    const id = (await upload(sup, FILE)).json().id as string;
    const mapped = await sup.inject({
      method: 'PUT',
      url: `/api/imports/${id}/mapping`,
      payload: { textColumn: 'note', authorColumn: 'staff', dateColumn: 'date', authors: { Ann: peerA.id, Bo: peerB.id } },
    });
    expect(mapped.statusCode).toBe(200);
    expect(mapped.json().problems).toEqual([
      { line: 4, reason: 'no text' },
      { line: 5, reason: 'the date cannot be read (use YYYY-MM-DD)' },
      { line: 6, reason: 'the author is not matched to a member' },
    ]);
    // no row text in the problems
    expect(JSON.stringify(mapped.json().problems)).not.toContain('sister');
    const p = await commitAll(sup, id, 2);
    expect(p).toEqual({ done: 6, total: 6, kept: 3, duplicates: 0, problems: 3, finished: true });
    const state = (await sup.inject({ url: `/api/imports/${id}` })).json();
    expect(state.status).toBe('done');

    const again = (await upload(sup, FILE)).json().id as string;
    await sup.inject({
      method: 'PUT',
      url: `/api/imports/${again}/mapping`,
      payload: { textColumn: 'note', authorColumn: 'staff', dateColumn: 'date', authors: { Ann: peerA.id, Bo: peerB.id } },
    });
    expect(await commitAll(sup, again)).toMatchObject({ kept: 0, duplicates: 3, problems: 3, finished: true });

    const docs = await server.app.db
      .selectFrom('documents')
      .select(['author_id', 'written_at', 'team_id'])
      .where('author_id', 'in', [peerA.id, peerB.id])
      .execute();
    expect(docs).toHaveLength(3);
    expect(docs.map((d) => d.written_at).sort()).toEqual(['2025-01-05', '2025-01-09', '2025-03-03']);
    expect(docs.every((d) => d.team_id === teamId)).toBe(true);
  });

  it('commits each chunk in one transaction: a failure mid-chunk leaves none of it', async () => {
    const rows = [
      ['date', 'note'],
      ...Array.from({ length: 10 }, (_, i) => [`2025-05-${String(i + 1).padStart(2, '0')}`, `Walk number ${i} in the park, her choice.`]),
    ];
    const id = (await upload(peerA, csv(rows))).json().id as string;
    await peerA.inject({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: { textColumn: 'note', dateColumn: 'date' } });
    expect((await peerA.inject({ method: 'POST', url: `/api/imports/${id}/commit?batch=4` })).json()).toMatchObject({ done: 4, kept: 4 });
    importTestHooks.beforeRow = (line) => {
      if (line === 7) throw new Error('test failure');
    };
    try {
      expect((await peerA.inject({ method: 'POST', url: `/api/imports/${id}/commit?batch=4` })).statusCode).toBe(500);
    } finally {
      importTestHooks.beforeRow = undefined;
    }
    const count = async () =>
      (await server.app.db.selectFrom('documents').select('id').where('text', 'like', 'Walk number %').execute()).length;
    expect(await count()).toBe(4);
    expect((await peerA.inject({ url: `/api/imports/${id}` })).json().progress).toMatchObject({ done: 4, kept: 4, finished: false });
    // the page finds it again to continue it
    const mine = (await peerA.inject({ url: '/api/imports' })).json().imports as { id: string; status: string }[];
    expect(mine.find((i) => i.id === id)).toMatchObject({ status: 'committing', progress: { done: 4, total: 10, finished: false } });
    expect((await peerB.inject({ url: '/api/imports' })).json().imports.some((i: { id: string }) => i.id === id)).toBe(false);
    expect(await commitAll(peerA, id, 4)).toMatchObject({ done: 10, total: 10, kept: 10, finished: true });
    expect(await count()).toBe(10);
  });

  it('forces a peer to be the author of their own import', async () => {
    const id = (
      await upload(
        peerB,
        csv([
          ['note', 'staff'],
          ['We planned her week together.', 'Ann'],
        ]),
      )
    ).json().id as string;
    const r = await peerB.inject({
      method: 'PUT',
      url: `/api/imports/${id}/mapping`,
      payload: { textColumn: 'note', authorColumn: 'staff', authors: { Ann: peerA.id } },
    });
    expect(r.statusCode).toBe(200);
    await commitAll(peerB, id);
    const doc = await server.app.db
      .selectFrom('documents')
      .select('author_id')
      .where('text', '=', 'We planned her week together.')
      .executeTakeFirstOrThrow();
    expect(doc.author_id).toBe(peerB.id);
  });

  it('lets a supervisor import only for their team', async () => {
    const id = (await upload(sup, FILE)).json().id as string;
    const r = await sup.inject({
      method: 'PUT',
      url: `/api/imports/${id}/mapping`,
      payload: { textColumn: 'note', authorColumn: 'staff', authors: { Ann: outsider.id } },
    });
    expect(r.statusCode).toBe(400);
  });

  it("hides another member's import (404), and refuses a mapping without the CSRF token", async () => {
    const id = (await upload(sup, FILE)).json().id as string;
    expect((await peerA.inject({ url: `/api/imports/${id}` })).statusCode).toBe(404);
    expect((await outsider.inject({ method: 'POST', url: `/api/imports/${id}/commit` })).statusCode).toBe(404);
    const { token } = await import('../src/auth/sessions.js').then((s) => s.createSession(server.app.db, sup.id));
    const noCsrf = await server.app.inject({
      method: 'PUT',
      url: `/api/imports/${id}/mapping`,
      headers: { cookie: `peerlens_session=${token}` },
      payload: { textColumn: 'note' },
    });
    expect(noCsrf.statusCode).toBe(403);
  });

  it('says when a mapping names a column the file does not have, and when commit comes before mapping', async () => {
    const id = (await upload(sup, FILE)).json().id as string;
    expect((await sup.inject({ method: 'POST', url: `/api/imports/${id}/commit` })).statusCode).toBe(409);
    const r = await sup.inject({ method: 'PUT', url: `/api/imports/${id}/mapping`, payload: { textColumn: 'nope' } });
    expect(r.statusCode).toBe(400);
  });
});

describe('dates', () => {
  it('reads ISO, US and dotted dates and refuses impossible ones', () => {
    expect(parseDate('2025-03-04')).toBe('2025-03-04');
    expect(parseDate('3/4/2025')).toBe('2025-03-04');
    expect(parseDate('04.03.2025')).toBe('2025-03-04');
    expect(parseDate('2025-03-04T10:00:00Z')).toBe('2025-03-04T10:00:00.000Z');
    expect(parseDate('2025-02-30')).toBeUndefined();
    expect(parseDate('yesterday')).toBeUndefined();
  });
});
