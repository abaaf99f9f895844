/**
 * Drift rollups (issue 15, decision 023): the drift pages read monthly sums per author
 * (`drift_months`) and per author, month and dimension (`drift_month_dimensions`) instead of
 * every stored analysis. Every change to a note goes through `RollupDelta` in the same
 * transaction as the change: add the note's contribution as it is after, subtract it as it was
 * before. Only Kysely's query builders (upserts with `onConflict … doUpdateSet`), so the same code
 * runs on SQLite and PostgreSQL.
 */
import type { Analysis } from '@peerlens/core';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './types.js';

/** What a note's row needs for its contribution. */
export interface NoteForRollup {
  kind: string;
  author_id: string | null;
  written_at: string | null;
  created_at: string;
  analysis: string;
}

type Counts = { peer: number; overlap: number; clinical: number };

/** One note's share of its author's month: what the drift pages add up. */
export interface Contribution {
  author: string;
  month: string;
  units: number;
  words: number;
  peer: number;
  overlap: number;
  clinical: number;
  neutral: number;
  languageFindings: number;
  roleConflicts: number;
  dimensions: [string, Counts][];
}

const n = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);

/** A note's month: YYYY-MM of when it was written, else of when it was saved. */
export const noteMonth = (note: Pick<NoteForRollup, 'written_at' | 'created_at'>): string =>
  (note.written_at ?? note.created_at).slice(0, 7);

/**
 * What a note adds to the drift pages, or null when it adds nothing: not a note, no author, or
 * an analysis that cannot be read or has no profile (the drift pages have always skipped those).
 */
export function contributionOf(note: NoteForRollup): Contribution | null {
  if (note.kind !== 'note' || note.author_id === null) return null;
  let a: Analysis;
  try {
    a = JSON.parse(note.analysis) as Analysis;
  } catch {
    return null;
  }
  const p = a?.profile;
  if (!p) return null;
  return {
    author: note.author_id,
    month: noteMonth(note),
    units: n(p.units),
    words: n(p.words),
    peer: n(p.counts?.peer),
    overlap: n(p.counts?.overlap),
    clinical: n(p.counts?.clinical),
    neutral: n(p.counts?.neutral),
    languageFindings: n(p.findings?.language),
    roleConflicts: (a.findings ?? []).filter((f) => f.category === 'role' || (f.also ?? []).some((x) => x.category === 'role')).length,
    dimensions: Object.entries(p.byDimension ?? {}).map(([d, c]) => [
      d,
      { peer: n(c?.peer), overlap: n(c?.overlap), clinical: n(c?.clinical) },
    ]),
  };
}

interface MonthDelta {
  author: string;
  month: string;
  notes: number;
  units: number;
  words: number;
  peer: number;
  overlap: number;
  clinical: number;
  neutral: number;
  languageFindings: number;
  roleConflicts: number;
  dimensions: Map<string, { notes: number } & Counts>;
}

/** Rows per statement: well under both databases' limits on bound parameters. */
const CHUNK = 400;

/**
 * Changes to the rollups gathered in memory (one entry per author and month, so a batch of a
 * thousand notes makes a few statements), then written with `apply` inside the caller's
 * transaction.
 */
export class RollupDelta {
  private readonly months = new Map<string, MonthDelta>();

  /** Adds (sign 1) or subtracts (sign -1) a note's contribution; a row that contributes nothing is ignored. */
  add(note: NoteForRollup | undefined | null, sign: 1 | -1 = 1): this {
    if (!note) return this;
    const c = contributionOf(note);
    if (c === null) return this;
    const key = `${c.author}\u0000${c.month}`;
    let m = this.months.get(key);
    if (!m) {
      m = {
        author: c.author,
        month: c.month,
        notes: 0,
        units: 0,
        words: 0,
        peer: 0,
        overlap: 0,
        clinical: 0,
        neutral: 0,
        languageFindings: 0,
        roleConflicts: 0,
        dimensions: new Map(),
      };
      this.months.set(key, m);
    }
    m.notes += sign;
    m.units += sign * c.units;
    m.words += sign * c.words;
    m.peer += sign * c.peer;
    m.overlap += sign * c.overlap;
    m.clinical += sign * c.clinical;
    m.neutral += sign * c.neutral;
    m.languageFindings += sign * c.languageFindings;
    m.roleConflicts += sign * c.roleConflicts;
    for (const [dim, counts] of c.dimensions) {
      const d = m.dimensions.get(dim) ?? { notes: 0, peer: 0, overlap: 0, clinical: 0 };
      d.notes += sign;
      d.peer += sign * counts.peer;
      d.overlap += sign * counts.overlap;
      d.clinical += sign * counts.clinical;
      m.dimensions.set(dim, d);
    }
    return this;
  }

  /** Whether nothing has been gathered. */
  get size(): number {
    return this.months.size;
  }

  /** Writes the gathered changes (call inside the transaction that changed the notes), then forgets them. */
  async apply(db: Kysely<Database> | Transaction<Database>): Promise<void> {
    const months = [...this.months.values()].filter(
      (m) =>
        m.notes !== 0 ||
        m.units !== 0 ||
        m.words !== 0 ||
        m.languageFindings !== 0 ||
        m.roleConflicts !== 0 ||
        [...m.dimensions.values()].some((d) => d.notes !== 0 || d.peer !== 0 || d.overlap !== 0 || d.clinical !== 0),
    );
    this.months.clear();
    if (months.length === 0) return;
    for (let i = 0; i < months.length; i += CHUNK) {
      const chunk = months.slice(i, i + CHUNK);
      await db
        .insertInto('drift_months')
        .values(
          chunk.map((m) => ({
            author_id: m.author,
            month: m.month,
            notes: m.notes,
            units: m.units,
            words: m.words,
            peer: m.peer,
            overlap: m.overlap,
            clinical: m.clinical,
            neutral: m.neutral,
            language_findings: m.languageFindings,
            role_conflicts: m.roleConflicts,
          })),
        )
        .onConflict((oc) =>
          oc.columns(['author_id', 'month']).doUpdateSet((eb) => ({
            notes: eb('drift_months.notes', '+', eb.ref('excluded.notes')),
            units: eb('drift_months.units', '+', eb.ref('excluded.units')),
            words: eb('drift_months.words', '+', eb.ref('excluded.words')),
            peer: eb('drift_months.peer', '+', eb.ref('excluded.peer')),
            overlap: eb('drift_months.overlap', '+', eb.ref('excluded.overlap')),
            clinical: eb('drift_months.clinical', '+', eb.ref('excluded.clinical')),
            neutral: eb('drift_months.neutral', '+', eb.ref('excluded.neutral')),
            language_findings: eb('drift_months.language_findings', '+', eb.ref('excluded.language_findings')),
            role_conflicts: eb('drift_months.role_conflicts', '+', eb.ref('excluded.role_conflicts')),
          })),
        )
        .execute();
    }
    const dims = months.flatMap((m) =>
      [...m.dimensions.entries()]
        .filter(([, d]) => d.notes !== 0 || d.peer !== 0 || d.overlap !== 0 || d.clinical !== 0)
        .map(([dimension, d]) => ({ author_id: m.author, month: m.month, dimension, ...d })),
    );
    for (let i = 0; i < dims.length; i += CHUNK)
      await db
        .insertInto('drift_month_dimensions')
        .values(dims.slice(i, i + CHUNK))
        .onConflict((oc) =>
          oc.columns(['author_id', 'month', 'dimension']).doUpdateSet((eb) => ({
            notes: eb('drift_month_dimensions.notes', '+', eb.ref('excluded.notes')),
            peer: eb('drift_month_dimensions.peer', '+', eb.ref('excluded.peer')),
            overlap: eb('drift_month_dimensions.overlap', '+', eb.ref('excluded.overlap')),
            clinical: eb('drift_month_dimensions.clinical', '+', eb.ref('excluded.clinical')),
          })),
        )
        .execute();
    // a month or dimension left with no notes goes, as if it had never had any
    for (const m of months) {
      if (m.notes < 0)
        await db
          .deleteFrom('drift_months')
          .where('author_id', '=', m.author)
          .where('month', '=', m.month)
          .where('notes', '<=', 0)
          .execute();
      if ([...m.dimensions.values()].some((d) => d.notes < 0))
        await db
          .deleteFrom('drift_month_dimensions')
          .where('author_id', '=', m.author)
          .where('month', '=', m.month)
          .where('notes', '<=', 0)
          .execute();
    }
  }
}

/** Runs `fn` in the transaction `db` already is, or in a new one. */
export function inTransaction<T>(db: Kysely<Database>, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

const PAGE = 500;

function notesAfter(db: Kysely<Database>, after: number) {
  return db
    .selectFrom('documents')
    .select(['seq', 'kind', 'author_id', 'written_at', 'created_at', 'analysis'])
    .where('kind', '=', 'note')
    .where('author_id', 'is not', null)
    .where('seq', '>', after);
}

/** A query of notes, for `subtractNotes` to narrow. */
export type NoteQuery = ReturnType<typeof notesAfter>;

/**
 * Subtracts from the rollups every note that `filter` keeps (a filter on `documents`), reading
 * their analyses a page at a time so that memory stays flat however many there are. Call it in
 * the transaction that then deletes them.
 */
export async function subtractNotes(db: Kysely<Database>, filter: (q: NoteQuery) => NoteQuery): Promise<void> {
  const delta = new RollupDelta();
  let after = -1;
  for (;;) {
    const rows = await filter(notesAfter(db, after)).orderBy('seq').limit(PAGE).execute();
    for (const r of rows) delta.add(r, -1);
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) break;
    after = last.seq;
  }
  await delta.apply(db);
}
