/**
 * Drift from rollups (issue 15, decision 023): after every kind of change to the notes (saves,
 * edits that move a note to another month, deletions, imports in chunks, deleting an import with
 * its notes, a retention purge, deleting a person's data), the drift read from the rollups is
 * exactly the drift recomputed from every stored analysis, as the drift pages did before; and
 * migration 008 fills the rollups from the notes already saved.
 */
import type { Analysis, DimensionId, NoteLabel } from '@peerlens/core';
import { Migrator, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../src/db/migrations/index.js';
import { openDatabase } from '../src/db/database.js';
import { demoNotes } from '../src/features/demo/team.js';
import type { Database } from '../src/db/types.js';
import { RollupDelta } from '../src/db/rollups.js';
import {
  computeDrift,
  finishMonths,
  inRange,
  judge,
  MIN_PEOPLE,
  RULE,
  type Drift,
  type MonthRange,
  type MonthRow,
} from '../src/features/drift/service.js';
import { purgeExpired } from '../src/features/privacy/service.js';
import { rosterFor } from '../src/features/drift/roster.js';
import { startServer, tempDir, type TestServer } from './helpers.js';
import { makeMember, makeTeam, type Member } from './members.js';

/**
 * The drift as the pages computed it before the rollups: every note of the authors read and its
 * analysis parsed (the notes in the order they were saved).
 */
async function driftFromAnalyses(
  db: Kysely<Database>,
  authors: readonly string[],
  withSentences: boolean,
  minPeople: number | null,
  range: MonthRange = {},
): Promise<Drift> {
  const none = { months: [], signal: null, status: judge([]).status, rule: RULE, minPeople };
  if (authors.length === 0) return none;
  const notes = await db
    .selectFrom('documents')
    .select(['id', 'author_id', 'analysis', 'written_at', 'created_at'])
    .where('kind', '=', 'note')
    .where('author_id', 'in', [...authors])
    .orderBy('seq')
    .execute();
  const byMonth = new Map<string, { row: MonthRow; people: Set<string>; notes: { id: string; date: string; analysis: Analysis }[] }>();
  const empty = (month: string): MonthRow => ({
    month,
    notes: 0,
    units: 0,
    words: 0,
    counts: { peer: 0, overlap: 0, clinical: 0, neutral: 0 },
    shares: { peer: 0, overlap: 0, clinical: 0, neutral: 0 },
    byDimension: {},
    dimensionShares: {},
    languageFindings: 0,
    languagePer1000Words: 0,
    roleConflicts: 0,
    hidden: false,
  });
  for (const n of notes) {
    const date = n.written_at ?? n.created_at;
    const month = date.slice(0, 7);
    if (!inRange(month, range)) continue;
    const a = JSON.parse(n.analysis) as Analysis;
    let m = byMonth.get(month);
    if (!m) byMonth.set(month, (m = { row: empty(month), people: new Set(), notes: [] }));
    const r = m.row;
    m.people.add(n.author_id ?? '');
    r.notes++;
    r.units += a.profile.units;
    r.words += a.profile.words;
    for (const l of ['peer', 'overlap', 'clinical', 'neutral'] as NoteLabel[]) r.counts[l] += a.profile.counts[l];
    for (const [dim, c] of Object.entries(a.profile.byDimension) as [DimensionId, { peer: number; overlap: number; clinical: number }][]) {
      const d = (r.byDimension[dim] ??= { peer: 0, overlap: 0, clinical: 0 });
      d.peer += c.peer;
      d.overlap += c.overlap;
      d.clinical += c.clinical;
    }
    r.languageFindings += a.profile.findings.language;
    r.roleConflicts += a.findings.filter((f) => f.category === 'role' || (f.also ?? []).some((x) => x.category === 'role')).length;
    m.notes.push({ id: n.id, date: date.slice(0, 10), analysis: a });
  }
  if (minPeople !== null)
    for (const [month, m] of byMonth)
      if (m.people.size < minPeople) byMonth.set(month, { row: { ...empty(month), hidden: true }, people: new Set(), notes: [] });
  const months = finishMonths(new Map([...byMonth].map(([k, v]) => [k, v.row])));
  if (months.length === 0) return none;
  const { signal, status } = judge(months);
  if (signal && withSentences) {
    const recent = new Set(signal.months.slice(-3));
    const candidates = [...byMonth.entries()]
      .filter(([m]) => recent.has(m))
      .flatMap(([, v]) =>
        v.notes.flatMap((n) =>
          n.analysis.sentences
            .filter((s) => s.label === 'clinical')
            .map((s) => ({ documentId: n.id, date: n.date, text: s.text, confidence: s.confidence })),
        ),
      );
    candidates.sort((a, b) => b.confidence - a.confidence || b.date.localeCompare(a.date));
    const seen = new Set<string>();
    signal.sentences = candidates
      .filter((c) => (seen.has(c.text) || seen.has(c.documentId) ? false : (seen.add(c.text), seen.add(c.documentId), true)))
      .slice(0, 5)
      .map(({ documentId, date, text }) => ({ documentId, date, text }));
  }
  return { months, signal, status, rule: RULE, minPeople };
}

/** The rollup tables as rows, sorted, and the same rows rebuilt from every stored note. */
async function rollupsAndRebuilt(db: Kysely<Database>): Promise<{ stored: unknown; rebuilt: unknown }> {
  const read = async (d: Kysely<Database>) => ({
    months: await d.selectFrom('drift_months').selectAll().orderBy('author_id').orderBy('month').execute(),
    dimensions: await d
      .selectFrom('drift_month_dimensions')
      .selectAll()
      .orderBy('author_id')
      .orderBy('month')
      .orderBy('dimension')
      .execute(),
  });
  const stored = await read(db);
  const rebuilt = await db
    .transaction()
    .execute(async (trx) => {
      await trx.deleteFrom('drift_month_dimensions').execute();
      await trx.deleteFrom('drift_months').execute();
      const delta = new RollupDelta();
      for (const n of await trx.selectFrom('documents').select(['kind', 'author_id', 'written_at', 'created_at', 'analysis']).execute())
        delta.add(n);
      await delta.apply(trx);
      const r = await read(trx);
      throw Object.assign(new Error('roll back'), { rebuilt: r });
    })
    .catch((e: { rebuilt?: unknown }) => e.rebuilt);
  return { stored, rebuilt };
}

let server: TestServer;
let db: Kysely<Database>;
let teamId: string;
let supervisor: Member;
let admin: Member;
const peers: Member[] = [];
const now = new Date();
/** The notes the test saved, by id: who and when. */
const saved = new Map<string, { author: Member; month: string }>();

async function save(author: Member, text: string, writtenAt: string): Promise<string> {
  const r = await author.inject({ method: 'POST', url: '/api/documents', payload: { title: 'note', kind: 'note', text, writtenAt } });
  expect(r.statusCode).toBe(201);
  const id = (r.json() as { id: string }).id;
  saved.set(id, { author, month: writtenAt.slice(0, 7) });
  return id;
}

/** Every view of the drift pages, from the rollups and from the analyses, must agree. */
async function expectSameDrift(step: string): Promise<void> {
  const ids = peers.map((p) => p.id);
  const members = (await db.selectFrom('users').select('id').where('team_id', '=', teamId).execute()).map((u) => u.id);
  const months = [...new Set([...saved.values()].map((s) => s.month))].sort();
  const range = { from: months[2], to: months[months.length - 3] };
  const views: [string, readonly string[], boolean, number | null, MonthRange][] = [
    ...ids.map((id, i): [string, readonly string[], boolean, number | null, MonthRange] => [`member ${i}`, [id], true, null, {}]),
    ['team, supervisor', members, true, null, {}],
    ['team, aggregates', members, false, MIN_PEOPLE, {}],
    ['team, aggregates, range', members, false, MIN_PEOPLE, range],
    ['member, range', [ids[0] as string], true, null, range],
  ];
  for (const [name, authors, sentences, minPeople, r] of views)
    expect(await computeDrift(db, authors, sentences, minPeople, r), `${step}: ${name}`).toEqual(
      await driftFromAnalyses(db, authors, sentences, minPeople, r),
    );
  // the roster of teams (a leader's or admin's first view) as it was: a drift per team from the analyses
  const roster = await rosterFor(
    db,
    { id: admin.id, username: admin.username, name: 'admin', role: 'admin', teamId: null, csrf: '' },
    range,
  );
  for (const row of roster?.rows ?? []) {
    const ids = (await db.selectFrom('users').select('id').where('team_id', '=', row.id).execute()).map((u) => u.id);
    const d = await driftFromAnalyses(db, ids, false, MIN_PEOPLE, range);
    const shown = d.months.filter((m) => !m.hidden && m.notes > 0);
    expect(row, `${step}: roster`).toEqual({
      id: row.id,
      name: row.name,
      role: null,
      people: ids.length,
      lastNote: shown[shown.length - 1]?.month ?? null,
      monthsWithNotes: shown.length,
      signal: { kind: d.status.kind, title: d.status.title },
      hidden: shown.length === 0 && d.months.some((m) => m.hidden),
    });
  }
  expect(roster?.rows.some((r) => r.id === teamId && r.monthsWithNotes > 0)).toBe(true);
  const { stored, rebuilt } = await rollupsAndRebuilt(db);
  expect(stored, `${step}: rollup rows`).toEqual(rebuilt);
}

beforeAll(async () => {
  server = await startServer({ demo: false });
  db = server.app.db;
  teamId = await makeTeam(server.app);
  supervisor = await makeMember(server.app, 'supervisor', teamId);
  admin = await makeMember(server.app, 'admin', null);
  for (let i = 0; i < 4; i++) peers.push(await makeMember(server.app, 'peer', teamId));
});
afterAll(() => server.close());

describe('drift from rollups', () => {
  it('equals the drift recomputed from the analyses after saves, edits, deletions, imports, a purge and a deletion of data', async () => {
    // saves: each peer's notes over the last 12 months, one of them drifting (a signal, with sentences)
    for (const [i, peer] of peers.entries()) {
      const notes = demoNotes(7 + i, i === 0, now).filter((_, k) => i === 0 || k % 4 === 0);
      for (const n of notes) await save(peer, n.text, n.date);
    }
    // and a few from years ago: the pages show the last 24 months up to the last with notes
    for (const [k, back] of [30, 31, 40, 55].entries()) {
      const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10)).toISOString().slice(0, 10);
      await save(peers[k % 2] as Member, `We met at the library ${k} and she chose the next step herself.`, d);
    }
    await expectSameDrift('saves');
    expect((await computeDrift(db, [peers[0]?.id as string], true)).signal?.sentences?.length).toBeGreaterThan(0);

    // edits: new text, and a note moved to another month (and a title alone, which changes nothing)
    const ids = [...saved.keys()];
    for (const [k, id] of ids.filter((_, k) => k % 7 === 0).entries()) {
      const { author } = saved.get(id) as { author: Member };
      const other = saved.get(ids[(k * 13) % ids.length] as string) as { month: string };
      const payload =
        k % 3 === 0
          ? { text: 'We walked to the food bank together and she said it felt good to be asked what she wanted.' }
          : k % 3 === 1
            ? { writtenAt: `${other.month}-15` }
            : { title: 'renamed' };
      expect((await author.inject({ method: 'PUT', url: `/api/documents/${id}`, payload })).statusCode).toBe(200);
      if ('writtenAt' in payload) saved.set(id, { author, month: other.month });
    }
    await expectSameDrift('edits');

    // deletions
    for (const id of ids.filter((_, k) => k % 5 === 1)) {
      const { author } = saved.get(id) as { author: Member };
      expect((await author.inject({ method: 'DELETE', url: `/api/documents/${id}` })).statusCode).toBe(204);
      saved.delete(id);
    }
    await expectSameDrift('deletions');

    // an import by the supervisor for two peers, committed in chunks; then another, deleted with its notes
    const rows = demoNotes(99, true, now).slice(0, 40);
    const csv = (offset: number): string =>
      'author,date,note\n' +
      rows
        .map((n, k) => `${k % 2 === 0 ? 'p1' : 'p2'},${n.date},"${(n.text.trim() + ` (${offset + k})`).replaceAll('"', '""')}"`)
        .join('\n');
    const importOf = async (offset: number): Promise<string> => {
      const r = await supervisor.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'notes.csv' },
        payload: Buffer.from(csv(offset)),
      });
      expect(r.statusCode).toBe(201);
      const id = (r.json() as { id: string }).id;
      const mapped = await supervisor.inject({
        method: 'PUT',
        url: `/api/imports/${id}/mapping`,
        payload: {
          textColumn: 'note',
          authorColumn: 'author',
          dateColumn: 'date',
          authors: { p1: peers[1]?.id as string, p2: peers[2]?.id as string },
        },
      });
      expect(mapped.statusCode).toBe(200);
      for (;;) {
        const p = (await supervisor.inject({ method: 'POST', url: `/api/imports/${id}/commit?batch=7` })).json() as {
          finished: boolean;
          kept: number;
        };
        if (p.finished) {
          expect(p.kept).toBe(rows.length);
          break;
        }
      }
      return id;
    };
    await importOf(0);
    for (const n of rows) saved.set(`import-${n.date}-${n.text.length}`, { author: supervisor, month: n.date.slice(0, 7) });
    await expectSameDrift('import');
    const second = await importOf(1000);
    await expectSameDrift('second import');
    const del = await supervisor.inject({ method: 'DELETE', url: `/api/imports/${second}?notes=true` });
    expect(del.statusCode).toBe(200);
    await expectSameDrift('import deleted with its notes');

    // a retention purge that cuts through a month
    const days = 200;
    const r = await admin.inject({ method: 'PUT', url: '/api/settings', payload: { keepText: true, retentionDays: days } });
    expect(r.statusCode).toBe(200);
    const cutoff = new Date(now.getTime() - days * 86_400_000).toISOString();
    const left = await db
      .selectFrom('documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) => eb(eb.fn.coalesce('written_at', 'created_at'), '<', cutoff))
      .executeTakeFirstOrThrow();
    expect(Number(left.n)).toBe(0);
    expect(await purgeExpired(db, now)).toBe(0);
    await expectSameDrift('retention purge');

    // a person's data deleted: the team's aggregates lose a writer, so months with fewer than three are hidden
    const before = await computeDrift(db, [...peers.map((p) => p.id), supervisor.id], false, MIN_PEOPLE);
    expect(before.months.some((m) => !m.hidden && m.notes > 0)).toBe(true);
    const gone = await admin.inject({ method: 'DELETE', url: `/api/people/${peers[3]?.id}/data` });
    expect(gone.statusCode).toBe(200);
    expect(
      await db
        .selectFrom('drift_months')
        .select('month')
        .where('author_id', '=', peers[3]?.id as string)
        .execute(),
    ).toEqual([]);
    await expectSameDrift('person data deleted');
    // only peers 0, 1 and 2 write now; a month where one of them did not write has two writers and is hidden
    const writers = await db
      .selectFrom('drift_months')
      .select(['month', (eb) => eb.fn.countAll<number>().as('people')])
      .where(
        'author_id',
        'in',
        peers.map((p) => p.id),
      )
      .groupBy('month')
      .execute();
    const after = await computeDrift(db, [...peers.map((p) => p.id), supervisor.id], false, MIN_PEOPLE);
    for (const m of after.months) {
      const people = Number(writers.find((w) => w.month === m.month)?.people ?? 0);
      expect(m.hidden, m.month).toBe(people > 0 && people < MIN_PEOPLE);
    }
  });

  it('answers the team view from the rollups alone: with the notes emptied of their analyses, the figures stay', async () => {
    const members = (await db.selectFrom('users').select('id').where('team_id', '=', teamId).execute()).map((u) => u.id);
    const before = await computeDrift(db, members, false, MIN_PEOPLE);
    await db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('documents').set({ analysis: '{}' }).execute();
        expect(await computeDrift(trx, members, false, MIN_PEOPLE)).toEqual(before);
        throw new Error('roll back');
      })
      .catch(() => undefined);
  });
});

describe('migration 008', () => {
  it('fills the rollups from the notes saved before it', async () => {
    const dir = tempDir();
    const old = openDatabase(dir);
    try {
      const migrator = new Migrator({ db: old, provider: migrationProvider });
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const team = 't1';
      await old.insertInto('teams').values({ id: team, name: 'Team', created_at: now.toISOString() }).execute();
      const authors = ['a1', 'a2', 'a3'];
      for (const id of authors)
        await old
          .insertInto('users')
          .values({
            id,
            username: id,
            name: id,
            role: 'peer',
            team_id: team,
            password_hash: null,
            created_at: now.toISOString(),
            disabled_at: null,
          })
          .execute();
      // saved through the documents service of this version, then the rollups they made taken away:
      // as if saved before migration 008
      const { insertDocument } = await import('../src/features/documents/service.js');
      for (const [i, author] of authors.entries())
        for (const n of demoNotes(50 + i, i === 0, now).filter((_, k) => k % 6 === 0))
          await insertDocument(old, { title: 'n', kind: 'note', text: n.text, writtenAt: n.date }, now, { authorId: author, teamId: team });
      await insertDocument(old, { title: 'role', kind: 'role', text: 'Facilitate a weekly support group.' }, now, { authorId: 'a1' });
      await insertDocument(old, { title: 'no author', kind: 'note', text: 'We went for a walk.' }, now);
      const expected = await computeDrift(old, authors, true, MIN_PEOPLE);
      // back to before migration 008 (its down drops the rollups), then up again
      expect((await migrator.migrateTo('007-threads')).error).toBeUndefined();
      expect(await old.introspection.getTables()).not.toContainEqual(expect.objectContaining({ name: 'drift_months' }));
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await computeDrift(old, authors, true, MIN_PEOPLE)).toEqual(expected);
      expect(await computeDrift(old, authors, true, MIN_PEOPLE)).toEqual(await driftFromAnalyses(old, authors, true, MIN_PEOPLE));
      expect(expected.months.filter((m) => !m.hidden && m.notes > 0).length).toBeGreaterThan(6);
    } finally {
      await old.destroy();
    }
  });
});
